"""Which offers the provider confirmed, and when: the list's filter "nicht bestätigt seit …"
and the publishing policy that can hold back offers nobody has confirmed for too long."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from models.confirmation import DEFAULT_MONTHS, is_stale, months_before
from models.i18n import N_
from models.tables import Offer, OfferConfirmation, OfferText

from .db import Database
from .errors import LotseError
from .regions import current_region, root_language


def last_confirmed(session: Session, region_id: int) -> dict[int, date]:
    """Offer id -> the newest confirmation date (offers never confirmed are missing)."""
    query = (
        select(OfferConfirmation.offer_id, func.max(OfferConfirmation.confirmed_on))
        .join(Offer, Offer.id == OfferConfirmation.offer_id)
        .where(Offer.region_id == region_id)
        .group_by(OfferConfirmation.offer_id)
    )
    return {offer_id: day for offer_id, day in session.exec(query)}


@dataclass
class Unconfirmed:
    offer_id: int
    title: str
    confirmed_on: date | None  # None: never confirmed


def unconfirmed_offers(
    db: Database, *, months: int = DEFAULT_MONTHS, today: date | None = None
) -> list[Unconfirmed]:
    """Offers (not archived) the provider has not confirmed within ``months``, oldest first."""
    cutoff = months_before(today or date.today(), months)
    with db.session() as session:
        region = current_region(session)
        root = root_language(session, region.id)
        confirmed = last_confirmed(session, region.id)
        query = (
            select(Offer.id, OfferText.title)
            .join(
                OfferText, (OfferText.offer_id == Offer.id) & (OfferText.language_code == root), isouter=True
            )
            .where(Offer.region_id == region.id, Offer.state != "archived")
            .order_by(Offer.id)
        )
        rows = [
            Unconfirmed(offer_id, title or "", confirmed.get(offer_id))
            for offer_id, title in session.exec(query)
            if is_stale(confirmed.get(offer_id), cutoff)
        ]
    return sorted(rows, key=lambda r: (r.confirmed_on or date.min, r.offer_id))


def set_hold_months(db: Database, months: int | None) -> None:
    """The region's rule for publishing: hold back offers not confirmed for ``months`` (None: off)."""
    if months is not None and months < 1:
        raise LotseError(N_("The months must be at least 1."))
    with db.transaction() as session:
        region = current_region(session)
        region.hold_unconfirmed_months = months
        session.add(region)
