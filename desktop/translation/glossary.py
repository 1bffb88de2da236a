"""The glossary: terms per language pair, kept as they are or always translated as given;
applied before machine translation (placeholders) and checked after it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from models.i18n import N_
from models.tables import GlossaryTerm

from ..db import Database
from ..errors import LotseError

# What a German integration centre keeps as it is: names of offices newcomers must find.
DEFAULT_KEEP = (
    "Jobcenter",
    "Ausländerbehörde",
    "Aufenthaltstitel",
    "Integrationskurs",
    "Bürgeramt",
    "Familienkasse",
)


@dataclass(frozen=True)
class Term:
    source: str
    target: str | None = None  # None: keep as is

    @property
    def expected(self) -> str:
        return self.target if self.target else self.source


def terms_for(db: Database, source: str, target: str) -> list[Term]:
    """The terms that apply from ``source`` into ``target`` (a pair's own entry wins over "*")."""
    with db.transaction() as session:
        rows = list(
            session.exec(
                select(GlossaryTerm).where(
                    GlossaryTerm.source_language == source, GlossaryTerm.target_language.in_([target, "*"])
                )
            )
        )
    chosen: dict[str, GlossaryTerm] = {}
    for row in sorted(rows, key=lambda r: r.target_language != "*"):
        chosen[row.term] = row
    return [Term(r.term, r.translation or None) for r in chosen.values()]


def pairs(terms: list[Term]) -> list[tuple[str, str | None]]:
    return [(t.source, t.target) for t in terms]


def add_term(
    db: Database,
    term: str,
    *,
    source: str = "de",
    target: str = "*",
    translation: str | None = None,
    note: str = "",
) -> GlossaryTerm:
    term = (term or "").strip()
    if not term:
        raise LotseError(N_("The term is empty."))
    if target == "*" and translation:
        raise LotseError(
            N_("A fixed translation is for one target language; choose the language."),
        )
    with db.transaction() as session:
        row = session.exec(
            select(GlossaryTerm).where(
                GlossaryTerm.source_language == source,
                GlossaryTerm.target_language == target,
                GlossaryTerm.term == term,
            )
        ).first() or GlossaryTerm(source_language=source, target_language=target, term=term)
        row.translation = (translation or "").strip() or None
        row.note = note
        session.add(row)
        session.flush()
        session.refresh(row)
        return row


def delete_term(db: Database, term_id: int) -> None:
    with db.transaction() as session:
        row = session.get(GlossaryTerm, term_id)
        if row is not None:
            session.delete(row)


def list_terms(db: Database) -> list[GlossaryTerm]:
    with db.transaction() as session:
        return list(
            session.exec(select(GlossaryTerm).order_by(GlossaryTerm.target_language, GlossaryTerm.term))
        )
