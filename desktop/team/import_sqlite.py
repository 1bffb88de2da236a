"""Moving a single-user SQLite database into a new PostgreSQL database, history included:
every row of every table with its id (offers, texts, revisions with their authors, drafts,
memory, glossary …), then the id counters set past the highest id. Run before
``lotse team init`` (afterwards the database records the person logged in as author, and the
guards would refuse rows a scope does not cover): ``lotse team import-sqlite FILE --db URL``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Table, func, select, update
from sqlmodel import SQLModel

import models.tables  # noqa: F401 - the tables are defined by being imported
from models.i18n import N_

from ..db import Database, describe_url, open_database
from ..errors import DatabaseError
from .setup import is_team_database

CHUNK = 500


def _self_references(table: Table) -> list[str]:
    """Columns pointing into their own table (a page's parent, an event's place): filled in
    after every row is there, since a row may point at one with a higher id."""
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _copied_tables() -> list[Table]:
    """Every table but the publish change log: the target's triggers note each copied row, and
    the numbers of the file's log mean nothing there (desktop/change_log.py)."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name != "publish_change"]


def _refuse_unless_empty(target: Database, url: str) -> None:
    if target.is_sqlite:
        raise DatabaseError(N_("The target must be a PostgreSQL database (the team's), not SQLite."))
    with target.engine.connect() as conn:
        if is_team_database(conn):
            raise DatabaseError(
                N_(
                    "{target} is a team database already. Import the SQLite file into a new, empty "
                    "database first, then run “lotse team init” on it.",
                    target=describe_url(url),
                )
            )
        for table in _copied_tables():
            if conn.execute(select(func.count()).select_from(table)).scalar():
                raise DatabaseError(
                    N_(
                        "{target} already holds data (table {table}); nothing was changed. "
                        "Import into a new, empty database.",
                        target=describe_url(url),
                        table=table.name,
                    )
                )


def import_sqlite(
    sqlite_file: str | Path, url: str, *, progress: Callable[[int, int, str], None] | None = None
) -> dict[str, int]:
    """Copy every row from the SQLite file into the empty PostgreSQL database at ``url`` in one
    transaction (all or nothing); returns the rows copied per table."""
    path = Path(sqlite_file).expanduser()
    source = open_database(str(path), create=False)  # brought to the newest schema (after a backup)
    target = open_database(url)
    counts: dict[str, int] = {}
    try:
        _refuse_unless_empty(target, url)
        tables = _copied_tables()
        with source.engine.connect() as read, target.engine.begin() as write:
            for index, table in enumerate(tables):
                if progress is not None:
                    progress(index, len(tables), table.name)
                later = _self_references(table)
                pointers: list[dict[str, object]] = []
                copied = 0
                result = read.execute(select(table).order_by(*table.primary_key.columns))
                while rows := result.mappings().fetchmany(CHUNK):
                    batch = [dict(row) for row in rows]
                    for row in batch:
                        if any(row.get(name) is not None for name in later):
                            pointers.append({"key": row["id"], **{name: row[name] for name in later}})
                            for name in later:
                                row[name] = None
                    write.execute(table.insert(), batch)
                    copied += len(batch)
                for pointer in pointers:
                    key = pointer.pop("key")
                    write.execute(update(table).where(table.c.id == key).values(**pointer))
                if "id" in table.c and copied:
                    write.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f'(SELECT max(id) FROM "{table.name}"))'
                    )
                counts[table.name] = copied
    finally:
        source.dispose()
        target.dispose()
    return counts
