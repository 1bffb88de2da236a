"""Publishing in a team database: only publishers and administrators (the database's
``lotse_note`` checks it and writes the audit row). Elsewhere (SQLite) everything is allowed."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from models.i18n import N_

from ..db import Database
from ..errors import RightsError
from .setup import is_team_database


def require_publish_right(session: Session) -> None:
    """Refuse before anything is written, with who may."""
    conn = session.connection()
    if is_team_database(conn) and not conn.execute(text("SELECT lotse_may_publish()")).scalar():
        raise RightsError(N_("Only publishers and administrators may publish."))


def note_publish(session: Session, action: str, details: dict[str, Any]) -> None:
    """The audit log's row for a publish (the database checks the right again)."""
    conn = session.connection()
    if is_team_database(conn):
        conn.execute(
            text("SELECT lotse_note(:a, 'region', CAST(:d AS jsonb))"),
            {"a": action, "d": json.dumps(details, default=str)},
        )


def authorize_publish(db: Database, action: str, details: dict[str, Any]) -> None:
    """A print run or a delivery to the Integreat CMS: refused without the publish right
    (before anything is made), recorded in the audit log with who and what otherwise. In one
    transaction; on SQLite nothing happens (one person, everything allowed)."""
    if db.is_sqlite:
        return
    with db.transaction() as session:
        require_publish_right(session)
        note_publish(session, action, details)
