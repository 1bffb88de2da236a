"""A page's or an event's facts version says what changed, field by field and in words, as an
offer's does: the parent page by its title, times and dates in the reader's language, the rule
as a person says it ("every 2 weeks, on Tue" instead of FREQ=WEEKLY;INTERVAL=2)."""

from __future__ import annotations

from datetime import datetime

from desktop.content import create_item, move_page, timing_facts
from desktop.content_editing import get_item, payload_from_item, save_item
from desktop.content_items import item_names
from desktop.offers import offer_history
from desktop.regions import add_language
from models.recurrence import Timing
from models.tables import Region


def _region(db):
    with db.transaction() as session:
        region = Region(slug="r", name="Region")
        session.add(region)
        session.flush()
        add_language(session, region, "de", None, position=0)
    return db


def _page(db, title, parent=None):
    texts = {"de": {"title": title, "summary": "", "content": f"<p>{title}</p>"}}
    facts = {"state": "published"}
    return create_item(db, "page", texts, author="t", facts=facts, kind_facts={"parent_id": parent})


def _said(change) -> tuple[str, str]:
    """(what was, what is) as the dialog shows them: the deleted and the inserted words."""
    old = "".join(s.text for s in change.spans if s.op in ("equal", "delete"))
    new = "".join(s.text for s in change.spans if s.op in ("equal", "insert"))
    return old, new


def _newest_facts(db, item_id, ui, kind):
    entry = next(e for e in offer_history(db, item_id, ui, item_names(db, kind)) if e.kind == "facts")
    return {c.field: (c.label, _said(c)) for c in entry.changes}


def test_a_page_version_names_the_old_and_the_new_parent(db):
    _region(db)
    top, other = _page(db, "Ankommen"), _page(db, "Leben in Aachen")
    page = _page(db, "Anmeldung", top)
    move_page(db, page, other, 0, author="t")
    changes = _newest_facts(db, page, "de", "page")
    assert changes["parent_id"] == ("Übergeordnete Seite", ("Ankommen", "Leben in Aachen"))
    assert set(changes) == {"parent_id"}  # the move changed nothing else (the state stays)
    english = _newest_facts(db, page, "en", "page")
    assert english["parent_id"][0] == "Parent page"
    first = [e for e in offer_history(db, page, "en", item_names(db, "page")) if e.kind == "facts"][-1]
    assert "top of the tree" not in str([c.spans for c in first.changes])  # it began under "Ankommen"


def test_an_event_version_says_the_times_and_the_rule_in_words(db):
    _region(db)
    timing = Timing(
        start=datetime(2026, 12, 1, 15), end=datetime(2026, 12, 1, 17), rule="FREQ=WEEKLY;BYDAY=TU"
    )
    texts = {"de": {"title": "Sprachcafé", "summary": "", "content": "<p>Kaffee</p>"}}
    event = create_item(db, "event", texts, author="t", kind_facts=timing_facts(timing))
    item = get_item(db, event)
    base = payload_from_item(item)
    facts = {
        **base["facts"],
        "event_start": "2026-12-02T10:00",
        "event_end": "2026-12-02T11:00",
        "rrule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20270301",
        "exdates": ["2026-12-16"],
    }
    save_item(db, event, "event", {**base, "facts": facts}, base=base, base_version=item.version, author="t")

    german = _newest_facts(db, event, "de", "event")
    assert german["event_start"] == ("Beginn", ("Di., 1. Dez. 2026, 15:00", "Mi., 2. Dez. 2026, 10:00"))
    assert german["rrule"] == (
        "Wiederholung",
        ("wöchentlich, am Di.", "alle 2 Wochen, am Mi., bis 01.03.2027"),
    )
    assert german["exdates"][1] == ("—", "16.12.2026")
    assert "all_day" not in german and "moved" not in german  # unchanged: not listed
    english = _newest_facts(db, event, "en", "event")
    assert english["event_end"] == (
        "End",
        ("Tue, Dec 1, 2026, 5:00\u202fPM", "Wed, Dec 2, 2026, 11:00\u202fAM"),
    )
    assert english["rrule"][1] == ("weekly, on Tue", "every 2 weeks, on Wed, until Mar 1, 2027")
    assert "FREQ=" not in str(german) + str(english)
