"""Which items changed since a publish: the change log that SQLite triggers keep (migration 4300,
``models.tables.PublishChange``). A re-publish reads only the items changed since the number its
sidecar recorded; the log is trusted only where every write reaches it (SQLite with all nine
triggers present), otherwise the answer is None and the publish reads everything."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlmodel import Session

from export.integreat.package_write import Changes
from export.integreat.republish import MAX_CHANGED

from .publish_sidecar import SIDECAR

if TYPE_CHECKING:
    from export.integreat.snapshot import RegionSnapshot

    from .db import Database

WATCHED = ("offer", "offer_text", "offer_confirmation")
TRIGGERS = frozenset(f"publish_change_{t}_{e}" for t in WATCHED for e in ("insert", "update", "delete"))


def newest_change(session: Session) -> int | None:
    """The number of the newest change (0: none yet); None when the log is not kept here."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return None
    names = {
        row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
    }
    if not TRIGGERS <= names:
        return None
    return int(connection.execute(text("SELECT coalesce(max(seq), 0) FROM publish_change")).scalar_one())


def changed_since(session: Session, seq: int) -> set[int]:
    """Ids of the items (offers, pages, events; deleted ones too) changed after change ``seq``."""
    rows = session.connection().execute(
        text("SELECT item_id FROM publish_change WHERE seq > :seq"), {"seq": seq}
    )
    return {row[0] for row in rows}


def read_for_publish(
    db: Database, out: str | Path, region_slug: str | None, policy: str | None, *, check_right: bool
) -> tuple[RegionSnapshot, dict[Any, Any], Changes]:
    """The snapshot a publish into ``out`` builds from, its failed checks, and what changed since
    the live run there. When only a few offers changed (the change log since the sidecar's
    number), the snapshot holds only their contents (the others' are read when the publish
    must build everything after all: ``Changes.full_snapshot``)."""
    from .publish import failed_checks, load_snapshot
    from .team.publishing import require_publish_right

    last = SIDECAR.load(Path(out))
    with db.transaction() as session:
        if check_right:
            require_publish_right(session)
        seq = newest_change(session)
        items = (
            changed_since(session, last.seq) if seq is not None and last and last.seq is not None else None
        )
        light = items is not None and 0 < len(items) <= MAX_CHANGED
        snapshot = load_snapshot(session, region_slug, contents_for=items if light else None)
        failed = failed_checks(session, snapshot, policy)

    def full() -> tuple[RegionSnapshot, dict[Any, Any]]:
        with db.transaction() as session:
            whole = load_snapshot(session, region_slug)
            return whole, failed_checks(session, whole, policy)

    return snapshot, failed, Changes(seq, items, full if light else None, SIDECAR)
