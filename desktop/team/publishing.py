"""Publishing in a team database: only publishers and administrators (the database's
``lotse_note`` checks it and writes the audit row). Elsewhere (SQLite) everything is allowed."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from ..errors import RightsError
from .setup import is_team_database


def require_publish_right(session: Session) -> None:
    """Refuse before anything is written, with who may."""
    conn = session.connection()
    if is_team_database(conn) and not conn.execute(text("SELECT lotse_may_publish()")).scalar():
        raise RightsError(
            "Veröffentlichen dürfen nur Personen mit dem Recht „Veröffentlichen“ und Administratoren.",
            "Only publishers and administrators may publish.",
        )


def note_publish(session: Session, action: str, details: dict[str, Any]) -> None:
    """The audit log's row for a publish (the database checks the right again)."""
    conn = session.connection()
    if is_team_database(conn):
        conn.execute(
            text("SELECT lotse_note(:a, 'region', CAST(:d AS jsonb))"),
            {"a": action, "d": json.dumps(details, default=str)},
        )
