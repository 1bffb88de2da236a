"""The benchmark region with information pages and events: a page tree and events, a third of
them recurring (weekly, every second week, monthly by weekday; some with cancelled and moved
dates), written through the same bulk path as the offers (``benchmarks.region``).

Kept as its own cached file beside the offers-only region, so the existing lines keep
measuring what their history measured; the pages, events and growth lines use this one.

    info = cached_content_region(CACHE, "quick")   # 1,000 offers + 100 pages + 400 events
"""

from __future__ import annotations

import random
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from desktop.content import timing_facts
from desktop.db import open_database
from models.recurrence import Timing, rule_dates
from models.tables import ContentKind, Offer, OfferRevision, OfferText, Region, RegionLanguage, TextRevision

from .region import RegionInfo, _facts, _texts_for_offer, build_region, cached_region

# Bump when the generated pages or events change, so cached regions are rebuilt.
CONTENT_VERSION = 1
# size -> (pages, events): the 500 and 2,000 at full size, scaled with the offers below.
CONTENT_SIZES = {"tiny": (12, 30), "quick": (100, 400), "full": (500, 2_000)}
RULES = [
    "FREQ=WEEKLY;BYDAY={day}",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY={day}",
    "FREQ=MONTHLY;BYDAY={nth}{day}",
]
_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_REVISION_KEYS = (
    "offer_id",
    "language_code",
    "title",
    "summary",
    "content",
    "fingerprint",
    "review_status",
    "source_fingerprint",
)


@dataclass
class ContentInfo:
    region: RegionInfo
    pages: int
    events: int
    recurring: int
    today: date  # the day the events were laid out around

    @property
    def url(self) -> str:
        return self.region.url

    @property
    def path(self) -> Path:
        return self.region.path


def _page_parents(rng: random.Random, first_id: int, count: int) -> list[tuple[int, int | None, int]]:
    """(id, parent, position): about a tenth top-level pages, the rest under an earlier page,
    at most five levels deep (a region's real tree is wide and shallow)."""
    rows: list[tuple[int, int | None, int]] = []
    depth: dict[int, int] = {}
    children: dict[int | None, int] = {}
    for index in range(count):
        page_id = first_id + index
        candidates = [p for p, _, _ in rows[-60:] if depth[p] < 4]
        parent = None if index < max(1, count // 10) or not candidates else rng.choice(candidates)
        depth[page_id] = 0 if parent is None else depth[parent] + 1
        position = children.get(parent, 0)
        children[parent] = position + 1
        rows.append((page_id, parent, position))
    return rows


def event_timing(rng: random.Random, index: int, today: date) -> Timing:
    """Every third event recurring (the three rules in turn), some series with a cancelled
    and a moved date; the one-off events spread from a month ago to half a year ahead."""
    day = today + timedelta(days=rng.randint(-30, 180))
    hour = rng.choice([9, 10, 14, 16, 18])
    start = datetime(day.year, day.month, day.day, hour, 0)
    end = start + timedelta(hours=rng.choice([1, 2, 3]))
    if index % 3:
        if index % 17 == 1:
            return Timing(start=start.replace(hour=0), end=start.replace(hour=23, minute=59), all_day=True)
        return Timing(start=start, end=end)
    kind = (index // 3) % len(RULES)
    weekday = _DAYS[start.weekday()]
    nth = (start.day - 1) // 7 + 1
    rule = RULES[kind].format(day=weekday, nth=min(nth, 4))
    if kind == 2 and nth > 4:  # a fifth weekday: "the last" instead
        rule = RULES[kind].format(day=weekday, nth=-1)
    if index % 5 == 0:
        until = start.date() + timedelta(days=rng.randint(60, 365))
        rule += f";UNTIL={until:%Y%m%d}T235959"
    timing = Timing(start=start, end=end, rule=rule)
    found = zip(rule_dates(timing, today + timedelta(days=400)), range(12), strict=False)
    originals = [d.date() if isinstance(d, datetime) else d for d, _ in found]
    exdates: tuple[date, ...] = ()
    moved: dict[date, tuple[datetime, datetime]] = {}
    if len(originals) > 3 and index % 2 == 0:
        exdates = (originals[2],)
    if len(originals) > 4 and index % 4 == 0:
        original = originals[4]
        new_start = datetime.combine(original + timedelta(days=1), start.time())
        moved = {original: (new_start, new_start + (end - start))}
    return Timing(start=start, end=end, rule=rule, exdates=exdates, moved=moved)


def add_content(
    path: Path, pages: int, events: int, *, seed: int = 11, today: date | None = None
) -> tuple[int, int]:
    """Add ``pages`` information pages (a tree) and ``events`` events to the region at ``path``,
    in every language of the region. Returns (pages, recurring events)."""
    rng = random.Random(seed)
    today = today or date.today()
    now = datetime.now(UTC) - timedelta(days=30)
    database = open_database(str(path))
    recurring = 0
    try:
        with database.engine.begin() as conn:
            region_id = conn.execute(select(Region.__table__.c.id)).scalar_one()
            tree = dict(
                conn.execute(
                    select(RegionLanguage.__table__.c.code, RegionLanguage.__table__.c.source_code)
                    .where(RegionLanguage.__table__.c.region_id == region_id)
                    .order_by(RegionLanguage.__table__.c.position)
                ).all()
            )
            first = conn.execute(select(Offer.__table__.c.id).order_by(Offer.__table__.c.id.desc())).first()
            next_id = (first[0] if first else 0) + 1
            ids = {
                "region": region_id,
                "categories": [r[0] for r in conn.exec_driver_sql("SELECT id FROM category").all()],
                "organizations": [r[0] for r in conn.exec_driver_sql("SELECT id FROM organization").all()],
                "municipalities": dict(conn.exec_driver_sql("SELECT name, id FROM municipality").all()),
            }
            places = [
                r[0]
                for r in conn.exec_driver_sql(
                    "SELECT id FROM offer WHERE kind = 'offer' AND state = 'published' LIMIT 200"
                ).all()
            ]
        rows: list[dict] = []
        for page_id, parent, position in _page_parents(rng, next_id, pages):
            facts = _facts(rng, ids, page_id)
            facts.update(slug=f"seite-{page_id}", kind=ContentKind.PAGE.value, state="published")
            facts.update(parent_id=parent, position=position, icon=None, contacts=[], opening_hours=None)
            rows.append(facts | {"id": page_id})
        next_id += pages
        for index in range(events):
            event_id = next_id + index
            timing = event_timing(rng, index, today)
            recurring += bool(timing.rule)
            facts = _facts(rng, ids, event_id)
            facts.update(slug=f"veranstaltung-{event_id}", kind=ContentKind.EVENT.value)
            facts.update(timing_facts(timing), opening_hours=None)
            facts["place_id"] = rng.choice(places) if places and index % 4 == 0 else None
            facts["meeting_url"] = "https://meet.example.org/lotse" if index % 23 == 0 else None
            facts["ical_uid"] = None
            rows.append(facts | {"id": event_id})
        _write(database, rows, tree, rng, now)
        with database.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.dispose()
    return pages, recurring


# Every row carries every kind's columns (one executemany needs the same keys in each row).
_EMPTY_KIND = {
    "parent_id": None,
    "position": 0,
    "icon": None,
    "event_start": None,
    "event_end": None,
    "all_day": False,
    "timezone": None,
    "rrule": None,
    "exdates": [],
    "moved": {},
    "place_id": None,
    "meeting_url": None,
    "ical_uid": None,
}


def _write(database, rows: list[dict], tree: dict, rng: random.Random, now: datetime) -> None:
    rows = [_EMPTY_KIND | r for r in rows]
    for start in range(0, len(rows), 1_000):
        chunk = rows[start : start + 1_000]
        offer_rows = [r | {"created_at": now, "updated_at": now} for r in chunk]
        texts = [t for r in chunk for t in _texts_for_offer(rng, r["id"], r["id"], tree, now)]
        revisions = [
            {k: t[k] for k in _REVISION_KEYS}
            | {"minor": False, "author": "Generator", "created_at": now, "note": ""}
            for t in texts
        ]
        skip = {"id", "region_id", "slug", "version", "updated_by", "created_at", "updated_at"}
        offer_revisions = [
            {
                "offer_id": r["id"],
                "offer_version": 1,
                "author": "Generator",
                "created_at": now,
                "note": "created",
                "facts": {
                    k: (v.isoformat() if isinstance(v, datetime) else v)
                    for k, v in r.items()
                    if k not in skip
                },
            }
            for r in chunk
        ]
        with database.engine.begin() as conn:
            conn.execute(insert(Offer.__table__), offer_rows)
            conn.execute(insert(OfferText.__table__), texts)
            conn.execute(insert(TextRevision.__table__), revisions)
            conn.execute(insert(OfferRevision.__table__), offer_revisions)


def build_content_region(
    path: Path, offers: int, languages: int, pages: int, events: int, *, progress=None
) -> ContentInfo:
    """A new region of ``offers`` offers plus the pages and events, at ``path``."""
    started = time.perf_counter()
    partial = path.with_name(path.name + ".part")
    base = build_region(partial, offers, languages, progress=progress)
    _, recurring = add_content(partial, pages, events)
    partial.replace(path)
    info = RegionInfo(path, offers, base.languages, base.texts, time.perf_counter() - started)
    return ContentInfo(info, pages, events, recurring, date.today())


def cached_content_region(folder: Path, size: str, progress=None) -> ContentInfo:
    """The region of a benchmark size with its pages and events, built once a day (the events
    lie around the day they were made) from a copy of the offers-only region."""
    base = cached_region(folder, size, progress=progress)
    pages, events = CONTENT_SIZES[size]
    today = date.today()
    stem = base.path.stem.replace(f"region-{size}-", f"content-{size}-c{CONTENT_VERSION}-")
    path = folder / f"{stem}-{today:%Y%m%d}.sqlite"
    for stale in folder.glob(f"content-{size}-*"):
        if stale != path and stale.name.endswith(".sqlite"):
            stale.unlink()
    recurring = len([i for i in range(events) if i % 3 == 0])
    if not path.exists():
        partial = path.with_name(path.name + ".part")
        shutil.copyfile(base.path, partial)
        add_content(partial, pages, events, today=today)
        partial.replace(path)
    info = RegionInfo(path, base.offers, base.languages, base.texts, base.seconds)
    return ContentInfo(info, pages, events, recurring, today)
