"""The engine's TMX and our glossary files against translate-toolkit, and on the command line."""

from __future__ import annotations

from translate.storage import tmx as tt_tmx

from desktop.cli import main
from desktop.translation import memory
from desktop.translation.glossary import list_terms
from desktop.translation.tmx_io import export_memory, import_memory
from tests.support.factory import make_region

ENTRIES = {
    "ar": [
        ("Wir beraten Sie.", "نقدم لكم الاستشارة."),
        ("Rufen Sie 0241 123456 an.", "اتصلوا على 0241 123456."),
    ],
    "ti": [("Die Beratung ist kostenlos.", "ምኽሪ ብነጻ እዩ።")],
}


def _fill(db):
    for target, pairs in ENTRIES.items():
        memory.store(db, "de", target, [memory.Entry(s, t, s, t, "deepl") for s, t in pairs])


def test_translate_toolkit_reads_the_memory_we_export(sqlite_db, tmp_path):
    _fill(sqlite_db)
    for target, pairs in ENTRIES.items():
        path = tmp_path / f"memory-{target}.tmx"
        assert export_memory(sqlite_db, path, target=target) == len(pairs)
        with open(path, "rb") as handle:
            store = tt_tmx.tmxfile(handle, sourcelanguage="de", targetlanguage=target)
        assert sorted((u.source, u.target) for u in store.units) == sorted(pairs)


def test_we_import_a_memory_translate_toolkit_wrote(sqlite_db, tmp_path):
    store = tt_tmx.tmxfile(sourcelanguage="de", targetlanguage="uk")
    store.addtranslation("Wir beraten Sie.", "de", "Ми консультуємо вас.", "uk")
    store.addtranslation("Telefon 0241 123456.", "de", "Телефон 0241 123456.", "uk")
    path = tmp_path / "toolkit.tmx"
    path.write_bytes(bytes(store))
    result = import_memory(sqlite_db, path)
    assert (result.added, result.skipped) == (2, 0)
    found = memory.lookup(sqlite_db, "de", "uk", [memory.memory_key("Wir beraten Sie.")])
    assert list(found.values()) == ["Ми консультуємо вас."]


def test_glossary_files_on_the_command_line(sqlite_db, tmp_path, capsys):
    make_region(sqlite_db)
    url = str(sqlite_db.sqlite_path)
    path = tmp_path / "agentur.csv"
    path.write_text(
        "term;target_language;translation\nJobcenter;*;\nIntegrationskurs;ar;دورة الاندماج\nKita;sw;Kita\n",
        encoding="utf-8",
    )
    assert main(["glossary", "import", "--db", url, str(path)]) == 1  # one row rejected
    out = capsys.readouterr().out
    assert "Zeile 4" in out and "2 neu" in out
    assert {t.term for t in list_terms(sqlite_db)} == {"Jobcenter", "Integrationskurs"}
    assert main(["glossary", "export", "--db", url, str(tmp_path / "g.tbx")]) == 0
    assert "دورة الاندماج" in (tmp_path / "g.tbx").read_text(encoding="utf-8")
