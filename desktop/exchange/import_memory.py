"""Answers given at an import, kept for the next one: which field a provider's column heading
means (per provider), and which target group a phrase means (for every provider)."""

from __future__ import annotations

from sqlmodel import Session, select

from models.tables import ImportMemory

COLUMN, TARGET_GROUP = "column", "target_group"


def remembered(session: Session, region_id: int, kind: str, provider: str = "") -> dict[str, str]:
    rows = session.exec(
        select(ImportMemory.source, ImportMemory.target).where(
            ImportMemory.region_id == region_id, ImportMemory.kind == kind, ImportMemory.provider == provider
        )
    )
    return dict(rows.all())


def remember(
    session: Session, region_id: int, kind: str, answers: dict[str, str], provider: str = ""
) -> None:
    """Store (or replace) each answer; an empty target forgets it."""
    existing = {
        m.source: m
        for m in session.exec(
            select(ImportMemory).where(
                ImportMemory.region_id == region_id,
                ImportMemory.kind == kind,
                ImportMemory.provider == provider,
            )
        )
    }
    for source, target in answers.items():
        source = source.strip()[:300]
        row = existing.get(source)
        if not target:
            if row is not None:
                session.delete(row)
            continue
        if row is None:
            session.add(
                ImportMemory(
                    region_id=region_id, provider=provider[:300], kind=kind, source=source, target=target
                )
            )
        else:
            row.target = target
            session.add(row)
