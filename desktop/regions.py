"""Operations on the region: its languages (the language tree), municipalities, categories."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from models.i18n import N_
from models.languages import language_info
from models.status import tree_order
from models.tables import Category, Municipality, Organization, Region, RegionLanguage

from . import offer_statements as statements
from .errors import NotFoundError


def current_region(session: Session, slug: str | None = None) -> Region:
    """The region by slug, or the only/first region of the database."""
    query = select(Region)
    if slug:
        query = query.where(Region.slug == slug)
    region = session.exec(query.order_by(Region.id)).first()
    if region is None:
        if slug:
            raise NotFoundError(
                N_("There is no region “{slug}” in this database.", slug=slug),
            )
        raise NotFoundError(
            N_("This database holds no region yet. Create the demo region with “lotse init --demo”."),
        )
    return region


def region_languages(session: Session, region_id: int, *, active_only: bool = True) -> list[RegionLanguage]:
    query = select(RegionLanguage).where(RegionLanguage.region_id == region_id)
    if active_only:
        query = query.where(RegionLanguage.active == True)  # noqa: E712
    return list(session.exec(query.order_by(*statements.LANGUAGE_ORDER)))


def language_tree(session: Session, region_id: int) -> dict[str, str | None]:
    """code -> the code it is translated from (None for the root language)."""
    # Two columns as plain rows, not whole ORM objects: every save and every open reads the tree.
    rows = statements.TREE_ROWS.rows(session.connection(), {"region_id": region_id})
    return {code: source for code, source in rows}


def tree_of(entries: list[list[Any]] | None) -> dict[str, str | None]:
    """The tree from its rows as ``[position, code, source]`` (a save reads them with its
    claim), in :func:`language_tree`'s order (code by code point: ``statements.bytewise``)."""
    return {code: source for _position, code, source in sorted(entries or (), key=lambda e: (e[0], e[1]))}


def root_language(session: Session, region_id: int) -> str:
    roots = [c for c, s in language_tree(session, region_id).items() if s is None]
    return roots[0] if roots else "de"


def add_language(
    session: Session, region: Region, code: str, source_code: str | None, position: int | None = None
) -> RegionLanguage:
    """Add (or re-activate) a language; names and direction come from CLDR."""
    info = language_info(code)
    tree = language_tree(session, region.id)
    tree[code] = source_code
    tree_order(tree)  # raises on a cycle or an unknown source
    existing = session.exec(
        select(RegionLanguage).where(RegionLanguage.region_id == region.id, RegionLanguage.code == code)
    ).first()
    row = existing or RegionLanguage(
        region_id=region.id, code=code, bcp47_tag=info.bcp47_tag, native_name=info.native_name
    )
    row.direction = info.direction
    row.source_code = source_code
    row.active = True
    if position is not None:
        row.position = position
    elif existing is None:
        row.position = len(tree)
    session.add(row)
    session.flush()
    return row


def municipalities(session: Session, region_id: int) -> list[Municipality]:
    return list(
        session.exec(
            select(Municipality).where(Municipality.region_id == region_id).order_by(Municipality.name)
        )
    )


def categories(session: Session, region_id: int) -> list[Category]:
    return list(
        session.exec(
            select(Category).where(Category.region_id == region_id).order_by(Category.position, Category.slug)
        )
    )


def organizations(session: Session, region_id: int) -> list[Organization]:
    return list(
        session.exec(
            select(Organization).where(Organization.region_id == region_id).order_by(Organization.name)
        )
    )
