"""One line of the offer list as plain values.

Apart from desktop.offers (which imports SQLAlchemy and the mapped tables) so that the window
can show the list before the data layer is loaded (desktop/list_snapshot.py, ui/app.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(slots=True)
class OfferRow:
    """One line of the offer list: plain values, cheap to hold 10,000 of (slots: no
    ``__dict__`` per row; repeated names and statuses are one string each, ``StatusPairs``)."""

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
        municipality=shared_text(mname),
        municipality_id=mid,
        organization=shared_text(oname),
        organization_id=orgid,
        state=shared_text(state),
        town=shared_text(town),
        street=street or "",
        updated_at=updated,
        version=version,
        statuses=statuses,
        confirmed_on=confirmed_on,
    )


class StatusPairs(dict[str, tuple[str | None, str]]):
    """One joined "code<RS>status" pair of the list's status query -> (code, status), each
    pair read once (15 languages × 5 statuses: a few dozen), the status one string for all
    rows. The rows held 138,000 status strings at 10,000 offers × 15 languages (7.4 MiB of the
    window's memory; issue 20, round 4); now they hold the same few. A language not asked for
    gives ``(None, "")``: ``into`` drops it."""

    def __init__(self, codes: Iterable[str], separator: str) -> None:
        super().__init__()
        self._codes = frozenset(codes)
        self._separator = separator

    def __missing__(self, pair: str) -> tuple[str | None, str]:
        code, _sep, status = pair.partition(self._separator)
        value = self[pair] = (code, sys.intern(status)) if code in self._codes else (None, "")
        return value

    def into(self, statuses: dict[str, str], pairs: Iterable[str]) -> dict[str, str]:
        """``statuses`` with the given pairs' statuses set (in C: no Python step per pair)."""
        loose: dict[str | None, str] = statuses  # type: ignore[assignment]  # None is dropped below
        loose.update(map(self.__getitem__, pairs))
        loose.pop(None, None)
        return statuses


def shared_text(value: str | None) -> str:
    """A name, town or state as one string for all rows holding it."""
    return sys.intern(value) if value else ""
