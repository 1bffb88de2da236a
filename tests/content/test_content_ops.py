"""Pages and events through the offer machinery (desktop/content.py), on SQLite and PostgreSQL:
a page under a page, moved without outdating its translation, a move into its own subtree
refused, a subtree archived; an event with an impossible rule refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop.content import ContentError, archive_subtree, create_item, list_pages, move_page, timing_facts
from desktop.offers import get_offer, save_translation
from desktop.regions import add_language
from models.recurrence import Timing
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


def _page(db, title, parent=None):
    return create_item(
        db,
        "page",
        {"de": {"title": title, "summary": "", "content": f"<p>{title}</p>"}},
        author="t",
        facts={"state": "published"},
        kind_facts={"parent_id": parent},
    )


def test_move_keeps_translations_and_refuses_cycles(region_db):
    db = region_db
    top = _page(db, "Ankommen")
    other = _page(db, "Leben")
    child = _page(db, "Anmeldung", top)
    grandchild = _page(db, "Termine", child)
    source = get_offer(db, child).texts["de"].fingerprint
    save_translation(
        db,
        child,
        "ar",
        {"title": "التسجيل", "summary": "", "content": "<p>التسجيل</p>"},
        author="t",
        review_status="checked",
        source_fingerprint=source,
    )
    before = get_offer(db, child)
    move_page(db, child, other, 0, author="t")
    after = get_offer(db, child)
    assert after.texts["ar"].status == "checked" and after.texts["ar"].version == before.texts["ar"].version
    rows = {r.id: r for r in list_pages(db)}
    assert rows[child].parent_id == other and rows[grandchild].depth == 2
    with pytest.raises(ContentError) as caught:
        move_page(db, other, grandchild, 0, author="t")
    assert "eigene Unterseite" in caught.value.message("de")
    assert archive_subtree(db, other, author="t") == 3
    assert {r.id: r.state for r in list_pages(db)}[grandchild] == "archived"
    assert {r.id: r.state for r in list_pages(db)}[top] == "published"


def test_an_event_whose_rule_gives_no_date_is_refused(region_db):
    timing = Timing(
        datetime(2027, 1, 1, 9), datetime(2027, 1, 1, 10), rule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"
    )
    with pytest.raises(ContentError) as caught:
        create_item(
            region_db,
            "event",
            {"de": {"title": "Nie", "summary": "", "content": ""}},
            author="t",
            kind_facts=timing_facts(timing),
        )
    assert "keinen einzigen Termin" in caught.value.message("de")
    ok = Timing(
        datetime(2027, 1, 5, 9),
        datetime(2027, 1, 5, 10),
        rule="FREQ=WEEKLY;BYDAY=TU",
        exdates=(date(2027, 1, 12),),
    )
    event = create_item(
        region_db,
        "event",
        {"de": {"title": "Kurs", "summary": "", "content": ""}},
        author="t",
        kind_facts=timing_facts(ok),
    )
    assert get_offer(region_db, event).texts["de"].title == "Kurs"
