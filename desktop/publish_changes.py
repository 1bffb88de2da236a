"""Which items changed since a publish: the change log the database's triggers keep
(desktop/change_log.py, ``models.tables.PublishChange``). A publish takes a mark before it reads;
its re-publish reads only the items changed at or after that mark. The log is trusted only where
every write reaches it (all its triggers present, and installed before the mark), otherwise the
answer is None and the publish reads everything."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlmodel import Session

from export.integreat.package_write import Changes
from export.integreat.republish import MAX_CHANGED

from .change_log import MARK, TRIGGERS, identity, present
from .errors import DatabaseError
from .publish_rows import CONTENTS, OFFER, read_confirmed, read_offers, read_texts, read_whole
from .publish_sidecar import SIDECAR

if TYPE_CHECKING:
    from export.integreat.lean import WholeRegion
    from export.integreat.snapshot import RegionSnapshot

    from .db import Database


_SEQ = 64  # a mark is the log's identity above the number: (identity << 64) | number


def newest_change(session: Session) -> int | None:
    """A mark: every change committed after it is noted at or above it; None when the log is not
    kept here. On SQLite the mark is written (it counts once the session commits: take it in a
    transaction of its own, before the one that reads)."""
    connection = session.connection()
    if present(connection) != TRIGGERS:
        return None
    log = identity(connection)
    if log is None:
        return None
    if connection.dialect.name != "sqlite":
        # the oldest transaction still running: what this one cannot see is at or above it
        query = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
        return log << _SEQ | int(connection.execute(text(query)).scalar_one())
    connection.execute(
        text(
            "INSERT INTO publish_change (item_id, seq) VALUES (:mark, "
            "(SELECT max(coalesce(max(seq), 0), 0) + 1 FROM publish_change)) "
            "ON CONFLICT (item_id) DO UPDATE SET seq = excluded.seq"
        ),
        {"mark": MARK},
    )
    return log << _SEQ | _newest_mark(session)


def _newest_mark(session: Session) -> int:
    found = session.connection().execute(
        text("SELECT seq FROM publish_change WHERE item_id = :m"), {"m": MARK}
    )
    return int(found.scalar() or 0)


def changed_since(session: Session, mark: int) -> set[int] | None:
    """Ids of the items (offers, pages, events; deleted ones too) changed at or after ``mark``;
    None when the mark is not this log's (another database, a mark from before its triggers were
    installed again, or one newer than any this database took: it was put back from a copy)."""
    connection = session.connection()
    seq = mark & ((1 << _SEQ) - 1)
    if mark >> _SEQ != identity(connection):
        return None
    if connection.dialect.name == "sqlite" and seq > _newest_mark(session):
        return None
    rows = connection.execute(
        text("SELECT item_id FROM publish_change WHERE seq >= :seq AND item_id > 0"), {"seq": seq}
    )
    return {row[0] for row in rows}


def _take_mark(db: Database) -> int | None:
    """The mark, in a short transaction of its own; None when the database cannot be written
    now (a full disk, a read-only file, a lock): that publish goes without the log (its sidecar
    keeps no number, so the next one compares every file) and fails, if at all, where it writes
    the package, with that message."""
    try:
        with db.transaction() as session:
            return newest_change(session)
    except DatabaseError:
        return None


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
    if check_right:
        with db.transaction() as session:
            require_publish_right(session)
    seq = _take_mark(db)
    with db.transaction() as session:
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

    def siblings(categories: set[int]) -> tuple[RegionSnapshot, dict[Any, Any]] | None:
        with db.transaction() as session:
            found = _lean(session, region_slug, items or set(), categories)
            if found is None:
                return None
            return found[0], failed_checks(session, found[0], policy)

    return (
        snapshot,
        failed,
        Changes(
            seq,
            items,
            full if light else None,
            SIDECAR,
            whole,
            some if whole is not None else None,
            siblings if whole is not None else None,
        ),
    )


def _lean(
    session: Session, region_slug: str | None, items: set[int], categories: set[int] | None = None
) -> tuple[RegionSnapshot, WholeRegion] | None:
    """The snapshot of only the changed items (and every offer of ``categories``), and what a
    lean re-publish reads of the other offers (export/integreat/lean.py); None unless every
    changed item is an offer that exists."""
    from .publish import add_items, load_region

    snapshot = load_region(session, region_slug)
    if categories:
        marks = ", ".join(f":c{i}" for i in range(len(categories)))
        rows = session.connection().execute(
            text(
                "SELECT id FROM offer WHERE region_id = :region AND kind = :kind "
                f"AND category_id IN ({marks})"
            ),
            {"region": snapshot.id, "kind": OFFER, **{f"c{i}": c for i, c in enumerate(sorted(categories))}},
        )
        members = {row[0] for row in rows}
    else:
        members = set()
    ids = sorted(items | members)
    offers = read_offers(session, snapshot.id, ids)
    if not items <= set(offers) or any(o.kind != OFFER for o in offers.values()):
        return None
    if set(offers) != items | members:
        return None
    codes = {lang.code for lang in snapshot.languages}
    read_texts(session, snapshot.id, offers, codes, CONTENTS, ids)
    read_confirmed(session, offers)
    add_items(snapshot, offers.values())
    return snapshot, read_whole(session, snapshot.id, codes)
