"""The offer list read with plain sqlite3 at start (desktop/list_snapshot.py) is exactly what
``load_choices`` and ``list_offers`` read through SQLAlchemy, and it is read only where that is
safe: a SQLite file at the newest schema with a region."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.choices import load_choices
from desktop.db import open_database
from desktop.db_files import plain_sqlite_file
from desktop.list_snapshot import read_list_snapshot
from desktop.offers import list_offers, set_state


def _agree(db, ui_language: str = "de") -> None:
    snapshot = read_list_snapshot(db.sqlite_path, ui_language)
    assert snapshot is not None
    assert snapshot.choices == load_choices(db, ui_language)
    expected = list_offers(db)
    assert [row.id for row in snapshot.rows] == [row.id for row in expected]
    for got, wanted in zip(snapshot.rows, expected, strict=True):
        assert got == wanted, (got, wanted)
        assert got.updated_at is not None and got.updated_at.tzinfo is not None


def test_the_demo_regions_list_is_read_the_same_way(demo_db):
    rows = list_offers(demo_db)
    assert len(rows) > 10 and {s for r in rows for s in r.statuses.values()} >= {"source", "missing"}
    _agree(demo_db)
    _agree(demo_db, "en")  # categories named in the interface language, the list's in the source's


def test_archived_confirmed_untitled_and_unplaced_offers_and_a_paused_language_agree(demo_db):
    rows = list_offers(demo_db)
    archived, confirmed, untitled, unplaced = (r.id for r in rows[:4])
    set_state(demo_db, archived, "archived", author="tester", expected_version=rows[0].version)
    with demo_db.engine.begin() as conn:
        for day in ("2025-03-01", "2026-01-15"):
            conn.exec_driver_sql(
                "INSERT INTO offer_confirmation (offer_id, confirmed_on, answer, source, author)"
                " VALUES (?, ?, 'ok', 'test', 'tester')",
                (confirmed, day),
            )
        root = conn.exec_driver_sql("SELECT code FROM region_language WHERE source_code IS NULL").scalar()
        conn.exec_driver_sql(
            "DELETE FROM offer_text WHERE offer_id = ? AND language_code = ?", (untitled, root)
        )
        conn.exec_driver_sql(
            "UPDATE offer SET municipality_id = NULL, organization_id = NULL, category_id = NULL,"
            " town = NULL, street = NULL WHERE id = ?",
            (unplaced,),
        )
        leaf = conn.exec_driver_sql(
            "SELECT code FROM region_language WHERE source_code IS NOT NULL"
            " AND code NOT IN (SELECT source_code FROM region_language WHERE source_code IS NOT NULL)"
            " ORDER BY position DESC LIMIT 1"
        ).scalar()
        conn.exec_driver_sql("UPDATE region_language SET active = 0 WHERE code = ?", (leaf,))
    after = {r.id: r for r in list_offers(demo_db)}
    assert after[archived].state == "archived" and after[confirmed].confirmed_on == date(2026, 1, 15)
    assert (
        after[untitled].title == ""
        and after[unplaced].municipality == ""
        and leaf not in after[unplaced].statuses
    )
    _agree(demo_db)


def test_nothing_is_read_early_where_only_the_data_layer_may_read(tmp_path, demo_db):
    assert read_list_snapshot(tmp_path / "missing.sqlite", "de") is None
    empty = open_database(str(tmp_path / "empty.sqlite"))  # at the newest schema, no region yet
    assert read_list_snapshot(empty.sqlite_path, "de") is None
    empty.dispose()
    with demo_db.engine.begin() as conn:  # an older schema: opening migrates it first
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    assert read_list_snapshot(demo_db.sqlite_path, "de") is None
    (tmp_path / "not-a-database.sqlite").write_bytes(b"garbage " * 100)
    assert read_list_snapshot(tmp_path / "not-a-database.sqlite", "de") is None


@pytest.mark.parametrize(
    "target",
    [
        "postgresql://lotse@server/lotse",
        "postgres://a@b/c",
        "postgresql+psycopg://x@y/z",
        "sqlite:///x.db?mode=ro",
    ],
)
def test_a_server_database_or_a_url_with_options_is_left_to_the_data_layer(target):
    assert plain_sqlite_file(target) is None


def test_a_path_or_a_plain_sqlite_url_names_the_file(tmp_path, monkeypatch):
    path = tmp_path / "lotse.sqlite"
    assert plain_sqlite_file(str(path)) == path.resolve()
    assert plain_sqlite_file("sqlite:///" + str(path)) == path.resolve()
    monkeypatch.setenv("LOTSE_DB", str(path))
    assert plain_sqlite_file(None) == path.resolve()


def test_a_write_between_the_two_connections_drops_the_early_reading(demo_db, monkeypatch):
    """Rows and statuses are read on two connections; a commit by anybody in between would mix
    two states, so nothing is taken (the window then reads the list itself)."""
    import sqlite3

    import desktop.list_snapshot as snapshot_module

    read_statuses = snapshot_module._StatusReader._read

    def written_first(self, conn):
        with sqlite3.connect(demo_db.sqlite_path) as other:  # another program saves an offer
            other.execute("UPDATE offer SET version = version + 1 WHERE id = (SELECT min(id) FROM offer)")
        read_statuses(self, conn)

    assert read_list_snapshot(demo_db.sqlite_path, "de") is not None
    monkeypatch.setattr(snapshot_module._StatusReader, "_read", written_first)
    assert read_list_snapshot(demo_db.sqlite_path, "de") is None


def test_both_readings_take_the_columns_and_the_rows_from_one_definition():
    """desktop/offer_rows.py says which columns a row is read from and makes the row; neither
    reading lists the columns or builds an OfferRow itself (they were two copies of 13 columns)."""
    import inspect
    from dataclasses import fields

    from desktop import list_snapshot
    from desktop.offer_rows import ROW_COLUMNS, OfferRow
    from desktop.offers import reading

    names = [name for name, _table, _column in ROW_COLUMNS]
    assert set(names) | {"category", "statuses", "confirmed_on"} == {f.name for f in fields(OfferRow)}
    for module in (list_snapshot, reading):
        source = inspect.getsource(module)
        assert "OfferRow(" not in source and "offer_row(" in source and "ROW_COLUMNS" in source
    assert "o.slug" not in inspect.getsource(list_snapshot)  # the SQL is built from ROW_COLUMNS
    assert "Offer.slug" not in inspect.getsource(reading)  # and so is the select
