"""What an import left to do on an offer ("E-mail “x@y” is not valid, the field stays empty"):
listed in the editor until someone marks it done. The message is stored as its msgid and values
(models/stored_text.py) and worded in the interface language when it is shown."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlmodel import select

from models.i18n import Text
from models.stored_text import text_from_json
from models.tables import OfferTodo, utcnow

from .db import Database
from .driver_statements import DriverStatement

_todo = OfferTodo.__table__.c  # type: ignore[attr-defined]
# Read every time an offer is opened (almost always none): one prebuilt statement on the
# driver's cursor, not an ORM query built, compiled and mapped to objects per offer.
OPEN_TODOS = DriverStatement(
    select(_todo.id, _todo.field, _todo.value, _todo.message, _todo.source)
    .where(_todo.offer_id == bindparam("offer_id"), _todo.done_at.is_(None))
    .order_by(_todo.id)
)


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
        rows = OPEN_TODOS.rows(session.connection(), {"offer_id": offer_id})
    return [
        Todo(id_, field, value, text_from_json(message), source)
        for id_, field, value, message, source in rows
    ]


def mark_done(db: Database, todo_ids: list[int]) -> None:
    with db.transaction() as session:
        for todo in session.exec(select(OfferTodo).where(OfferTodo.id.in_(todo_ids))):  # type: ignore[attr-defined]
            todo.done_at = utcnow()
            session.add(todo)
