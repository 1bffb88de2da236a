"""One line of the offer list as plain values.

Apart from desktop.offers (which imports SQLAlchemy and the mapped tables) so that the window
can show the list before the data layer is loaded (desktop/list_snapshot.py, ui/app.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class OfferRow:
    """One line of the offer list: plain values, cheap to hold 10,000 of."""

    id: int
    slug: str
    title: str
    category: str
    category_id: int | None
    municipality: str
    municipality_id: int | None
    organization: str
    organization_id: int | None
    state: str
    town: str
    street: str
    updated_at: datetime | None
    version: int
    statuses: dict[str, str] = field(default_factory=dict)
    confirmed_on: date | None = None  # the provider's newest "stimmt so" (update round)


# What a list row is read from, in this order, by both readings of the list: the SQL that
# desktop/list_snapshot.py runs with sqlite3 before SQLAlchemy is loaded, and the select of
# desktop.offers.list_offers. (row field, table, column); "offer_text" is the source language's
# text, "municipality" and "organization" the offer's, joined.
ROW_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "offer", "id"),
    ("slug", "offer", "slug"),
    ("title", "offer_text", "title"),
    ("category_id", "offer", "category_id"),
    ("municipality", "municipality", "name"),
    ("municipality_id", "offer", "municipality_id"),
    ("organization", "organization", "name"),
    ("organization_id", "offer", "organization_id"),
    ("state", "offer", "state"),
    ("town", "offer", "town"),
    ("street", "offer", "street"),
    ("updated_at", "offer", "updated_at"),
    ("version", "offer", "version"),
)


def offer_row(
    values: Sequence[Any],
    category_names: dict[int, str],
    statuses: dict[str, str],
    *,
    confirmed_on: date | None = None,
    read_time: Callable[[Any], datetime] | None = None,
) -> OfferRow:
    """One row from the values of ``ROW_COLUMNS`` (unpacked in that order: 10,000 rows at start
    take no dict each); ``read_time`` turns the stored time into a datetime where the driver
    gives text (sqlite3). A missing title, name or address reads as ""."""
    oid, slug, title, cid, mname, mid, oname, orgid, state, town, street, updated, version = values
    if read_time is not None and updated is not None:
        updated = read_time(updated)
    return OfferRow(
        id=oid,
        slug=slug,
        title=title or "",
        category=category_names.get(cid, ""),
        category_id=cid,
        municipality=mname or "",
        municipality_id=mid,
        organization=oname or "",
        organization_id=orgid,
        state=state,
        town=town or "",
        street=street or "",
        updated_at=updated,
        version=version,
        statuses=statuses,
        confirmed_on=confirmed_on,
    )
