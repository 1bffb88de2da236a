"""Shared fixtures: headless Qt, databases on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LOTSE_LANG", "de")
os.environ.setdefault("LOTSE_USER", "tester")
# Window settings go to a throwaway file, never to the real user's QSettings.
import tempfile  # noqa: E402

os.environ.setdefault("LOTSE_SETTINGS", os.path.join(tempfile.mkdtemp(prefix="lotse-settings-"), "lotse.ini"))

import itertools  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.support.pgserver import PostgresServer, find_postgres_bin, running_server  # noqa: E402

_counter = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL server for the test session, in a temporary folder, on 127.0.0.1."""
    if find_postgres_bin() is None:
        if os.environ.get("LOTSE_SKIP_POSTGRES"):
            pytest.skip("PostgreSQL not installed and LOTSE_SKIP_POSTGRES is set")
        pytest.fail("PostgreSQL server binaries not found: run `make test`, which installs them")
    with running_server() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "lotse.sqlite")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return server.create_database(f"lotse_test_{os.getpid()}_{next(_counter)}")


@pytest.fixture
def db(db_url):
    from desktop.db import open_database

    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path):
    from desktop.db import open_database

    database = open_database(str(tmp_path / "lotse.sqlite"))
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo region loaded once into a SQLite file; tests copy it."""
    from desktop.db import open_database
    from desktop.demo import install_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(str(path))
    install_demo(database)
    database.engine.dispose()
    with database.engine.connect() as conn:  # fold the WAL into the file before copying
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path):
    """A private copy of the demo database."""
    import shutil

    from desktop.db import open_database

    target = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, target)
    database = open_database(str(target))
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def german_interface():
    """The interface language is process-wide (models/i18n.py): every test starts in German and
    a test that switches to English does not leak it into the next."""
    import sys

    from models.i18n import set_language

    set_language("de")
    yield
    window_side = sys.modules.get("ui.i18n")
    (window_side.set_language if window_side else set_language)("de")
