"""A region mixing pages and events imported from the CMS with ones made in Lotse: every page
id, translation id and event id in the package is used once, the imported ones keep the CMS's
ids, Lotse's own ones (its row ids) lie above every CMS id, and a second publish gives every
item the same id again."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path

from desktop.content import create_item, timing_facts
from desktop.integreat_import import import_integreat
from desktop.publish import publish_package
from export.integreat.api_values import OWN_ID_BASE
from export.integreat.page_tree import PageTree
from models.recurrence import Timing

FIXTURES = Path(__file__).parent / "fixtures"
REGION = "augsburg"
TODAY = date(2030, 1, 1)


def _ids(out: Path, code: str) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """path -> page id, path -> translation id, and event title -> event id."""
    tree = PageTree.from_package(out, REGION, code)
    pages = json.loads((out / f"api/v3/{REGION}/{code}/pages/index.json").read_text())
    events = json.loads((out / f"api/v3/{REGION}/{code}/events/combine_recurring/index.json").read_text())
    page_ids = tree.page_ids()
    assert len(page_ids) == len(pages)
    return page_ids, {p["path"]: p["id"] for p in pages}, {e["title"]: e["event"]["id"] for e in events}


def test_imported_and_own_pages_and_events_never_share_an_id(sqlite_db, tmp_path):
    db = sqlite_db
    import_integreat(db, FIXTURES)
    cms_pages = json.loads((FIXTURES / "augsburg_de_pages.json").read_text())
    cms_parent_ids = {p["parent"]["id"] for p in cms_pages} - {0}
    cms_translation_ids = {p["id"] for p in cms_pages}
    # Lotse's own: enough pages that their row ids run through the CMS's ids, one event.
    own_titles = [f"Eigene Seite {n}" for n in range(1, 40)]
    for title in own_titles:
        create_item(
            db,
            "page",
            {"de": {"title": title, "summary": "", "content": f"<p>{title}</p>"}},
            author="t",
            facts={"state": "published"},
        )
    timing = Timing(datetime(2030, 1, 7, 18), datetime(2030, 1, 7, 20), rule="FREQ=WEEKLY;BYDAY=MO")
    create_item(
        db,
        "event",
        {"de": {"title": "Eigener Treff", "summary": "", "content": "<p>Treff</p>"}},
        author="t",
        facts={"state": "published"},
        kind_facts=timing_facts(timing),
    )
    first = publish_package(db, tmp_path / "one", today=TODAY, local_preview=True)
    page_ids, text_ids, event_ids = _ids(tmp_path / "one", "de")
    assert len(page_ids) == 22 + len(own_titles)
    for ids in (page_ids, text_ids, event_ids):
        assert [i for i, n in Counter(ids.values()).items() if n > 1] == []
    # the CMS's ids kept: every parent id of the CMS is a page's id, every translation id is there
    assert cms_parent_ids <= set(page_ids.values())
    assert cms_translation_ids <= set(text_ids.values())
    own = [path for path in page_ids if "/eigene-seite-" in path]
    assert len(own) == len(own_titles)
    assert all(page_ids[p] > OWN_ID_BASE and text_ids[p] > OWN_ID_BASE for p in own)
    assert event_ids["Eigener Treff"] > OWN_ID_BASE and len(event_ids) == 4
    assert all(i < OWN_ID_BASE for title, i in event_ids.items() if title != "Eigener Treff")
    # the same ids on the next publish
    publish_package(db, tmp_path / "two", today=TODAY, local_preview=True)
    assert _ids(tmp_path / "two", "de") == (page_ids, text_ids, event_ids)
    assert first.plan.pages["de"]
