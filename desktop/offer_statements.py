"""The statements every save and every open runs, built once.

Building a SQLAlchemy statement and its cache key costs more than running the small
query itself; these are built at import and executed with parameters.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, String, bindparam, insert, select, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from models.offer_fields import STORED_OFFER_FIELDS
from models.tables import Offer, OfferText, Region, RegionLanguage, TextRevision

from .driver_statements import DriverStatement

_offer = Offer.__table__.c
_text = OfferText.__table__.c
_region = Region.__table__.c
_language = RegionLanguage.__table__.c


class bytewise(FunctionElement[str]):
    """A text column compared by its bytes (code points), whatever the database's collation:
    languages at the same position are ordered by code, and a save's claim sorts the tree's
    rows in Python (``regions.tree_of``), which a PostgreSQL database made with a locale such
    as de_DE (uppercase after lowercase, hyphens ignored) would order differently."""

    type = String()
    inherit_cache = True


@compiles(bytewise)
def _bytewise(element: bytewise, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))  # SQLite compares bytes (BINARY) already


@compiles(bytewise, "postgresql")
def _bytewise_postgresql(element: bytewise, compiler: Any, **kw: Any) -> str:
    return f'{compiler.process(element.clauses, **kw)} COLLATE "C"'


# A region's languages in their one order: position, then code by code point.
LANGUAGE_ORDER = (_language.position, bytewise(_language.code))

# code -> source code of the region's active languages, in their order.
LANGUAGE_TREE = (
    select(_language.code, _language.source_code)
    .where(_language.region_id == bindparam("region_id"), _language.active == True)  # noqa: E712
    .order_by(*LANGUAGE_ORDER)
)

BOUNDING_BOX = select(
    _region.bbox_lon_min, _region.bbox_lat_min, _region.bbox_lon_max, _region.bbox_lat_max
).where(_region.id == bindparam("region_id"))

# The offer (an ORM object: a save changes it) with its region's bounding box, in one query
# instead of Session.get (which builds its statement on every call) and a second one for the box.
OFFER_WITH_BOX = (
    select(Offer, _region.bbox_lon_min, _region.bbox_lat_min, _region.bbox_lon_max, _region.bbox_lat_max)
    .join(Region, _region.id == Offer.region_id)
    .where(Offer.id == bindparam("offer_id"))
)

# Optimistic locking: the row moves on only from the version the caller saw.
CLAIM_OFFER_VERSION = (
    update(Offer.__table__)
    .where(_offer.id == bindparam("claim_id"), _offer.version == bindparam("expected"))
    .values(version=bindparam("next_version"), updated_at=bindparam("now"), updated_by=bindparam("author"))
)


class tree_entries(FunctionElement[Any]):
    """The rows of a region's language tree as one JSON array of ``[position, code, source]``
    (ordered by the reader: an aggregate's order is not SQL's to promise)."""

    type = JSON()
    inherit_cache = True


@compiles(tree_entries, "sqlite")
def _tree_entries_sqlite(element: tree_entries, compiler: Any, **kw: Any) -> str:
    return f"json_group_array(json_array({compiler.process(element.clauses, **kw)}))"


@compiles(tree_entries, "postgresql")
def _tree_entries_postgresql(element: tree_entries, compiler: Any, **kw: Any) -> str:
    return f"json_agg(json_build_array({compiler.process(element.clauses, **kw)}))"


# A save that changes no facts claims the next version and reads the offer (STORED_OFFER_FIELDS, as
# they are after the claim), its region's box and its region's language tree in one statement: a
# claim that finds no row (someone was faster, or no such offer) returns none.
_corners = (_region.bbox_lon_min, _region.bbox_lat_min, _region.bbox_lon_max, _region.bbox_lat_max)
_tree = (
    select(tree_entries(_language.position, _language.code, _language.source_code))
    .where(_language.region_id == _offer.region_id, _language.active == True)  # noqa: E712
    .scalar_subquery()
)
CLAIM_AND_READ_OFFER = CLAIM_OFFER_VERSION.returning(
    *(_offer[name] for name in STORED_OFFER_FIELDS),
    *(select(corner).where(_region.id == _offer.region_id).scalar_subquery() for corner in _corners),
    _tree,
)

# All texts of one offer, and one text, as rows (desktop.offers.data.StoredText).
OFFER_TEXTS = select(OfferText.__table__).where(_text.offer_id == bindparam("offer_id"))
TEXT_BY_ID = select(OfferText.__table__).where(_text.id == bindparam("text_id"))

CLAIM_TEXT_VERSION = (
    update(OfferText.__table__)
    .where(_text.id == bindparam("claim_id"), _text.version == bindparam("expected"))
    .values(version=bindparam("next_version"))
)

# A stored text's changed columns: the SET clause is made from the parameters given (the
# text's ``text_id`` besides), as the ORM's flush would, without its unit of work.
UPDATE_TEXT = update(OfferText.__table__).where(_text.id == bindparam("text_id"))

INSERT_TEXT_REVISION = insert(TextRevision.__table__)

# The ones every save runs, on SQLite on the driver's cursor (desktop/driver_statements.py).
CLAIM_AND_READ = DriverStatement(CLAIM_AND_READ_OFFER)
TREE_ROWS = DriverStatement(LANGUAGE_TREE)
TEXT_ROWS = DriverStatement(OFFER_TEXTS)
TEXT_UPDATE = DriverStatement(UPDATE_TEXT, by_keys=True)
REVISION_INSERT = DriverStatement(INSERT_TEXT_REVISION, by_keys=True)


@lru_cache(maxsize=64)
def status_update(count: int) -> DriverStatement:
    """``count`` texts to one new status (``new_status``; their ids ``id0``, ``id1``, …) in one
    statement: the 14 translations a save makes outdated cost SQLite a third less than 14
    UPDATEs (one statement journal, not one per row)."""
    ids = [bindparam(f"id{index}") for index in range(count)]
    return DriverStatement(
        update(OfferText.__table__).where(_text.id.in_(ids)).values(status=bindparam("new_status"))
    )
