"""Which items changed since a publish: the change log that SQLite triggers keep (migration 4300,
``models.tables.PublishChange``). A re-publish reads only the items changed since the number its
sidecar recorded; the log is trusted only where every write reaches it (SQLite with all nine
triggers present), otherwise the answer is None and the publish reads everything."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

WATCHED = ("offer", "offer_text", "offer_confirmation")
TRIGGERS = frozenset(f"publish_change_{t}_{e}" for t in WATCHED for e in ("insert", "update", "delete"))


def newest_change(session: Session) -> int | None:
    """The number of the newest change (0: none yet); None when the log is not kept here."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return None
    names = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
    if not TRIGGERS <= names:
        return None
    return int(connection.execute(text("SELECT coalesce(max(seq), 0) FROM publish_change")).scalar_one())


def changed_since(session: Session, seq: int) -> set[int]:
    """Ids of the items (offers, pages, events; deleted ones too) changed after change ``seq``."""
    rows = session.connection().execute(text("SELECT item_id FROM publish_change WHERE seq > :seq"), {"seq": seq})
    return {row[0] for row in rows}
