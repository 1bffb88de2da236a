"""What a hosted Integreat CMS has of each text, as far as Lotse knows (``CmsBase``): written by
the import from the CMS, by a later sync and by a successful push, inside the caller's
transaction. ``push`` sends a page only when its text differs from it; the sync compares the
CMS's new state and Lotse's text against it (three-way)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from models.tables import CmsBase


def base_of(session: Session, offer_id: int, code: str) -> CmsBase | None:
    return session.exec(
        select(CmsBase).where(CmsBase.offer_id == offer_id, CmsBase.language_code == code)
    ).first()


def bases(session: Session, offer_ids: list[int]) -> dict[tuple[int, str], CmsBase]:
    """(offer id, language) -> its base, for these items."""
    out: dict[tuple[int, str], CmsBase] = {}
    for chunk in range(0, len(offer_ids), 500):
        rows = session.exec(select(CmsBase).where(CmsBase.offer_id.in_(offer_ids[chunk : chunk + 500])))  # type: ignore[attr-defined]
        out.update({(row.offer_id, row.language_code): row for row in rows})
    return out


def remember(
    session: Session,
    offer_id: int,
    code: str,
    *,
    title: str | None = None,
    content: str | None = None,
    cms_updated: datetime | None = None,
) -> CmsBase:
    """The CMS now has this title/content (None: unchanged) of the text; any decision that was
    waiting on it is settled."""
    row = base_of(session, offer_id, code)
    if row is None:
        row = CmsBase(offer_id=offer_id, language_code=code)
    if title is not None:
        row.title = title
    if content is not None:
        row.content = content
    if cms_updated is not None:
        row.cms_updated = cms_updated
    row.synced_at = datetime.now(UTC)
    row.theirs_title = row.theirs_content = row.theirs_updated = None
    session.add(row)
    return row
