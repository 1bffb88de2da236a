"""Duplicate, archive, delete and restore a version of pages and events (desktop/content_items.py),
on SQLite and PostgreSQL: a copy keeps its kind, its place after the original or its times and
never the iCal UID; a page is archived with its subpages and not deleted without them; a version
brings back where a page stood and when an event was."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from desktop.content import ContentError, create_item, list_pages, move_page, timing_facts
from desktop.content_editing import get_item, payload_from_item, save_item
from desktop.content_items import (
    delete_items,
    duplicate_item,
    restore_item_version,
    set_item_state,
)
from desktop.offers import offer_history
from desktop.regions import add_language
from models.recurrence import Timing
from models.revision_notes import render_note
from models.tables import Offer, Region


@pytest.fixture
def region_db(db):
    with db.transaction() as session:
        region = Region(slug="r", name="Region")
        session.add(region)
        session.flush()
        add_language(session, region, "de", None, position=0)
        add_language(session, region, "ar", "de", position=1)
    return db


def _page(db, title, parent=None):
    return create_item(
        db,
        "page",
        {"de": {"title": title, "summary": "", "content": f"<p>{title}</p>"}},
        author="t",
        facts={"state": "published"},
        kind_facts={"parent_id": parent},
    )


def _event(db, title, uid=None):
    timing = Timing(
        start=datetime(2026, 12, 1, 15), end=datetime(2026, 12, 1, 17), rule="FREQ=WEEKLY;BYDAY=TU"
    )
    return create_item(
        db,
        "event",
        {"de": {"title": title, "summary": "", "content": "<p>Kaffee</p>"}},
        author="t",
        facts={"state": "published"},
        kind_facts={**timing_facts(timing), "ical_uid": uid},
    )


def _row(db, item_id):
    with db.session() as session:
        return session.get(Offer, item_id)


def test_a_copy_keeps_its_kind_and_its_place(region_db):
    db = region_db
    top = _page(db, "Ankommen")
    first, second = _page(db, "Anmeldung", top), _page(db, "Bank", top)
    copy = duplicate_item(db, first, author="t")
    rows = {r.id: r for r in list_pages(db)}
    assert rows[copy].parent_id == top and rows[copy].title == "Anmeldung (Kopie)"
    assert [r.id for r in list_pages(db) if r.parent_id == top] == [first, copy, second]
    assert rows[copy].state == "draft" and rows[first].state == "published"
    event = _event(db, "Sprachcafé", uid="cms-uid-7@example.org")
    twin = duplicate_item(db, event, author="t")
    original, copied = _row(db, event), _row(db, twin)
    assert copied.kind == "event" and copied.rrule == "FREQ=WEEKLY;BYDAY=TU"
    assert (copied.event_start, copied.event_end) == (original.event_start, original.event_end)
    assert original.ical_uid == "cms-uid-7@example.org" and copied.ical_uid is None
    with pytest.raises(ContentError):
        duplicate_item(db, 99999, author="t")


def test_archive_takes_the_subpages_and_delete_does_not_orphan_them(region_db):
    db = region_db
    top = _page(db, "Ankommen")
    child = _page(db, "Anmeldung", top)
    grandchild = _page(db, "Termine", child)
    assert sorted(set_item_state(db, child, "archived", author="t")) == sorted([child, grandchild])
    assert {r.id: r.state for r in list_pages(db)} == {
        top: "published", child: "archived", grandchild: "archived"
    }  # fmt: skip
    assert set_item_state(db, child, "draft", author="t") == [child]  # brought back alone
    with pytest.raises(ContentError) as refused:
        delete_items(db, [top])
    assert "Ankommen" in refused.value.message("en") and "1 subpages" in refused.value.message("en")
    assert {r.id for r in list_pages(db)} == {top, child, grandchild}  # nothing deleted
    delete_items(db, [child, grandchild])  # a page goes with all that is below it
    assert [r.id for r in list_pages(db)] == [top]
    event = _event(db, "Sprachcafé")
    set_item_state(db, event, "archived", author="t")
    assert _row(db, event).state == "archived"
    delete_items(db, [event])
    assert _row(db, event) is None


def test_a_version_brings_back_the_place_and_the_times(region_db):
    db = region_db
    top, other = _page(db, "Ankommen"), _page(db, "Leben")
    page = _page(db, "Anmeldung", top)
    move_page(db, page, other, 0, author="t")
    history = offer_history(db, page, "en")
    before_move = next(
        e for e in history if e.kind == "facts" and render_note(e.note, "en") != "Moved in the page tree"
    )
    restore_item_version(db, before_move, author="t")
    assert _row(db, page).parent_id == top
    restored = offer_history(db, page, "en")[0]
    assert (
        restored.kind == "facts" and render_note(restored.note, "en") == f"Restored revision {before_move.id}"
    )
    event = _event(db, "Sprachcafé")
    item = get_item(db, event)
    base = payload_from_item(item)
    payload = {
        **base,
        "facts": {**base["facts"], "event_start": "2026-12-02T10:00", "event_end": "2026-12-02T11:00"},
    }
    save_item(db, event, "event", payload, base=base, base_version=item.version, author="t")
    assert _row(db, event).event_start == datetime(2026, 12, 2, 10)
    first = [e for e in offer_history(db, event, "en") if e.kind == "facts"][-1]
    restore_item_version(db, first, author="t")
    assert _row(db, event).event_start == datetime(2026, 12, 1, 15)
    with db.session() as session:
        assert session.exec(select(Offer).where(Offer.id == event)).one().rrule == "FREQ=WEEKLY;BYDAY=TU"
