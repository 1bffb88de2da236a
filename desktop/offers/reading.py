"""Reading offers: one offer with its texts, the list of all offers, counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, inspect
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from models.i18n import N_
from models.status import Status
from models.tables import (
    Category,
    ContentKind,
    Municipality,
    Offer,
    OfferText,
    Organization,
    PublicationState,
)

from .. import offer_statements as statements
from ..confirmations import last_confirmed
from ..db import Database
from ..errors import NotFoundError
from ..offer_rows import ROW_COLUMNS, StatusPairs, offer_row, shared_text
from ..regions import current_region, language_tree
from .data import OfferData, OfferLike, OfferRow, StoredOffer, StoredText, TextRow, build_offer_data
from .text_store import flush_texts


def load_offer(session: Session, offer_id: int) -> Offer:
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFoundError(
            N_("There is no offer with id {offer_id}. “lotse offers list” shows all ids.", offer_id=offer_id),
        )
    return offer


def load_offer_with_box(session: Session, offer_id: int):
    """The offer and its region's bounding box (what a save checks coordinates against), in one query."""
    row = session.execute(statements.OFFER_WITH_BOX, {"offer_id": offer_id}).first()
    if row is None:
        return load_offer(session, offer_id), None  # raises NotFoundError
    offer, *corners = row
    return offer, box_of(corners)


def box_of(corners):
    if None in corners:
        return None
    lon_min, lat_min, lon_max, lat_max = corners
    return ((lon_min, lat_min), (lon_max, lat_max))


def hold_offer(session: Session, offer: OfferLike, values: dict[str, Any]) -> None:
    """``offer`` holds values a statement stored; so does the session's ORM object of the
    same offer, if some code loaded one."""
    target: Any = offer
    if isinstance(offer, StoredOffer):
        for name, value in values.items():
            setattr(offer, name, value)
        if not session.identity_map:
            return
        target = session.identity_map.get(_OFFER_MAPPER.identity_key_from_primary_key((offer.id,)))
        if target is None:
            return
    for name, value in values.items():
        set_committed_value(target, name, value)


_OFFER_MAPPER = inspect(Offer)


def texts_by_language(session: Session, offer_id: int) -> dict[str, TextRow]:
    """The item's stored texts by language, as values (:class:`StoredText`). Changes the
    session holds are flushed first, as an ORM query would (autoflush)."""
    if session.autoflush:
        flush_texts(session)
        session.flush()
    rows = statements.TEXT_ROWS.rows(session.connection(), {"offer_id": offer_id})
    return {text.language_code: text for text in (StoredText(*row) for row in rows)}


def offer_data(
    session: Session,
    offer: OfferLike,
    *,
    tree: dict[str, str | None] | None = None,
    texts: dict[str, TextRow] | None = None,
) -> OfferData:
    """The offer with its texts; a save passes the language tree and texts it already holds."""
    tree = language_tree(session, offer.region_id) if tree is None else tree
    texts = texts_by_language(session, offer.id) if texts is None else texts
    return build_offer_data(offer, tree, texts)


def bounding_box(session: Session, region_id: int):
    """The region's bounding box (four columns, not the whole region row)."""
    row = session.connection().execute(statements.BOUNDING_BOX, {"region_id": region_id}).first()
    return None if row is None else box_of(tuple(row))


def get_offer(db: Database, offer_id: int) -> OfferData:
    with db.transaction() as session:
        return offer_data(session, load_offer(session, offer_id))


def count_offers(db: Database) -> int:
    with db.transaction() as session:
        return session.exec(
            select(func.count()).select_from(Offer).where(Offer.kind == ContentKind.OFFER.value)
        ).one()


# Separators for the joined statuses: control characters no language code or status contains.
_CODE_STATUS = "\x1e"
_PAIRS = "\x1f"


def list_offers(
    db: Database,
    *,
    region_slug: str | None = None,
    include_archived: bool = True,
    offer_ids: list[int] | None = None,
    kind: str = ContentKind.OFFER.value,
) -> list[OfferRow]:
    """Every offer of the region (or the given ones) with its German title and the status per language;
    ``kind`` "page" or "event" lists the information pages or the events the same way.

    Three queries, whatever the number of offers (no query per row).
    """
    with db.transaction() as session:
        region = current_region(session, region_slug)
        tree = language_tree(session, region.id)
        root = next((c for c, s in tree.items() if s is None), "de")
        models = {
            "offer": Offer,
            "offer_text": OfferText,
            "municipality": Municipality,
            "organization": Organization,
        }
        query = (
            select(*(getattr(models[table], column) for _name, table, column in ROW_COLUMNS))
            .select_from(Offer)
            .outerjoin(OfferText, (OfferText.offer_id == Offer.id) & (OfferText.language_code == root))
            .outerjoin(Municipality, Municipality.id == Offer.municipality_id)
            .outerjoin(Organization, Organization.id == Offer.organization_id)
            .where(Offer.region_id == region.id, Offer.kind == kind)
            .order_by(Offer.id)
        )
        if not include_archived:
            query = query.where(Offer.state != PublicationState.ARCHIVED.value)
        if offer_ids is not None:
            query = query.where(Offer.id.in_(offer_ids))
        # Category names are JSON: read the few categories once, not one JSON per offer.
        category_names = {
            cid: (names or {}).get(root, "")
            for cid, names in session.exec(
                select(Category.id, Category.names).where(Category.region_id == region.id)
            )
        }
        missing = dict.fromkeys(tree, shared_text(Status.MISSING.value))
        rows: dict[int, OfferRow] = {}
        for values in session.exec(query):
            rows[values[0]] = offer_row(values, category_names, dict(missing))
        # One line per offer with its "code<RS>status" pairs joined: 10,000 result rows instead
        # of 138,000 at 15 languages (each result row costs SQLAlchemy ~5 µs; the list took 1.5 s).
        pairs = func.aggregate_strings(OfferText.language_code + _CODE_STATUS + OfferText.status, _PAIRS)
        status_query = (
            select(OfferText.offer_id, pairs)
            .join(Offer, Offer.id == OfferText.offer_id)
            .where(Offer.region_id == region.id, Offer.kind == kind)
            .group_by(OfferText.offer_id)
        )
        if offer_ids is not None:
            status_query = status_query.where(OfferText.offer_id.in_(offer_ids))
        status_pairs = StatusPairs(tree, _CODE_STATUS)
        for oid, joined in session.exec(status_query):
            row = rows.get(oid)
            if row is None or not joined:
                continue
            status_pairs.into(row.statuses, joined.split(_PAIRS))
        for oid, day in last_confirmed(session, region.id).items():
            if oid in rows:
                rows[oid].confirmed_on = day
        return list(rows.values())
