"""An offer's stored columns, named once: the save reads them as values (``StoredOffer``, by
the statement in desktop/offer_statements.py) and the editor and the importers pass its facts
(``FACT_FIELDS``). Imports nothing of desktop/, so that both can use it without a cycle
(desktop.offers -> desktop.regions -> ... -> desktop.offer_statements)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any


@dataclass(slots=True, kw_only=True)
class StoredOffer:
    """An offer's columns a save needs (``STORED_OFFER_FIELDS``, in this order) as plain values,
    for a save that changes no facts (one that does works on the ORM object). The fields after
    ``updated_by`` are the offer's language-independent facts."""

    id: int
    region_id: int
    slug: str
    version: int
    created_at: datetime
    updated_at: datetime
    updated_by: str
    category_id: int | None
    organization_id: int | None
    municipality_id: int | None
    street: str | None
    postcode: str | None
    town: str | None
    latitude: float | None
    longitude: float | None
    contacts: list[dict[str, Any]]
    opening_hours: Any
    appointment_url: str | None
    barrier_free: bool | None
    languages_spoken: list[str]
    target_groups: list[str]
    cost: str | None
    valid_from: date | None
    valid_until: date | None
    image_path: str | None
    internal_notes: str
    state: str
    age_min: int | None
    age_max: int | None


# The columns the save's statement reads, in the dataclass's order (a row becomes ``stored_offer(row)``).
STORED_OFFER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(StoredOffer))


def stored_offer(row: Sequence[Any]) -> StoredOffer:
    """The values of the save's statement (``STORED_OFFER_FIELDS``, in their order), by name."""
    return StoredOffer(**dict(zip(STORED_OFFER_FIELDS, row, strict=True)))


# What says which offer and which version it is; everything after it is a fact.
IDENTITY_FIELDS = ("id", "region_id", "slug", "version", "created_at", "updated_at", "updated_by")
assert STORED_OFFER_FIELDS[: len(IDENTITY_FIELDS)] == IDENTITY_FIELDS
# The language-independent facts of an offer, as the editor and the importers pass them.
FACT_FIELDS: tuple[str, ...] = STORED_OFFER_FIELDS[len(IDENTITY_FIELDS) :]
