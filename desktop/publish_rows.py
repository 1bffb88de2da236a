"""The items of a publish's snapshot read as plain rows: one SQL statement for the offers, one
for their texts, the values converted here (dates, JSON, booleans), without SQLAlchemy's ORM
objects and its per-value result processors (at full size, 10,000 offers and 150,000 texts,
those were most of a re-publish: round 4's profile). The values are the ORM's, on SQLite and
PostgreSQL alike (tests/test_publish_rows.py compares them with the ORM's objects)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from export.integreat.item_paths import path_slugs
from export.integreat.lean import WholeRegion
from export.integreat.snapshot import OfferSnap, TextSnap
from models.contact_keys import stored_areas
from models.tables import ContentKind

_OFFER_COLUMNS = (
    "id, slug, category_id, organization_id, street, postcode, town, latitude, longitude, contacts, "
    "opening_hours, appointment_url, barrier_free, languages_spoken, target_groups, cost, valid_from, "
    "valid_until, image_path, state, updated_at, kind, cms_id, parent_id, position, icon, event_start, "
    "event_end, all_day, timezone, rrule, exdates, moved, place_id, meeting_url"
)
_TEXT_COLUMNS = "t.id, t.offer_id, t.language_code, t.title, {summary}, {content}, t.status, t.updated_at, "
_TEXT_COLUMNS += "t.slug, t.cms_id, t.old_slugs, t.contact_areas"
CONTENTS, SUMMARIES, LIGHT = "contents", "summaries", "light"  # what a text row brings
OFFER, EVENT = ContentKind.OFFER.value, ContentKind.EVENT.value


def _json(value: Any) -> Any:
    """A JSON column: SQLite gives its text, PostgreSQL's driver the value."""
    return json.loads(value) if isinstance(value, str) else value


def _moment(value: Any) -> datetime | None:
    """A naive date-time column as the ORM gives it (SQLite: its text)."""
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value  # type: ignore[no-any-return]


def _utc(value: Any) -> datetime:
    moment = _moment(value)
    if moment is None:
        return datetime(2000, 1, 1, tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _day(value: Any) -> date | None:
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value  # type: ignore[no-any-return]


def _flag(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _where(ids: list[int] | None) -> str:
    return "" if ids is None else f" AND o.id IN ({', '.join(str(int(i)) for i in ids)})"


def read_offers(session: Session, region_id: int, ids: list[int] | None = None) -> dict[int, OfferSnap]:
    """The region's items (offers, pages, events; only ``ids`` if given) by id, in id order,
    without their texts."""
    rows = session.connection().execute(
        text(f"SELECT {_OFFER_COLUMNS} FROM offer o WHERE o.region_id = :region{_where(ids)} ORDER BY o.id"),
        {"region": region_id},
    )
    offers: dict[int, OfferSnap] = {}
    for r in rows:
        offers[r[0]] = OfferSnap(
            id=r[0],
            slug=r[1],
            category_id=r[2],
            organization_id=r[3],
            street=r[4],
            postcode=r[5],
            town=r[6],
            latitude=r[7],
            longitude=r[8],
            contacts=list(_json(r[9]) or []),
            opening_hours=_json(r[10]),
            appointment_url=r[11],
            barrier_free=_flag(r[12]),
            languages_spoken=list(_json(r[13]) or []),
            target_groups=list(_json(r[14]) or []),
            cost=r[15],
            valid_from=_day(r[16]),
            valid_until=_day(r[17]),
            image_path=r[18],
            state=r[19],
            updated_at=_utc(r[20]),
            kind=r[21],
            cms_id=r[22],
            parent_id=r[23],
            position=r[24],
            icon=r[25],
            event_start=_moment(r[26]),
            event_end=_moment(r[27]),
            all_day=bool(r[28]),
            timezone=r[29],
            rrule=r[30],
            exdates=list(_json(r[31]) or []),
            moved=dict(_json(r[32]) or {}),
            place_id=r[33],
            meeting_url=r[34],
        )
    return offers


def read_texts(
    session: Session,
    region_id: int,
    offers: dict[int, OfferSnap],
    codes: set[str],
    what: str = CONTENTS,
    ids: list[int] | None = None,
) -> None:
    """Each item's texts in the region's languages into ``offers`` (only ``ids``' if given).
    ``what``: CONTENTS; SUMMARIES (a placeholder "…" marks a non-empty content); LIGHT (no
    summary either)."""
    summary = "''" if what == LIGHT else "t.summary"
    content = "t.content" if what == CONTENTS else "length(t.content)"
    columns = _TEXT_COLUMNS.format(summary=summary, content=content)
    rows = session.connection().execute(
        text(
            f"SELECT {columns} FROM offer_text t JOIN offer o ON o.id = t.offer_id "
            f"WHERE o.region_id = :region{_where(ids)}"
        ),
        {"region": region_id},
    )
    placeholder = what != CONTENTS
    for tid, oid, code, title, summary_, content_, status, updated, slug, cms_id, old_slugs, areas in rows:
        offer = offers.get(oid)
        if offer is None or code not in codes:
            continue
        if placeholder:
            content_ = "…" if content_ else ""
        offer.texts[code] = TextSnap(
            tid,
            code,
            title or "",
            summary_ or "",
            content_ or "",
            status,
            _utc(updated),
            slug,
            cms_id,
            tuple(_json(old_slugs) or ()),
            contact_areas=stored_areas(_json(areas)),
        )


def read_contents(session: Session, offers: dict[int, OfferSnap], ids: list[int]) -> None:
    """The contents of the texts of ``ids`` (read before with a placeholder)."""
    for start in range(0, len(ids), 500):
        chunk = ", ".join(str(int(i)) for i in ids[start : start + 500])
        rows = session.connection().execute(
            text(f"SELECT offer_id, language_code, content FROM offer_text WHERE offer_id IN ({chunk})")
        )
        for oid, code, content in rows:
            snap = offers[oid].texts.get(code) if oid in offers else None
            if snap is not None:
                snap.content = content or ""


def read_confirmed(session: Session, offers: dict[int, OfferSnap]) -> None:
    """Each of ``offers``' newest confirmation by its provider (confirmations.last_confirmed)."""
    if not offers:
        return
    rows = session.connection().execute(
        text(
            "SELECT offer_id, max(confirmed_on) FROM offer_confirmation "
            f"WHERE offer_id IN ({', '.join(str(int(i)) for i in offers)}) GROUP BY offer_id"
        )
    )
    for oid, day in rows:
        offers[oid].confirmed_on = _day(day)


def read_whole(session: Session, region_id: int, codes: set[str]) -> WholeRegion:
    """What a lean re-publish needs of every offer (export/integreat/lean.py): four plain
    statements over a few columns."""
    connection = session.connection()
    region = {"region": region_id}
    slugs = connection.execute(
        text("SELECT id, slug FROM offer WHERE region_id = :region AND kind = :kind"),
        {**region, "kind": OFFER},
    )
    images = connection.execute(
        text("SELECT id, image_path FROM offer WHERE region_id = :region AND image_path IS NOT NULL"), region
    )
    # the texts' dates are stored in one format (SQLite: ISO text, PostgreSQL: timestamps)
    marks = ", ".join(f":c{i}" for i in range(len(codes)))
    newest = connection.execute(
        text(
            "SELECT max(t.updated_at) FROM offer_text t JOIN offer o ON o.id = t.offer_id "
            f"WHERE o.region_id = :region AND o.kind = :kind AND t.language_code IN ({marks or 'NULL'})"
        ),
        {**region, "kind": OFFER, **{f"c{i}": code for i, code in enumerate(sorted(codes))}},
    ).scalar()
    places = connection.execute(
        text("SELECT DISTINCT place_id FROM offer WHERE region_id = :region AND kind = :kind"),
        {**region, "kind": EVENT},
    )
    return WholeRegion(
        path_slugs((r[0], r[1]) for r in slugs),
        [(r[0], r[1]) for r in images],
        _utc(newest),
        {r[0] for r in places if r[0] is not None},
    )
