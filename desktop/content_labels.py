"""What the review list and the review screen say about an item besides its title: its kind
(offer, information page, event) and, for an event, its next date (or its last one, when the
series is over). Read in one query for any number of items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import select

from models.recurrence import RecurrenceError, expand, zone
from models.tables import ContentKind, Offer

from .content import timing_of_row
from .db import Database


@dataclass(frozen=True)
class ItemLabel:
    kind: str
    when: datetime | None = None  # an event's next (or last) start, in its own zone


def _when(row: Offer, now: datetime) -> datetime | None:
    timing = timing_of_row(row)
    try:
        tz = zone(timing.timezone)
        upcoming = expand(timing, now.astimezone(tz), now.astimezone(tz) + timedelta(days=400), limit=400)
    except RecurrenceError:
        return None
    return upcoming[0].start if upcoming else timing.start.replace(tzinfo=tz)


def item_labels(db: Database, item_ids: list[int], *, now: datetime | None = None) -> dict[int, ItemLabel]:
    """Kind and date per item (offers: just their kind)."""
    now = now or datetime.now().astimezone()
    with db.transaction() as session:
        rows = session.exec(select(Offer).where(Offer.id.in_(item_ids))).all()  # type: ignore[union-attr]
        return {
            row.id: ItemLabel(row.kind, _when(row, now) if row.kind == ContentKind.EVENT.value else None)
            for row in rows
            if row.id is not None
        }
