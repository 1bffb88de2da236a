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

from .publish_rows import CONTENTS, OFFER, read_confirmed, read_offers, read_texts, read_whole
from .publish_sidecar import SIDECAR

if TYPE_CHECKING:
    from export.integreat.lean import WholeRegion
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
    whole: WholeRegion | None = None
    with db.transaction() as session:
        if check_right:
            require_publish_right(session)
        seq = newest_change(session)
        items = (
            changed_since(session, last.seq) if seq is not None and last and last.seq is not None else None
        )
        light = items is not None and 0 < len(items) <= MAX_CHANGED
        lean = (
            _lean(session, region_slug, items)
            if light and items and last and "tallies" in last.meta
            else None
        )
        if lean is not None:
            snapshot, whole = lean
        else:
            snapshot = load_snapshot(session, region_slug, contents_for=items if light else None)
        failed = failed_checks(session, snapshot, policy)

    def full() -> tuple[RegionSnapshot, dict[Any, Any]]:
        with db.transaction() as session:
            whole = load_snapshot(session, region_slug)
            return whole, failed_checks(session, whole, policy)

    def some() -> tuple[RegionSnapshot, dict[Any, Any]]:
        with db.transaction() as session:
            snapshot = load_snapshot(session, region_slug, contents_for=items)
            return snapshot, failed_checks(session, snapshot, policy)

    return (
        snapshot,
        failed,
        Changes(seq, items, full if light else None, SIDECAR, whole, some if whole is not None else None),
    )


def _lean(
    session: Session, region_slug: str | None, items: set[int]
) -> tuple[RegionSnapshot, WholeRegion] | None:
    """The snapshot of only the changed items, and what a lean re-publish reads of the other
    offers (export/integreat/lean.py); None unless every changed item is an offer that exists."""
    from .publish import add_items, load_region

    snapshot = load_region(session, region_slug)
    ids = sorted(items)
    offers = read_offers(session, snapshot.id, ids)
    if set(offers) != items or any(o.kind != OFFER for o in offers.values()):
        return None
    codes = {lang.code for lang in snapshot.languages}
    read_texts(session, snapshot.id, offers, codes, CONTENTS, ids)
    read_confirmed(session, offers)
    add_items(snapshot, offers.values())
    return snapshot, read_whole(session, snapshot.id, codes)
