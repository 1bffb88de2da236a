"""An offer's stored columns, named once: a publish reads the published ones (``OfferColumns``,
the part of export.integreat.snapshot.OfferSnap), the save reads all of them as values
(``StoredOffer``, by the statement in desktop/offer_statements.py) and the editor and the
importers pass its facts (``FACT_FIELDS``). Imports nothing of desktop/, so that both can use it
without a cycle (desktop.offers -> desktop.regions -> ... -> desktop.offer_statements)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any


@dataclass(slots=True, kw_only=True)
class OfferColumns:
    """An offer's stored columns that publishing reads, as plain values: a save holds them as
    part of :class:`StoredOffer`, a publish as part of ``export.integreat.snapshot.OfferSnap``.
    Nothing private (internal notes) is among them, so a publish cannot take it by accident."""

    id: int
    slug: str
    updated_at: datetime
    category_id: int | None
    organization_id: int | None
    street: str | None
    postcode: str | None
    town: str | None
    latitude: float | None
    longitude: float | None
    contacts: list[dict[str, Any]]
    opening_hours: list[dict[str, Any]] | None
    appointment_url: str | None
    barrier_free: bool | None
    languages_spoken: list[str]
    target_groups: list[str]
    cost: str | None
    valid_from: date | None
    valid_until: date | None
    image_path: str | None
    state: str


@dataclass(slots=True, kw_only=True)
class StoredOffer(OfferColumns):
    """An offer's columns a save needs (``STORED_OFFER_FIELDS``, in this order) as plain values,
    for a save that changes no facts (one that does works on the ORM object): the published
    ones, which offer and version it is, and the facts a publish does not read."""

    region_id: int
    version: int
    created_at: datetime
    updated_by: str
    municipality_id: int | None
    internal_notes: str
    age_min: int | None
    age_max: int | None


# The columns the save's statement reads, in the dataclass's order (a row becomes ``stored_offer(row)``).
STORED_OFFER_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(StoredOffer))


def stored_offer(row: Sequence[Any]) -> StoredOffer:
    """The values of the save's statement (``STORED_OFFER_FIELDS``, in their order), by name."""
    return StoredOffer(**dict(zip(STORED_OFFER_FIELDS, row, strict=True)))


# What says which offer and which version it is; every other stored column is a fact.
IDENTITY_FIELDS = ("id", "region_id", "slug", "version", "created_at", "updated_at", "updated_by")
# The language-independent facts of an offer, as the editor and the importers pass them.
FACT_FIELDS: tuple[str, ...] = tuple(name for name in STORED_OFFER_FIELDS if name not in IDENTITY_FIELDS)
