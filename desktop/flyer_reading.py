"""What one offer's flyer reads from the database, as rows through SQLAlchemy Core.

A user's first flyer in a process (``lotse publish flyer``, the first print of a session) paid
for mapping every table of the ORM (configuring the mappers, building loader statements) to
read one offer, its region and three names: most of a cold flyer's reading. The same columns
as plain rows give the same values (the columns' types convert them alike: JSON, dates); rows
of the category, organization and municipality tables are remembered per session, so a
brochure reads each once, as ``Session.get`` did. tests/flyers/test_flyer_reading.py compares
the flyer data read both ways for every demo offer on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, select
from sqlmodel import Session

from models.i18n import N_
from models.tables import Category, Municipality, Offer, Organization, Region, RegionLanguage

from .errors import NotFoundError
from .offer_statements import LANGUAGE_ORDER, LANGUAGE_TREE
from .offers import OfferData
from .offers.data import build_offer_data
from .offers.reading import texts_by_language


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


_offer = _table(Offer)
_region = _table(Region)
_language = _table(RegionLanguage)
_OFFER = select(_offer).where(_offer.c.id == bindparam("id"))
_REGION = select(_region).where(_region.c.id == bindparam("id"))
_POLICIES = (
    select(_language.c.code, _language.c.publish_policy)
    .where(_language.c.region_id == bindparam("region_id"), _language.c.active == True)  # noqa: E712
    .order_by(*LANGUAGE_ORDER)
)
_BY_ID: dict[type[Any], Any] = {
    model: select(_table(model)).where(_table(model).c.id == bindparam("id"))
    for model in (Category, Organization, Municipality)
}


def read_offer(session: Session, offer_id: int) -> OfferData:
    """``get_offer``'s value: the offer's facts and its texts in the region's languages."""
    row = session.connection().execute(_OFFER, {"id": offer_id}).first()
    if row is None:
        raise NotFoundError(
            N_("There is no offer with id {offer_id}. “lotse offers list” shows all ids.", offer_id=offer_id),
        )
    tree = {
        code: source
        for code, source in session.connection().execute(LANGUAGE_TREE, {"region_id": row.region_id})
    }
    # A row has the offer's attributes by the same names (what build_offer_data reads).
    return build_offer_data(cast(Offer, row), tree, texts_by_language(session, offer_id))


def read_region(session: Session, region_id: int) -> Region:
    """The region's row (its columns by name, as the ORM object has them)."""
    return cast(Region, session.connection().execute(_REGION, {"id": region_id}).one())


def read_policies(session: Session, region: Region) -> dict[str, str]:
    """Language code -> publishing policy, for the region's active languages (as ``region_facts``)."""
    rows = session.connection().execute(_POLICIES, {"region_id": region.id})
    return {code: policy or region.publish_policy for code, policy in rows}


def row_by_id(session: Session, model: type[Any], row_id: int | None) -> Row[Any] | None:
    """The row of a category, organization or municipality, read once per session."""
    if row_id is None:
        return None
    known: dict[tuple[Any, int], Row[Any] | None] = session.info.setdefault("lotse_rows_by_id", {})
    key = (model, row_id)
    if key not in known:
        known[key] = session.connection().execute(_BY_ID[model], {"id": row_id}).first()
    return known[key]
