"""TMX export and import of the memory; hostile files are refused."""

from __future__ import annotations

import pytest

from desktop.errors import LotseError
from desktop.translation import memory
from desktop.translation.tmx_io import export_memory, import_memory
from export.tmx import TmxError, parse_tmx


def test_memory_round_trips_through_tmx(db, tmp_path):
    memory.store(
        db,
        "de",
        "ar",
        [
            memory.Entry(
                "Rufen Sie ⟦1⟧ an.",
                "اتصل على ⟦1⟧.",
                "Rufen Sie 0241 123456 an.",
                "اتصل على 0241 123456.",
                "deepl",
            ),
            memory.Entry("Wir beraten Sie.", "نحن ننصحك.", "Wir beraten Sie.", "نحن ننصحك.", "deepl"),
        ],
    )
    path = tmp_path / "memory.tmx"
    assert export_memory(db, path) == 2
    text = path.read_text("utf-8")
    assert 'xml:lang="ar"' in text and "0241 123456" in text and "⟦" not in text
    with db.transaction() as session:
        from models.tables import TranslationMemory

        for row in session.exec(__import__("sqlmodel").select(TranslationMemory)):
            session.delete(row)
    result = import_memory(db, path)
    assert (result.added, result.skipped) == (2, 0)
    found = memory.lookup(db, "de", "ar", [memory.memory_key("Rufen Sie ⟦1⟧ an.")])
    assert list(found.values()) == ["اتصل على ⟦1⟧."]
    assert import_memory(db, path).known == 2


def test_tmx_from_another_tool_with_inline_codes_and_region_tags(sqlite_db, tmp_path):
    path = tmp_path / "other.tmx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="de-DE" datatype="html" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="de-DE"><seg>Wir <bpt i="1">&lt;b&gt;</bpt>beraten<ept i="1">&lt;/b&gt;</ept> Sie.</seg></tuv>
<tuv xml:lang="uk-UA"><seg>Ми <bpt i="1">&lt;b&gt;</bpt>консультуємо<ept i="1">&lt;/b&gt;</ept> вас.</seg></tuv></tu>
<tu><tuv xml:lang="de-DE"><seg>Telefon 0241 123456.</seg></tuv><tuv xml:lang="uk-UA"><seg>Телефон.</seg></tuv></tu>
</body></tmx>""",
        "utf-8",
    )
    result = import_memory(sqlite_db, path)
    assert (result.added, result.skipped) == (1, 1)
    assert memory.lookup(sqlite_db, "de", "uk", [memory.memory_key("Wir beraten Sie.")])


def test_entity_expansion_is_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><tmx version="1.4"><body><tu><tuv xml:lang="de"><seg>&c;</seg></tuv>
<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>"""
    with pytest.raises(TmxError, match="entities"):
        parse_tmx(bomb)
    external = (
        b"""<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx><body/></tmx>"""
    )
    with pytest.raises(TmxError):
        parse_tmx(external)


def test_not_tmx_is_a_clear_error(sqlite_db, tmp_path):
    path = tmp_path / "x.tmx"
    path.write_text("<html><body>no</body></html>", "utf-8")
    with pytest.raises(LotseError) as caught:
        import_memory(sqlite_db, path)
    assert "<html>" in caught.value.message("en")


def test_units_without_a_usable_pair_of_languages_are_counted_not_remembered(sqlite_db, tmp_path):
    """'de' beside 'de-AT' is no translation; '*all*' or an empty tag is no language."""
    path = tmp_path / "pairs.tmx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="de" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="de"><seg>Wir beraten Sie.</seg></tuv><tuv xml:lang="de-AT"><seg>Wir beraten Sie gern.</seg></tuv>
<tuv xml:lang="fa_IR"><seg>ما به شما مشاوره می‌دهیم.</seg></tuv><tuv xml:lang="&lt;b&gt;"><seg>x</seg></tuv></tu>
</body></tmx>""",
        "utf-8",
    )
    result = import_memory(sqlite_db, path)
    assert (result.added, result.unusable) == (1, 2)
    assert memory.lookup(sqlite_db, "de", "fa", [memory.memory_key("Wir beraten Sie.")])
    assert not memory.lookup(sqlite_db, "de", "de", [memory.memory_key("Wir beraten Sie.")])
