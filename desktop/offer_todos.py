"""What an import left to do on an offer ("E-mail “x@y” is not valid, the field stays empty"):
listed in the editor until someone marks it done. The message is stored as its msgid and values
(models/stored_text.py) and worded in the interface language when it is shown."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from models.i18n import Text
from models.stored_text import text_from_json
from models.tables import OfferTodo, utcnow

from .db import Database


@dataclass(frozen=True)
class Todo:
    id: int
    field: str
    value: str
    text: Text  # what is wrong and what to do
    source: str

    def message(self, language: str | None = None) -> str:
        return self.text.render(language)


def open_todos(db: Database, offer_id: int) -> list[Todo]:
    with db.session() as session:
        rows = session.exec(
            select(OfferTodo)
            .where(OfferTodo.offer_id == offer_id, OfferTodo.done_at.is_(None))  # type: ignore[union-attr]
            .order_by(OfferTodo.id)
        )
        return [Todo(t.id, t.field, t.value, text_from_json(t.message), t.source) for t in rows]


def mark_done(db: Database, todo_ids: list[int]) -> None:
    with db.transaction() as session:
        for todo in session.exec(select(OfferTodo).where(OfferTodo.id.in_(todo_ids))):  # type: ignore[attr-defined]
            todo.done_at = utcnow()
            session.add(todo)
