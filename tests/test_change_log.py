"""The publish change log (desktop/change_log.py): every write to a column publishing reads is
noted, on SQLite and on PostgreSQL, once per item between two marks; a column it skips leaves a
publish's package as it was; a missing trigger or triggers installed again make the log
untrusted; an upgrade that rebuilds a watched table keeps the triggers."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlmodel import SQLModel

import desktop.db as dbmodule
import models.tables  # noqa: F401  (the tables on SQLModel.metadata)
from desktop import change_log
from desktop.db import head_revision, open_database
from desktop.demo import install_demo
from desktop.offers import get_offer, list_offers, save_offer
from desktop.publish import load_snapshot, publish_package
from desktop.publish_changes import changed_since, newest_change

TABLES = SQLModel.metadata.tables
CONFIRM = (
    "INSERT INTO offer_confirmation (offer_id, confirmed_on, answer, source, author) "
    "VALUES (:o, :d, 'ok', '', 'a')"
)
TODAY = date(2026, 12, 1)
STAMP = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def mark(db) -> int:
    with db.transaction() as session:
        taken = newest_change(session)
    assert taken is not None
    return taken


def changed(db, since: int) -> set[int] | None:
    with db.transaction() as session:
        return changed_since(session, since)


def test_every_column_is_either_published_or_not():
    for table, (_key, published) in change_log.PUBLISHED.items():
        skipped = change_log.UNPUBLISHED[table]
        assert not set(published) & set(skipped)
        assert set(published) | set(skipped) == {c.name for c in TABLES[table].columns}, table


def _other_value(db, session, column, current, own_id: int):
    """A different valid value for ``column`` (references point to another existing row)."""
    if column.foreign_keys:
        target = next(iter(column.foreign_keys)).column.table
        ids = [i for (i,) in session.connection().execute(select(target.c.id)) if i not in (current, own_id)]
        if current is not None and column.nullable:
            return None
        assert ids, column
        return ids[0]
    if isinstance(column.type, models.tables.JSON):
        return ["geändert"] if current != ["geändert"] else ["anders"]
    python = type(current) if current is not None else _python_type(column)
    if python is bool:
        return not current
    if python is int:
        return (current or 0) + 1
    if python is float:
        return (current or 0.0) + 0.5
    if python is datetime:
        return (current or STAMP) + timedelta(days=1)
    if python is date:
        return (current or TODAY) + timedelta(days=1)
    current = current or ""
    return current[:-1] + ("y" if current.endswith("x") else "x")  # same length: within a limit


def _python_type(column) -> type:
    try:
        return column.type.python_type
    except NotImplementedError:  # a TypeDecorator (our UTC datetimes)
        return column.type.impl.python_type


def _change_each_column(db, table: str, row_id: int, columns, *, expect_noted: bool, item: int) -> None:
    sa_table = TABLES[table]
    for name in columns:
        column = sa_table.c[name]
        since = mark(db)
        with db.transaction() as session:
            current = session.connection().execute(select(column).where(sa_table.c.id == row_id)).scalar_one()
            value = _other_value(db, session, column, current, row_id)
            session.connection().execute(
                sa_table.update().where(sa_table.c.id == row_id).values({name: value})
            )
        noted = changed(db, since)
        assert noted == ({item} if expect_noted else set()), (table, name)


@pytest.fixture
def region_db(db):
    install_demo(db)
    with db.transaction() as session:  # a second region: an offer can move there
        session.add(models.tables.Region(slug="zweite", name="Zweite Region"))
    return db


def _item_with_text_and_confirmation(db) -> tuple[int, int, int]:
    with db.transaction() as session:
        c = session.connection()
        text_id, offer_id = c.execute(
            text("SELECT t.id, t.offer_id FROM offer_text t JOIN offer o ON o.id = t.offer_id ORDER BY t.id")
        ).first()
        c.execute(
            text(CONFIRM),
            {"o": offer_id, "d": TODAY},
        )
        confirmation = c.execute(
            text("SELECT id FROM offer_confirmation WHERE offer_id = :o"), {"o": offer_id}
        ).scalar_one()
    return offer_id, text_id, confirmation


def test_every_published_column_is_noted_and_no_other(region_db):
    """On SQLite and PostgreSQL: a change to any column a publish reads names its item; a change
    to a column it does not read names none."""
    offer_id, text_id, confirmation = _item_with_text_and_confirmation(region_db)
    rows = {"offer": offer_id, "offer_text": text_id, "offer_confirmation": confirmation}
    for table, (key, published) in change_log.PUBLISHED.items():
        columns = [c for c in published if c not in ("id", key)]  # the keys: test_a_moved_row_...
        _change_each_column(region_db, table, rows[table], columns, expect_noted=True, item=offer_id)
        unpublished = [c for c in change_log.UNPUBLISHED[table] if c != "id"]
        _change_each_column(region_db, table, rows[table], unpublished, expect_noted=False, item=offer_id)


def test_inserts_deletes_and_moved_rows_are_noted(region_db):
    offer_id, text_id, confirmation = _item_with_text_and_confirmation(region_db)
    other = next(r.id for r in list_offers(region_db) if r.id != offer_id)
    since = mark(region_db)
    with region_db.transaction() as session:  # a confirmation moved to another offer
        session.connection().execute(
            text("UPDATE offer_confirmation SET offer_id = :o WHERE id = :c"), {"o": other, "c": confirmation}
        )
    assert changed(region_db, since) == {offer_id, other}
    since = mark(region_db)
    with region_db.transaction() as session:
        session.connection().execute(
            text("DELETE FROM offer_confirmation WHERE id = :c"), {"c": confirmation}
        )
    assert changed(region_db, since) == {other}
    since = mark(region_db)
    with region_db.transaction() as session:
        session.connection().execute(text("DELETE FROM offer_text WHERE id = :t"), {"t": text_id})
    assert changed(region_db, since) == {offer_id}
    since = mark(region_db)
    with region_db.transaction() as session:
        session.connection().execute(text("DELETE FROM offer WHERE id = :o"), {"o": offer_id})
    assert offer_id in changed(region_db, since)


def test_a_save_notes_its_offer_once(region_db):
    """A save writes the offer's version, the text and the translations' statuses: one note."""
    offer = next(r for r in list_offers(region_db) if r.state == "published")
    current = get_offer(region_db, offer.id)
    assert len(current.texts) > 3
    since = mark(region_db)
    with region_db.transaction() as session:
        before = session.connection().execute(text("SELECT max(seq) FROM publish_change")).scalar_one()
    german = current.texts["de"]
    save_offer(
        region_db,
        offer.id,
        expected_version=current.version,
        author="t",
        texts={"de": {"title": german.title, "summary": german.summary, "content": "<p>Neu.</p>"}},
    )
    assert changed(region_db, since) == {offer.id}
    with region_db.transaction() as session:
        statuses = session.connection().execute(
            text("SELECT count(*) FROM offer_text WHERE offer_id = :o AND status = 'outdated'"),
            {"o": offer.id},
        )
        assert statuses.scalar_one() > 0  # the translations' statuses were written too
        after = session.connection().execute(text("SELECT max(seq) FROM publish_change")).scalar_one()
    if region_db.is_sqlite:
        assert after == before + 1  # one upsert, not one per written row


def test_a_missing_trigger_or_a_new_installation_is_not_trusted(region_db):
    since = mark(region_db)
    with region_db.transaction() as session:
        change_log.install(session.connection())
    assert changed(region_db, since) is None  # written before the installation: unknown
    since = mark(region_db)
    assert changed(region_db, since) == set()
    with region_db.transaction() as session:
        table = "" if region_db.is_sqlite else " ON offer_text"
        session.connection().exec_driver_sql(f"DROP TRIGGER publish_change_offer_text_update{table}")
    with region_db.transaction() as session:
        assert newest_change(session) is None


def test_a_mark_of_another_database_or_of_a_copy_put_back_is_not_trusted(demo_db, sqlite_db, tmp_path):
    assert changed(sqlite_db, mark(demo_db)) is None  # another log
    path = demo_db.sqlite_path
    assert path is not None
    with demo_db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_db.dispose()
    shutil.copyfile(path, tmp_path / "copy.sqlite")
    reopened = open_database(str(path))
    since = mark(reopened)
    assert changed(reopened, since) == set()
    reopened.dispose()
    shutil.copyfile(tmp_path / "copy.sqlite", path)  # the database put back from before the mark
    put_back = open_database(str(path))
    try:
        assert changed(put_back, since) is None
    finally:
        put_back.dispose()


UNPUBLISHED_VALUES = {
    "offer": {
        "internal_notes": "intern",
        "age_min": 3,
        "age_max": 99,
        "version": 77,
        "created_at": STAMP,
        "updated_by": "jemand",
        "ical_uid": "uid@example.org",
    },
    "offer_text": {
        "cost": "99 €",
        "fingerprint": "f" * 64,
        "review_status": "machine",
        "source_fingerprint": "e" * 64,
        "source_language_code": "en",
        "provider": "x",
        "reviewed_by": "jemand",
        "version": 77,
        "updated_by": "jemand",
    },
    "offer_confirmation": {"answer": "changed", "source": "Brief", "author": "jemand"},
}


def test_the_columns_the_log_skips_change_no_package(demo_db, tmp_path):
    """What the triggers do not watch must not reach the package: a full publish after changing
    every such column of every item (and confirmations) is byte for byte the one before."""
    assert set(UNPUBLISHED_VALUES["offer"]) | {"municipality_id"} == set(change_log.UNPUBLISHED["offer"])
    for table in ("offer_text", "offer_confirmation"):
        assert set(UNPUBLISHED_VALUES[table]) | {"id"} == set(change_log.UNPUBLISHED[table])
    with demo_db.transaction() as session:
        ids = [i for (i,) in session.connection().execute(text("SELECT id FROM offer"))]
        for oid in ids:
            session.connection().execute(
                text(CONFIRM),
                {"o": oid, "d": TODAY},
            )

    def package(name: str) -> dict[str, bytes]:
        out = tmp_path / name / "pkg"
        publish_package(demo_db, out, today=TODAY, generated_at=STAMP, base_url="https://a.example.org")
        return _package_files(out)

    before = package("before")
    with demo_db.transaction() as session:
        c = session.connection()
        municipality = c.execute(text("SELECT max(id) FROM municipality")).scalar_one()
        c.execute(
            TABLES["offer"].update().values(municipality_id=municipality, **UNPUBLISHED_VALUES["offer"])
        )
        for table in ("offer_text", "offer_confirmation"):
            c.execute(TABLES[table].update().values(**UNPUBLISHED_VALUES[table]))
    after = package("after")
    assert after.keys() == before.keys()
    assert [name for name in before if before[name] != after[name]] == []


EXTRA_MIGRATION = """
from alembic import op
import sqlalchemy as sa

revision = "9990_rebuilds_offer"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    for table in ("offer", "offer_text", "offer_confirmation"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("test_extra", sa.Integer(), nullable=True))


def downgrade():
    for table in ("offer", "offer_text", "offer_confirmation"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("test_extra")
"""


def test_an_upgrade_that_rebuilds_the_tables_keeps_the_triggers(tmp_path, monkeypatch):
    path = tmp_path / "lotse.sqlite"
    database = open_database(str(path))
    install_demo(database)
    since = mark(database)
    database.dispose()
    scripts = tmp_path / "migrations"
    shutil.copytree(dbmodule.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9990_rebuilds_offer.py").write_text(EXTRA_MIGRATION.format(head=head_revision()))
    monkeypatch.setattr(dbmodule, "MIGRATIONS", scripts)

    migrated = open_database(str(path))
    try:
        with migrated.engine.connect() as conn:
            assert (
                conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                == "9990_rebuilds_offer"
            )
            assert change_log.present(conn) == change_log.TRIGGERS
        # the rebuild copied rows past the triggers: a mark from before is not trusted
        assert changed(migrated, since) is None
        since = mark(migrated)
        offer = next(r for r in list_offers(migrated) if r.state == "published")
        current = get_offer(migrated, offer.id)
        save_offer(
            migrated, offer.id, expected_version=current.version, author="t", facts={"street": "Neu 1"}
        )
        assert changed(migrated, since) == {offer.id}
    finally:
        migrated.dispose()


def test_an_old_database_upgraded_to_the_newest_schema_has_the_triggers(tmp_path):
    """From a revision before the change log (2000) to head through Alembic itself."""
    from alembic import command

    path = tmp_path / "old.sqlite"
    engine = dbmodule.make_engine(dbmodule.resolve_database_url(str(path)))
    with engine.begin() as conn:
        command.upgrade(dbmodule._alembic_config(conn), "2000")
    with engine.begin() as conn:
        assert change_log.present(conn) == set()
        command.upgrade(dbmodule._alembic_config(conn), "head")
    with engine.begin() as conn:
        assert change_log.present(conn) == change_log.TRIGGERS
    engine.dispose()


def _package_files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.relative_to(out).parts[0] not in ("manifest.json", "manifest")
    }


def test_a_republish_after_one_change_takes_the_fast_path_and_equals_a_full_publish(region_db, tmp_path):
    """On PostgreSQL too (a team's database): the log names the one changed offer, the publish
    builds only its objects, and the package equals a full publish byte for byte."""
    from tests.integreat.test_publish_delta import applied, full, planned, publish

    out = tmp_path / "site" / "pkg"
    assert publish(region_db, out).written_as == "full"
    nothing = planned(region_db, out)
    assert nothing.fast is None and nothing.delta is not None and nothing.delta.changed == {}
    with region_db.transaction() as session:
        venues = {e.place_id for e in load_snapshot(session).events}
    offer = next(
        r for r in list_offers(region_db) if r.state == "published" and r.street and r.id not in venues
    )
    current = get_offer(region_db, offer.id)
    save_offer(
        region_db, offer.id, expected_version=current.version, author="t", facts={"street": "Teamweg 5"}
    )
    plan = planned(region_db, out)
    assert plan.fast is not None, plan.why
    assert plan.delta is not None and plan.delta.changed
    assert all("/locations/" in rel for rel in plan.delta.changed), sorted(plan.delta.changed)
    assert applied(out, plan.delta) == full(region_db, tmp_path / "fresh" / "pkg")
    assert publish(region_db, out).written_as == "lean"  # only the changed offer read (lean.py)
    assert _package_files(out) == _package_files(tmp_path / "fresh" / "pkg")

    # a new German text: the translations outdated, the offer out of those languages; only its
    # category's offers read (lean_groups.py)
    current = get_offer(region_db, offer.id)
    german = current.texts["de"]
    texts = {"de": {"title": german.title, "summary": german.summary, "content": "<p>Team 2.</p>"}}
    save_offer(region_db, offer.id, expected_version=current.version, author="t", texts=texts)
    plan = planned(region_db, out)
    assert plan.fast is not None and plan.fast.lean, plan.why
    assert applied(out, plan.delta) == full(region_db, tmp_path / "fresh" / "pkg")
    assert publish(region_db, out).written_as == "lean"
    assert _package_files(out) == _package_files(tmp_path / "fresh" / "pkg")
