"""Reading the team database's audit log (administrators only: the database refuses others)
and writing it as CSV."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from export.safe_input import atomic_write
from export.table import write_csv

from ..db import Database
from .refusals import rights_error

HEADERS = ["id", "at", "person", "action", "item", "item_id", "language", "details"]


@dataclass
class AuditEntry:
    id: int
    at: datetime
    person: str
    action: str
    item: str | None
    item_id: int | None
    language: str | None
    details: dict[str, Any]

    def row(self) -> list[Any]:
        return [
            self.id,
            self.at.isoformat(timespec="seconds"),
            self.person,
            self.action,
            self.item or "",
            self.item_id if self.item_id is not None else "",
            self.language or "",
            json.dumps(self.details, ensure_ascii=False, sort_keys=True),
        ]


def read_audit(
    db: Database,
    *,
    item: str | None = None,
    item_id: int | None = None,
    person: str | None = None,
    action: str | None = None,
    limit: int = 1000,
) -> list[AuditEntry]:
    """The newest entries first, filtered by item (``offer``, ``offer_text``, ``person`` …),
    item id, person and action."""
    wheres: list[str] = []
    params: dict[str, Any] = {"limit": max(1, min(limit, 100_000))}
    for column, value in (("item", item), ("item_id", item_id), ("person", person), ("action", action)):
        if value is not None:
            wheres.append(f"{column} = :{column}")
            params[column] = value
    query = (
        "SELECT id, at, person, action, item, item_id, language, details FROM lotse_audit"
        + (" WHERE " + " AND ".join(wheres) if wheres else "")
        + " ORDER BY id DESC LIMIT :limit"
    )
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(text(query), params).all()
    except DBAPIError as exc:
        refused = rights_error(exc)
        if refused is None:
            raise
        raise refused from exc
    return [AuditEntry(*row) for row in rows]


def write_audit_csv(entries: list[AuditEntry], path: Path) -> Path:
    return atomic_write(Path(path), write_csv(HEADERS, [e.row() for e in entries]))
