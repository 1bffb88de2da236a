"""The page and event editors' operations (desktop/content_editing.py, desktop/page_moves.py)
on SQLite and PostgreSQL: a page saved under another and reordered without outdating its
translation, a save into its own subtree refused; an event's rule, exception and moved date
saved and read back; a rule without a date and an end before the start refused beside their
fields; keyboard steps (up, down, in, out) through move_page."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.content import list_occurrences, list_pages
from desktop.content_editing import (
    empty_item_payload,
    get_item,
    item_problems,
    payload_from_item,
    save_item,
)
from desktop.errors import ConflictError, LotseError
from desktop.offers import save_translation
from desktop.page_moves import shift_page
from desktop.regions import add_language
from models.tables import Region


@pytest.fixture
def region_db(db):
    with db.transaction() as session:
        region = Region(slug="r", name="Region")
        session.add(region)
        session.flush()
        add_language(session, region, "de", None, position=0)
        add_language(session, region, "ar", "de", position=1)
    return db


def _new_page(db, title, parent=None):
    payload = empty_item_payload("page", ["de", "ar"])
    payload["texts"]["de"] = {"title": title, "summary": "", "content": f"<p>{title}</p>"}
    payload["facts"]["parent_id"] = parent
    return save_item(db, None, "page", payload, base=None, base_version=None, author="t")


def test_a_page_saved_under_another_moves_without_outdating_its_translation(region_db):
    db = region_db
    top, other = _new_page(db, "Ankommen"), _new_page(db, "Leben")
    child = _new_page(db, "Anmeldung", top.id)
    assert child.facts["parent_id"] == top.id and child.facts["kind"] == "page"
    source = child.texts["de"].fingerprint
    save_translation(
        db, child.id, "ar", {"title": "التسجيل", "summary": "", "content": "<p>x</p>"},
        author="t", review_status="checked", source_fingerprint=source,
    )  # fmt: skip
    child = get_item(db, child.id)
    base = payload_from_item(child)
    payload = payload_from_item(child)
    payload["facts"]["parent_id"] = other.id
    moved = save_item(db, child.id, "page", payload, base=base, base_version=child.version, author="t")
    assert moved.facts["parent_id"] == other.id and moved.version == child.version + 1
    assert moved.texts["ar"].status == "checked" and moved.texts["ar"].version == child.texts["ar"].version
    # The stale version is refused; a move into its own subtree too, by name.
    with pytest.raises(ConflictError):
        save_item(db, child.id, "page", payload, base=base, base_version=child.version, author="t")
    grandchild = _new_page(db, "Termine", child.id)
    top_now = get_item(db, other.id)
    cycle = payload_from_item(top_now)
    cycle["facts"]["parent_id"] = grandchild.id
    with pytest.raises(LotseError) as refused:
        save_item(db, other.id, "page", cycle, base=payload_from_item(top_now),
                  base_version=top_now.version, author="t")  # fmt: skip
    assert "Leben" in refused.value.message("en") and "subpages" in refused.value.message("en")
    assert get_item(db, other.id).facts["parent_id"] is None


def test_keyboard_steps_move_pages(region_db):
    db = region_db
    a, b, c = (_new_page(db, t).id for t in ("A", "B", "C"))
    order = lambda: [(r.title, r.depth) for r in list_pages(db)]  # noqa: E731
    assert shift_page(db, c, "up", author="t")
    assert order() == [("A", 0), ("C", 0), ("B", 0)]
    assert shift_page(db, c, "indent", author="t")  # under A, its last subpage
    assert order() == [("A", 0), ("C", 1), ("B", 0)]
    assert not shift_page(db, c, "indent", author="t")  # no sibling above it there
    assert shift_page(db, b, "indent", author="t")
    assert order() == [("A", 0), ("C", 1), ("B", 1)]
    assert shift_page(db, b, "up", author="t") and order() == [("A", 0), ("B", 1), ("C", 1)]
    assert shift_page(db, b, "outdent", author="t")
    assert order() == [("A", 0), ("C", 1), ("B", 0)]
    assert not shift_page(db, a, "up", author="t") and not shift_page(db, a, "outdent", author="t")
    assert get_item(db, a).version == 1  # a refused step changed nothing


def _event_payload(**facts):
    payload = empty_item_payload("event", ["de", "ar"])
    payload["texts"]["de"] = {"title": "Sprachcafé", "summary": "", "content": "<p>Kommen Sie vorbei.</p>"}
    payload["facts"].update(facts)
    return payload


def test_an_event_with_a_rule_an_exception_and_a_moved_date(region_db):
    db = region_db
    payload = _event_payload(
        event_start="2027-03-02T15:00:00",
        event_end="2027-03-02T17:00:00",
        rrule="FREQ=WEEKLY;BYDAY=TU",
        exdates=["2027-03-09"],
        moved={"2027-03-16": ["2027-03-17T15:00:00", "2027-03-17T17:00:00"]},
        meeting_url="https://meet.example.org/cafe",
        street="Markt 1",
        town="Aachen",
    )
    assert item_problems("event", payload, root="de") == []
    event = save_item(db, None, "event", payload, base=None, base_version=None, author="t")
    assert event.facts["rrule"] == "FREQ=WEEKLY;BYDAY=TU" and event.facts["street"] == "Markt 1"
    assert payload_from_item(event)["facts"] == {**payload["facts"], "postcode": None}
    dates = [o.start.date() for o in list_occurrences(db, date(2027, 3, 1), date(2027, 3, 24))]
    assert dates == [date(2027, 3, 2), date(2027, 3, 17), date(2027, 3, 23)]
    again = payload_from_item(event)
    again["facts"]["exdates"] = []
    saved = save_item(db, event.id, "event", again, base=payload_from_item(event),
                      base_version=event.version, author="t")  # fmt: skip
    assert saved.facts["exdates"] == [] and saved.facts["event_start"] == datetime(2027, 3, 2, 15)


def test_problems_beside_the_fields(region_db):
    bad = _event_payload(
        event_start="2027-03-02T15:00:00",
        event_end="2027-03-02T14:00:00",
        rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20270301T000000",
        meeting_url="meet.example.org",
    )
    fields = {p.field: p.message("en") for p in item_problems("event", bad, root="de")}
    assert set(fields) == {"event_end", "rrule", "meeting_url"}
    assert "end is before the start" in fields["event_end"] and "no date" in fields["rrule"]
    assert "Das Ende liegt vor dem Beginn." in [
        p.message("de") for p in item_problems("event", bad, root="de")
    ]
    missing = _event_payload()
    missing["texts"]["de"]["title"] = ""
    assert {p.field for p in item_problems("event", missing, root="de")} == {"title", "event_start"}
    with pytest.raises(LotseError):
        save_item(region_db, None, "event", bad, base=None, base_version=None, author="t")
