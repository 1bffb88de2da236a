"""Bad page trees and events in Integreat JSON: a clear message naming the item, nothing imported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlmodel import select

from desktop.integreat_import import ImportFailed, import_integreat
from models.tables import Offer, Region

FIXTURES = Path(__file__).parent.parent / "integreat" / "fixtures"


def _copy(tmp_path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(FIXTURES, folder)
    return folder


def _edit(folder: Path, name: str, change) -> None:
    items = json.loads((folder / name).read_text(encoding="utf-8"))
    change(items)
    (folder / name).write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")


def _nothing(db) -> None:
    with db.transaction() as session:
        assert session.exec(select(Region)).first() is None and session.exec(select(Offer)).first() is None


def test_a_parent_that_is_not_in_the_json_is_named(tmp_path, sqlite_db):
    folder = _copy(tmp_path)

    def orphan(pages):
        page = next(p for p in pages if p["title"] == "Sprachkurse")
        page["parent"] = {"id": 999, "url": None, "path": "/augsburg/de/gibt-es-nicht/"}

    _edit(folder, "augsburg_de_pages.json", orphan)
    with pytest.raises(ImportFailed) as caught:
        import_integreat(sqlite_db, folder)
    message = caught.value.message("de")
    assert "Sprachkurse" in message and "gibt-es-nicht" in message and "Nichts wurde übernommen" in message
    _nothing(sqlite_db)


def test_a_cycle_in_the_page_tree_is_named(tmp_path, sqlite_db):
    folder = _copy(tmp_path)

    def cycle(pages):
        top = next(p for p in pages if p["title"] == "Deutsche Sprache")
        top["parent"] = {"id": 5, "url": None, "path": "/augsburg/de/deutsche-sprache/sprachkurse/"}

    _edit(folder, "augsburg_de_pages.json", cycle)
    with pytest.raises(ImportFailed) as caught:
        import_integreat(sqlite_db, folder)
    assert "Kreis" in caught.value.message("de") and "Deutsche Sprache" in caught.value.message("de")
    assert "cycle" in caught.value.message("en")
    _nothing(sqlite_db)


def test_an_event_whose_rule_cannot_be_used_is_named(tmp_path, sqlite_db):
    folder = _copy(tmp_path)

    def secondly(events):
        for e in events:
            if e["recurrence_rule"]:
                e["recurrence_rule"] = "DTSTART:20300101T120000\nRRULE:FREQ=SECONDLY;COUNT=99999999"

    _edit(folder, "augsburg_de_events.json", secondly)
    _edit(folder, "augsburg_de_events_combine_recurring.json", secondly)
    with pytest.raises(ImportFailed) as caught:
        import_integreat(sqlite_db, folder)
    assert "FREQ" in caught.value.message("de") and "Nichts wurde übernommen" in caught.value.message("de")
    _nothing(sqlite_db)


def test_an_event_in_an_unknown_time_zone_is_named(tmp_path, sqlite_db):
    folder = _copy(tmp_path)

    def mars(events):
        for e in events:
            e["event"]["timezone"] = "Mars/Olympus"

    _edit(folder, "augsburg_de_events_combine_recurring.json", mars)
    _edit(folder, "augsburg_de_events.json", mars)
    with pytest.raises(ImportFailed) as caught:
        import_integreat(sqlite_db, folder)
    assert "Mars/Olympus" in caught.value.message("de")
    _nothing(sqlite_db)
