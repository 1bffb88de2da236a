"""What is known of the database without SQLAlchemy: where the SQLite file is (``--db`` beats
``LOTSE_DB`` beats the default file) and the newest schema revision, read from the migration
files' text. Opening a database already at the newest revision checks only that, and the
window reads its list early only from a SQLite file at that revision (desktop/list_snapshot.py)."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_path

MIGRATIONS = Path(__file__).with_name("migrations")
_SERVER = re.compile(r"^postgres(ql)?(\+\w+)?[:/]", re.IGNORECASE)


def default_database_path() -> Path:
    return user_data_path("Lotse", appauthor=False) / "lotse.sqlite"


def database_target(db: str | None = None) -> str:
    """The path or URL the program opens: ``--db``, else ``LOTSE_DB``, else the default file."""
    return db or os.environ.get("LOTSE_DB") or str(default_database_path())


def is_server_url(value: str) -> bool:
    return "://" in value or _SERVER.match(value) is not None


def plain_sqlite_file(db: str | None = None) -> Path | None:
    """The SQLite file a plain path or a plain ``sqlite:///`` URL names; None for anything else
    (a server, a URL with options), which only SQLAlchemy reads."""
    value = database_target(db)
    if value.startswith("sqlite:///") and "?" not in value:
        value = value.removeprefix("sqlite:///")
    elif is_server_url(value):
        return None
    return Path(value).expanduser().resolve()


_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", re.M)


def scanned_head(folder: Path | None = None) -> str | None:
    """The newest revision, read from the migration files' text without importing Alembic;
    None when the files are anything but one plain chain (then Alembic decides)."""
    versions = (folder or MIGRATIONS) / "versions"
    try:
        key = tuple(
            sorted((e.name, e.stat().st_mtime_ns) for e in os.scandir(versions) if e.name.endswith(".py"))
        )
    except OSError:
        return None
    return _scan(str(versions), key)


@lru_cache(maxsize=8)
def _scan(versions: str, files: tuple[tuple[str, int], ...]) -> str | None:
    revisions, parents = set(), set()
    for name, _mtime in files:
        text = Path(versions, name).read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 and parents <= revisions else None
