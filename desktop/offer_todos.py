"""What an import left to do on an offer ("E-Mail „x@y“ ungültig, Feld leer gelassen"):
listed in the editor until someone marks it done."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from models.i18n import language as current_language
from models.tables import OfferTodo, utcnow

from .db import Database


@dataclass(frozen=True)
class Todo:
    id: int
    field: str
    value: str
    words: dict[str, str]  # the message as the import wrote it, per interface language
    source: str

    def message(self, language: str | None = None) -> str:
        return self.words.get(language or current_language()) or self.words.get("de", "")


def open_todos(db: Database, offer_id: int) -> list[Todo]:
    with db.session() as session:
        rows = session.exec(
            select(OfferTodo)
            .where(OfferTodo.offer_id == offer_id, OfferTodo.done_at.is_(None))  # type: ignore[union-attr]
            .order_by(OfferTodo.id)
        )
        return [
            Todo(t.id, t.field, t.value, {"de": t.message_de, "en": t.message_en}, t.source) for t in rows
        ]


def mark_done(db: Database, todo_ids: list[int]) -> None:
    with db.transaction() as session:
        for todo in session.exec(select(OfferTodo).where(OfferTodo.id.in_(todo_ids))):  # type: ignore[attr-defined]
            todo.done_at = utcnow()
            session.add(todo)
