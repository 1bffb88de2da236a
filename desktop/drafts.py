"""Autosaved editor state (the Draft table): what the user typed but has not saved yet.

The editor writes its whole state every few seconds; the next start finds what a crash
or a kill left behind and offers it back. One draft per user and offer (or per user for
an offer that was never saved).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import select

from models.tables import Draft, Offer, OfferText, utcnow

from .db import Database
from .regions import current_region, root_language


@dataclass
class DraftInfo:
    id: int
    offer_id: int | None
    base_version: int | None
    payload: dict[str, Any]
    saved_at: datetime
    title: str  # of the offer as saved (or of the draft, for a new one)


def save_draft(
    db: Database, offer_id: int | None, base_version: int | None, payload: dict[str, Any], *, author: str
) -> int:
    """Write (or overwrite) the user's draft of this offer; returns the draft's id."""
    with db.transaction() as session:
        draft = session.exec(
            select(Draft).where(
                Draft.author == author,
                Draft.offer_id == offer_id if offer_id is not None else Draft.offer_id.is_(None),
            )
        ).first()
        if draft is None:
            draft = Draft(offer_id=offer_id, author=author)
        draft.base_version = base_version
        draft.payload = payload
        draft.saved_at = utcnow()
        session.add(draft)
        session.flush()
        return draft.id


def discard_draft(db: Database, offer_id: int | None, *, author: str) -> None:
    with db.transaction() as session:
        query = select(Draft).where(Draft.author == author)
        query = (
            query.where(Draft.offer_id == offer_id)
            if offer_id is not None
            else query.where(Draft.offer_id.is_(None))
        )
        for draft in session.exec(query):
            session.delete(draft)


def list_drafts(db: Database, *, author: str) -> list[DraftInfo]:
    """The user's drafts, newest first, with the title to name them by."""
    with db.transaction() as session:
        region = current_region(session)
        root = root_language(session, region.id)
        rows = session.exec(
            select(Draft, OfferText.title)
            .outerjoin(Offer, Offer.id == Draft.offer_id)
            .outerjoin(OfferText, (OfferText.offer_id == Draft.offer_id) & (OfferText.language_code == root))
            .where(Draft.author == author)
            .order_by(Draft.saved_at.desc())
        )
        out = []
        for draft, title in rows:
            # The editor keeps its working copy under "payload" (beside its base and language).
            working = draft.payload.get("payload", draft.payload)
            typed = ((working.get("texts") or {}).get(root) or {}).get("title")
            out.append(
                DraftInfo(
                    draft.id,
                    draft.offer_id,
                    draft.base_version,
                    dict(draft.payload),
                    draft.saved_at,
                    title or typed or "",
                )
            )
        return out
