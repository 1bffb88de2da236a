"""The glossary through TBX and CSV: round trips, what translate-toolkit makes of our TBX, bad rows."""

from __future__ import annotations

import pytest
from sqlmodel import select
from translate.storage import tbx as tt_tbx

from desktop.errors import LotseError
from desktop.exchange.glossary_io import export_glossary, import_glossary
from desktop.translation.glossary import add_term, terms_for
from export.glossary_files import GlossaryEntry, read_tbx, write_tbx
from models.tables import GlossaryTerm
from tests.support.factory import make_region


def _fill(db):
    add_term(db, "Jobcenter", note="Amt")
    add_term(db, "Integrationskurs", target="ar", translation="دورة الاندماج")
    add_term(db, "Integrationskurs", target="fa", translation="دوره ادغام")
    add_term(db, "Ausländerbehörde", target="en")  # kept as is in English only


def _all(db):
    with db.transaction() as session:
        return sorted(
            (r.term, r.target_language, r.translation, r.note) for r in session.exec(select(GlossaryTerm))
        )


@pytest.mark.parametrize("suffix", ["tbx", "csv"])
def test_glossary_round_trip(db, tmp_path, suffix):
    make_region(db)
    _fill(db)
    before = _all(db)
    path = tmp_path / f"glossar.{suffix}"
    assert export_glossary(db, path) == 4
    with db.transaction() as session:
        for row in session.exec(select(GlossaryTerm)):
            session.delete(row)
    result = import_glossary(db, path)
    assert (result.added, result.rejected) == (4, [])
    assert _all(db) == before
    assert import_glossary(db, path).unchanged == 4
    assert [t.target for t in terms_for(db, "de", "ar") if t.source == "Integrationskurs"] == [
        "دورة الاندماج"
    ]


def test_translate_toolkit_reads_our_tbx_and_we_read_its(tmp_path):
    entries = [
        GlossaryEntry("Jobcenter"),
        GlossaryEntry("Integrationskurs", target_language="ar", translation="دورة الاندماج"),
    ]
    store = tt_tbx.tbxfile.parsestring(write_tbx(entries))
    assert sorted(u.source for u in store.units) == ["Integrationskurs", "Jobcenter"]
    theirs = tt_tbx.tbxfile(sourcelanguage="de", targetlanguage="en")
    unit = theirs.addsourceunit("Ausländerbehörde")
    unit.target = "Foreigners' Office"
    data = bytes(theirs)
    assert b"<!DOCTYPE martif" in data  # a bare DOCTYPE is read, never fetched
    assert read_tbx(data, "tt.tbx") == [GlossaryEntry("Ausländerbehörde", "de", "en", "Foreigners' Office")]


def test_bad_rows_are_reported_and_the_rest_imported(sqlite_db, tmp_path):
    make_region(sqlite_db)
    path = tmp_path / "glossar.csv"
    path.write_text(
        "Begriff;Sprache;Übersetzung;Notiz\nJobcenter;*;;\n;ar;x;\nIntegrationskurs;*;Kurs;\n"
        "Integrationskurs;sw;Kozi;\nBürgeramt;ar;مكتب المواطنين;\n",
        encoding="utf-8",
    )
    result = import_glossary(sqlite_db, path)
    assert result.added == 2
    assert [line for line, _ in result.rejected] == [3, 4, 5]
    assert "Sprache „sw“" in result.rejected[2][1].render("de")
    assert "one target language" in result.rejected[1][1].render("en")


def test_hostile_tbx_is_refused(sqlite_db, tmp_path):
    make_region(sqlite_db)
    path = tmp_path / "evil.tbx"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<martif><text><body><termEntry><langSet xml:lang='de'><tig><term>&x;</term></tig></langSet>"
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    with pytest.raises(LotseError) as caught:
        import_glossary(sqlite_db, path)
    assert "DTD" in caught.value.de
    assert _all(sqlite_db) == []
