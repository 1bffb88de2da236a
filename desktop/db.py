"""The database: one function makes the engine from a path or URL, migrations run on open.

SQLite (the default, one file at a platformdirs location) runs in WAL mode with
foreign keys on and a busy timeout; PostgreSQL (for teams) through psycopg 3.
Every schema change is an Alembic migration, applied on open after a backup of
the SQLite file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlmodel import Session, create_engine

from export.leftovers import backup_partial
from models.i18n import N_

from .changes import committed, take_noted
from .db_errors import describe_url as describe_url
from .db_errors import translate_db_error
from .db_files import MIGRATIONS as MIGRATIONS
from .db_files import database_target, is_server_url, scanned_head
from .db_files import default_database_path as default_database_path
from .db_url import check_database_url
from .errors import DatabaseError, DatabaseTooNewError, LotseError

BUSY_TIMEOUT_MS = 10_000


def resolve_database_url(db: str | None = None) -> str:
    """``--db`` beats ``LOTSE_DB`` beats the default file. A path becomes a SQLite URL."""
    value = database_target(db)
    if is_server_url(value):
        check_database_url(value)  # a message that says what is wrong, not "ValueError"
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def database_file(db: str | None = None) -> Path | None:
    """The SQLite file ``--db`` (or its default) names; None for a server database or a bad URL."""
    try:
        return _sqlite_path(resolve_database_url(db))
    except (LotseError, ValueError):
        return None


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """The engine for a SQLite path/URL or any SQLAlchemy URL, configured for Lotse."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = _sqlite_path(url)
        if path is not None:
            _check_sqlite_location(path)
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    return create_engine(url)


def _check_sqlite_location(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            N_(
                "The folder {folder} cannot be created ({strerror}). Choose another place with --db.",
                folder=folder,
                strerror=exc.strerror,
            ),
        ) from exc
    target = path if path.exists() else folder
    if not os.access(target, os.W_OK):
        raise DatabaseError(
            N_(
                "Lotse may not write to {target}. Choose another place with --db or check the permissions.",
                target=target,
            ),
        )
    if path.exists() and path.stat().st_size > 0:
        with open(path, "rb") as handle:
            header = handle.read(16)
        if header != b"SQLite format 3\x00":
            raise DatabaseError(
                N_(
                    "{path} is not a SQLite database (or it is damaged). Nothing "
                    "was changed. Choose another file or restore a backup (*.bak).",
                    path=path,
                ),
            )


def _alembic_config(connection):
    # Alembic is imported only when the schema has to change (or be checked against a
    # newer one): an ordinary start at the newest schema never loads it.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(None)).get_current_head()


def _current_revision(conn) -> str | None:
    """The schema revision stored in the database (None for an empty one), without Alembic."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    return rows[0][0] if len(rows) == 1 else "<several>"


@dataclass
class Database:
    """An open, migrated database: the engine and a way to get sessions."""

    url: str
    engine: Engine

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        return _sqlite_path(self.url)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back on any error."""
        session = self.session()
        try:
            yield session
            session.commit()
            committed(take_noted(session))
        except (OperationalError, InterfaceError) as exc:
            _quiet_rollback(session)
            # A full disk, a lost server: a message that says so, never a traceback.
            raise translate_db_error(exc, self.url) from exc
        except DBAPIError as exc:
            _quiet_rollback(session)
            from .team.refusals import rights_error

            refused = rights_error(exc)
            if refused is None:
                raise
            raise refused from exc
        except BaseException:
            _quiet_rollback(session)
            raise
        finally:
            session.close()

    def integrity_problems(self) -> list[str]:
        if not self.is_sqlite:
            return []
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
        return [r[0] for r in rows if r[0] != "ok"]

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def within(target: Database | Session) -> Iterator[Session]:
    """The one transaction an operation works in: its own on a :class:`Database`, the caller's
    on a :class:`Session` (an import that writes many offers commits them together). So each
    operation exists once, not as a database and a session twin."""
    if isinstance(target, Database):
        with target.transaction() as session:
            yield session
    else:
        yield target


def _quiet_rollback(session: Session) -> None:
    """Roll back; on a dead connection the rollback may fail too, and the first error is the one to tell."""
    try:
        session.rollback()
    except SQLAlchemyError:
        pass


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy of the SQLite file beside it (the backup API, safe with WAL)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    partial = backup_partial(target)
    source = sqlite3.connect(str(path))
    try:
        dest = sqlite3.connect(str(partial))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    os.replace(partial, target)
    return target


def open_database(db: str | None = None, *, migrate: bool = True, create: bool = True) -> Database:
    """Open (and by default create and migrate) the database at ``db`` (path or URL)."""
    url = resolve_database_url(db)
    path = _sqlite_path(url)
    if path is not None and not create and not path.exists():
        raise DatabaseError(
            N_("The database {path} does not exist. Create it with “lotse init --db {path}”.", path=path),
        )
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            current = _current_revision(conn)
        if current is not None and current == scanned_head(MIGRATIONS):
            return Database(url=url, engine=engine)  # the usual start: the newest schema, nothing to do
        from alembic import command
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(_alembic_config(None))
        head = script.get_current_head()
        if current is not None and current not in {r.revision for r in script.walk_revisions()}:
            raise DatabaseTooNewError(
                N_(
                    "The database {describe_url} was made by a newer Lotse version "
                    "(schema {current}). Nothing was changed. Please install the "
                    "newest Lotse.",
                    describe_url=describe_url(url),
                    current=current,
                ),
            )
        if current != head:
            if not migrate:
                raise DatabaseError(
                    N_(
                        "The database {describe_url} needs an update. Run “lotse init”.",
                        describe_url=describe_url(url),
                    ),
                )
            if current is not None and path is not None:
                backup_sqlite(path, f"before-{head}")
            elif current is None and path is not None:
                _refuse_foreign_sqlite(engine, url)
            _upgrade(engine, command, url)
    except DatabaseError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError, sqlite3.Error, OSError) as exc:
        engine.dispose()
        raise translate_db_error(exc, url) from exc
    return Database(url=url, engine=engine)


def _upgrade(engine: Engine, command, url: str) -> None:
    """Run the migrations in one transaction. On SQLite without foreign-key actions: a
    migration that rebuilds a table (Alembic's batch mode) drops the old one, and with them
    on that drop would cascade into every table pointing at it (texts, revisions)."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # outside a transaction, or it does nothing
            conn.commit()
        try:
            with conn.begin():
                from .team.setup import migrate as migrate_schema

                migrate_schema(conn, url, lambda: command.upgrade(_alembic_config(conn), "head"))
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(
                            N_(
                                "After the update {count} rows point nowhere; nothing was changed.",
                                count=len(broken),
                            )
                        )
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
                conn.commit()


def _refuse_foreign_sqlite(engine: Engine, url: str) -> None:
    """A SQLite file with tables but no Lotse schema belongs to some other program."""
    names = set(inspect(engine).get_table_names())
    if names - {"alembic_version"}:
        raise DatabaseError(
            N_(
                "{describe_url} holds tables of another program. Nothing was changed. Choose another file.",
                describe_url=describe_url(url),
            ),
        )
