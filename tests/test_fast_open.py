"""Opening a database at the newest schema is quick: Alembic is not even imported then."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop import db as dbmodule
from desktop.db import head_revision, open_database, scanned_head

ROOT = Path(__file__).resolve().parents[1]


def test_the_head_read_from_the_files_is_alembics_head():
    assert scanned_head() == head_revision()


def test_a_branched_or_odd_migration_folder_leaves_the_decision_to_alembic(tmp_path):
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a.py").write_text("revision = 'a'\ndown_revision = None\n")
    (versions / "b.py").write_text("revision = 'b'\ndown_revision = 'a'\n")
    assert scanned_head(tmp_path) == "b"
    (versions / "c.py").write_text("revision = 'c'\ndown_revision = 'a'\n")  # two heads
    assert scanned_head(tmp_path) is None
    (versions / "c.py").write_text("revision = 'c'\ndown_revision = ('a', 'b')\n")  # a merge
    assert scanned_head(tmp_path) == "c"
    (versions / "d.py").write_text("something else entirely\n")
    assert scanned_head(tmp_path) is None


def test_opening_at_the_newest_schema_does_not_load_alembic(tmp_path):
    path = tmp_path / "lotse.sqlite"
    open_database(str(path)).dispose()  # created and migrated (Alembic runs here)
    script = (
        "import sys\n"
        "from desktop.db import open_database\n"
        f"open_database({str(path)!r}).dispose()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_database_behind_the_newest_schema_is_still_migrated(db_url):
    from alembic import command

    engine = dbmodule.make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(dbmodule._alembic_config(conn), "0001")  # a database from the first release
    engine.dispose()
    again = open_database(db_url)
    try:
        with again.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
            assert conn.exec_driver_sql("SELECT count(*) FROM review_note").scalar() == 0
    finally:
        again.dispose()
