"""The benchmark region's pages and events (benchmarks/content_region.py): a valid page tree,
events whose rules and exceptions the real recurrence code accepts, read by the real listings."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from benchmarks.content_region import build_content_region
from desktop.content import list_occurrences, list_pages, timing_of_row
from desktop.db import open_database
from models.page_tree import depths
from models.recurrence import problem_messages
from models.tables import ContentKind, Offer


def test_generated_pages_and_events_make_a_valid_region(tmp_path):
    info = build_content_region(tmp_path / "content.sqlite", 40, 3, pages=15, events=30)
    db = open_database(str(info.path))
    try:
        pages = list_pages(db)
        assert len(pages) == 15
        parents = {p.id: p.parent_id for p in pages}
        assert sum(1 for p in pages if p.parent_id is None) >= 1
        assert all(parent is None or parent in parents for parent in parents.values())
        assert max(depths(parents).values()) >= 1  # a tree, not a flat list
        for parent in set(parents.values()):  # siblings numbered 0, 1, 2 ...
            positions = sorted(p.position for p in pages if p.parent_id == parent)
            assert positions == list(range(len(positions)))
        with db.transaction() as session:
            events = session.exec(select(Offer).where(Offer.kind == ContentKind.EVENT.value)).all()
            timings = [timing_of_row(e) for e in events]
        assert len(events) == 30 and info.recurring == 10
        assert all(problem_messages(t) == [] for t in timings)
        rules = [t.rule for t in timings if t.rule]
        assert len(rules) == 10
        assert any("INTERVAL=2" in r for r in rules) and any("FREQ=MONTHLY" in r for r in rules)
        assert any(t.exdates for t in timings) and any(t.moved for t in timings)
        today = date.today()
        occurrences = list_occurrences(db, today, today + timedelta(days=60))
        assert sum(1 for o in occurrences if o.rule) > len({o.event_id for o in occurrences if o.rule})
        assert db.integrity_problems() == []
    finally:
        db.dispose()


def test_growth_table_names_linear_and_worse_growth():
    from benchmarks.growth import markdown, shape

    sizes = [1_000, 10_000, 50_000]
    assert shape(sizes, {1_000: 1.0, 10_000: 10.5, 50_000: 52.0}) == "linear"
    assert shape(sizes, {1_000: 50.0, 10_000: 60.0, 50_000: 45.0}) == "sublinear"
    assert shape(sizes, {1_000: 1.0, 10_000: 100.0}).startswith("worse than linear (10.0×")
    data = {
        "sizes": sizes,
        "languages": 5,
        "units": {"publish": "s"},
        "lines": {"publish": {"1000": 2.0, "10000": 21.0}},
        "seconds": 30,
    }
    table = markdown(data, "load 1.0")
    assert "| publish | 2.00 s | 21.00 s | not run | ×10.5 | – | linear |" in table
