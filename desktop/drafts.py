"""Autosaved editor state (the Draft table): what the user typed but has not saved yet.

The editor writes its whole state every few seconds; the next start finds what a crash
or a kill left behind and offers it back. One draft per user and item (or per user and kind for
an item that was never saved).
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


def _kind(payload: dict[str, Any]) -> str:
    return str(payload.get("kind") or "offer")


def _mine(session, offer_id: int | None, author: str, kind: str) -> list[Draft]:
    """The user's drafts of this item; for an item never saved, those of its kind (a new page's
    draft and a new offer's draft are two drafts, not one)."""
    query = select(Draft).where(Draft.author == author)
    if offer_id is not None:
        return list(session.exec(query.where(Draft.offer_id == offer_id)))
    return [d for d in session.exec(query.where(Draft.offer_id.is_(None))) if _kind(d.payload) == kind]


def save_draft(
    db: Database,
    offer_id: int | None,
    base_version: int | None,
    payload: dict[str, Any],
    *,
    author: str,
) -> int:
    """Write (or overwrite) the user's draft of this item; returns the draft's id."""
    with db.transaction() as session:
        found = _mine(session, offer_id, author, _kind(payload))
        draft = found[0] if found else Draft(offer_id=offer_id, author=author)
        draft.base_version = base_version
        draft.payload = payload
        draft.saved_at = utcnow()
        session.add(draft)
        session.flush()
        return draft.id


def discard_draft(db: Database, offer_id: int | None, *, author: str, kind: str = "offer") -> None:
    with db.transaction() as session:
        for draft in _mine(session, offer_id, author, kind):
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
