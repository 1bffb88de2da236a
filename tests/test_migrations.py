"""Migrations: the newest schema equals the tables in models/, older databases are backed up
before they are migrated, and a database from a newer Lotse is refused untouched."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import desktop.db as dbmodule
import models.tables  # noqa: F401
from desktop.db import head_revision, open_database
from desktop.errors import DatabaseTooNewError


def test_migrations_produce_exactly_the_model_schema(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_database_from_a_newer_lotse_is_refused_and_untouched(tmp_path):
    path = tmp_path / "lotse.sqlite"
    open_database(str(path)).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as caught:
        open_database(str(path))
    assert "neueren Lotse-Version" in caught.value.message("de")
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))


EXTRA_MIGRATION = """
from alembic import op
import sqlalchemy as sa

revision = "0002_test_extra"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("region") as batch:
        batch.add_column(sa.Column("test_extra", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("region") as batch:
        batch.drop_column("test_extra")
"""


def test_an_older_sqlite_database_is_backed_up_before_it_is_migrated(tmp_path, monkeypatch):
    path = tmp_path / "lotse.sqlite"
    database = open_database(str(path))
    with database.transaction() as session:
        session.add(models.tables.Region(slug="r", name="Region vor dem Update"))
    database.dispose()
    scripts = tmp_path / "migrations"
    shutil.copytree(dbmodule.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0002_test_extra.py").write_text(EXTRA_MIGRATION.format(head=head_revision()))
    monkeypatch.setattr(dbmodule, "MIGRATIONS", scripts)

    migrated = open_database(str(path))
    migrated.dispose()
    backups = list(tmp_path.glob("lotse.sqlite.before-0002_test_extra-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT name FROM region").fetchall() == [("Region vor dem Update",)]
        assert "test_extra" not in [r[1] for r in conn.execute("PRAGMA table_info(region)")]
    with sqlite3.connect(path) as conn:
        assert "test_extra" in [r[1] for r in conn.execute("PRAGMA table_info(region)")]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002_test_extra",)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
