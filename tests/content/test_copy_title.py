"""A copy's title is marked in the language its source text is written in (one wording,
models/content_words.py), for offers, pages and events alike; the interface language never
changes it: "Sprachcafé (Kopie)" in a German region also when the window speaks English."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.content import create_item, timing_facts
from desktop.content_items import duplicate_item
from desktop.offers import create_offer, duplicate_offer, get_offer
from desktop.regions import add_language
from models.i18n import set_language
from models.recurrence import Timing
from models.tables import Region


def _region(db, root):
    with db.transaction() as session:
        region = Region(slug="r", name="Region")
        session.add(region)
        session.flush()
        add_language(session, region, root, None, position=0)
        add_language(session, region, "ar", root, position=1)


def _texts(root, title):
    return {root: {"title": title, "summary": "", "content": f"<p>{title}</p>"}}


@pytest.mark.parametrize(("root", "interface", "marked"), [
    ("de", "en", "Sprachcafé (Kopie)"),
    ("de", "de", "Sprachcafé (Kopie)"),
    ("en", "de", "Sprachcafé (copy)"),
])  # fmt: skip
def test_a_copy_is_marked_in_the_source_language(db, root, interface, marked):
    _region(db, root)
    set_language(interface)
    offer = create_offer(db, {}, _texts(root, "Sprachcafé"), author="t", validate=False)
    page = create_item(db, "page", _texts(root, "Sprachcafé"), author="t")
    timing = Timing(start=datetime(2026, 12, 1, 15), end=datetime(2026, 12, 1, 17))
    event = create_item(db, "event", _texts(root, "Sprachcafé"), author="t", kind_facts=timing_facts(timing))

    copies = [duplicate_offer(db, offer.id, author="t").id]
    copies += [duplicate_item(db, item, author="t") for item in (page, event)]
    for copy in copies:
        texts = get_offer(db, copy).texts
        assert texts[root].title == marked
        assert "ar" not in texts or not texts["ar"].title  # translations are not copied
