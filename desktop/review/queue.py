"""The review queue: every translation that needs a person's look, riskiest first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from models.tables import ContentKind

from ..content_labels import item_labels
from ..db import Database
from ..offers import OfferRow, list_offers
from .decisions import open_notes

NEEDS_REVIEW = ("outdated", "machine")
REVIEWABLE = ("outdated", "machine", "checked", "in_translation", "approved")
# Points per failed check, for a back-translation that lost all meaning (scaled by 1 - similarity),
# for a text sent back for work, for an outdated and for a machine-translated text.
RISK_WEIGHTS = {
    "failed_checks": 10.0,
    "back_translation": 5.0,
    "needs_work": 4.0,
    "outdated": 2.0,
    "machine": 1.0,
}


@dataclass
class QueueItem:
    offer_id: int
    language_code: str
    title: str
    status: str
    organization: str
    category: str
    needs_work: bool = False
    failed_checks: int = 0
    back_similarity: float | None = None  # 0..1 when a back-translation exists
    provider: str | None = None
    notes: list[str] = field(default_factory=list)
    kind: str = "offer"  # or "page", "event" (models.tables.ContentKind)
    when: datetime | None = None  # an event's next date

    @property
    def risk(self) -> float:
        """Higher first: failed checks, then meaning lost in back-translation, then outdated."""
        return sum(points for _reason, points in self.risk_parts())

    def risk_parts(self) -> list[tuple[str, float]]:
        """What makes up ``risk``, as (reason, points); the review list shows it as a tooltip.
        Reasons: failed_checks, back_translation, needs_work, outdated, machine."""
        parts = []
        if self.failed_checks:
            parts.append(("failed_checks", RISK_WEIGHTS["failed_checks"] * self.failed_checks))
        if self.back_similarity is not None:
            parts.append(
                ("back_translation", RISK_WEIGHTS["back_translation"] * (1.0 - self.back_similarity))
            )
        if self.needs_work:
            parts.append(("needs_work", RISK_WEIGHTS["needs_work"]))
        if self.status in ("outdated", "machine"):
            parts.append((self.status, RISK_WEIGHTS[self.status]))
        return parts


# Callables that enrich an item with what the translation engine knows (checks, back-translation).
Enricher = Callable[[QueueItem], None]


def review_queue(
    db: Database,
    *,
    languages: list[str] | None = None,
    statuses: tuple[str, ...] = NEEDS_REVIEW,
    organization_ids: list[int] | None = None,
    only_failed_checks: bool = False,
    providers: list[str] | None = None,
    enrich: Enricher | None = None,
) -> list[QueueItem]:
    # Offers, information pages and events: one queue, each item labelled with its kind.
    kinds: dict[int, str] = {}
    rows: list[OfferRow] = []
    for kind in ContentKind:
        for r in list_offers(db, kind=kind.value):
            if r.state != "archived":
                kinds[r.id] = kind.value
                rows.append(r)
    notes_by_text: dict[tuple[int, str], list[str]] = {}
    for note in open_notes(db):
        notes_by_text.setdefault((note.offer_id, note.language_code), []).append(note.comment)
    items: list[QueueItem] = []
    for row in rows:
        if organization_ids and row.organization_id not in organization_ids:
            continue
        for code, status in row.statuses.items():
            if status == "source" or (languages and code not in languages):
                continue
            notes = notes_by_text.get((row.id, code), [])
            if status not in statuses and not notes:
                continue
            items.append(
                QueueItem(
                    row.id,
                    code,
                    row.title,
                    status,
                    row.organization,
                    row.category,
                    needs_work=bool(notes),
                    notes=notes,
                )
            )
    events = sorted({i.offer_id for i in items if kinds[i.offer_id] == ContentKind.EVENT.value})
    labels = item_labels(db, events) if events else {}
    for item in items:
        item.kind = kinds[item.offer_id]
        label = labels.get(item.offer_id)
        item.when = label.when if label else None
    if enrich is not None:
        for item in items:
            enrich(item)
    if only_failed_checks:
        items = [i for i in items if i.failed_checks]
    if providers:
        items = [i for i in items if i.provider in providers]
    items.sort(key=lambda i: (-i.risk, i.language_code, i.offer_id))
    return items


def providers_in_use(db: Database) -> list[str]:
    """The translation services that made the region's current texts, for the queue's filter."""
    from sqlmodel import select

    from models.tables import OfferText

    with db.transaction() as session:
        found = session.exec(
            select(OfferText.provider).where(OfferText.provider.is_not(None)).distinct()
        ).all()
    return sorted(p for p in found if p)
