"""A single-user SQLite database moved into a new team database keeps its history: every row
of every table (offers, pages, events, texts, revisions with their authors, drafts …) arrives
unchanged with its id, the id counters continue after it, and after `lotse team init` the
people work on it under their own names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from desktop.db import open_database
from desktop.errors import DatabaseError
from tests.team.conftest import PASSWORDS, login_url

ROOT = Path(__file__).resolve().parents[2]


def _rows(db, table) -> list[dict]:
    with db.engine.connect() as conn:
        rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings().all()
    return [{k: _same(v) for k, v in row.items()} for row in rows]


def _same(value):
    """One value as both databases should give it back (PostgreSQL keeps time zones)."""
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)).replace(tzinfo=None)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return value


def test_every_row_and_author_survives_and_the_team_works_on_it(team_server, demo_template, tmp_path):
    from desktop.offers import get_offer, list_offers, save_offer
    from desktop.team import team_init
    from desktop.team.people import add_person

    source_file = tmp_path / "lotse.sqlite"
    shutil.copyfile(demo_template, source_file)
    single = open_database(str(source_file))
    # History by two people on the single-user machine (before any team existed).
    for author in ("Anna Alt", "Bernd Berg"):
        row = next(r for r in list_offers(single) if r.municipality == "Eschweiler")
        offer = get_offer(single, row.id)
        save_offer(single, offer.id, expected_version=offer.version, author=author, facts={"cost": author})
    single.dispose()
    source = open_database(str(source_file))

    url = team_server.create_database("lotse_moved")
    env = {**os.environ, "LOTSE_LANG": "en", "HOME": str(tmp_path)}
    moved = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "team", "import-sqlite", str(source_file), "--db", url],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    assert moved.returncode == 0, moved.stderr
    assert "Next: “lotse team init" in moved.stdout
    target = open_database(url)
    try:
        for table in SQLModel.metadata.sorted_tables:
            if table.name != "publish_change":  # the log is the target's own (desktop/change_log.py)
                assert _rows(target, table) == _rows(source, table), table.name
        with target.engine.connect() as conn:  # its triggers noted every copied item
            offers = {r[0] for r in conn.exec_driver_sql("SELECT id FROM offer")}
            noted = {
                r[0] for r in conn.exec_driver_sql("SELECT item_id FROM publish_change WHERE item_id > 0")
            }
        assert offers and offers <= noted
        with target.engine.connect() as conn:
            authors = {r[0] for r in conn.exec_driver_sql("SELECT author FROM offer_revision")}
            kinds = dict(conn.exec_driver_sql("SELECT kind, count(*) FROM offer GROUP BY kind").all())
            parents = conn.exec_driver_sql("SELECT count(*) FROM offer WHERE parent_id IS NOT NULL").scalar()
        assert {"Anna Alt", "Bernd Berg"} <= authors
        assert kinds["offer"] > 0 and kinds["page"] > 0 and kinds["event"] > 0 and parents > 0
    finally:
        target.dispose()
        source.dispose()

    # A second import into the same database is refused; nothing changes.
    with pytest.raises(DatabaseError) as caught:
        from desktop.team.import_sqlite import import_sqlite

        import_sqlite(source_file, url)
    assert "already holds data" in caught.value.message("en")

    team_init(url, "ada_admin", PASSWORDS["ada_admin"])
    name = url.rsplit("/", 1)[1]
    admin = open_database(login_url(team_server, name, "ada_admin"))
    add_person(admin, "eva_editor", "editor", PASSWORDS["eva_editor"], municipalities=["Eschweiler"])
    admin.dispose()
    editor = open_database(login_url(team_server, name, "eva_editor"))
    try:
        row = next(r for r in list_offers(editor) if r.municipality == "Eschweiler")
        offer = get_offer(editor, row.id)
        save_offer(
            editor, offer.id, expected_version=offer.version, author="eva_editor", facts={"cost": "0 €"}
        )
        from desktop.offers import list_offer_revisions

        history = [revision.author for revision in list_offer_revisions(editor, offer.id)]
        assert "eva_editor" in history and "Bernd Berg" in history and "Anna Alt" in history
        with editor.engine.connect() as conn:  # the counters continue after the imported ids
            top = conn.exec_driver_sql("SELECT max(id) FROM offer_revision").scalar()
            newest = conn.exec_driver_sql(
                "SELECT author FROM offer_revision WHERE id = (SELECT max(id) FROM offer_revision)"
            ).scalar()
        assert newest == "eva_editor" and top > len(history)
    finally:
        editor.dispose()


def test_importing_into_a_team_database_is_refused(team_server, team_db, demo_template, tmp_path):
    from desktop.team.import_sqlite import import_sqlite

    source_file = tmp_path / "lotse.sqlite"
    shutil.copyfile(demo_template, source_file)
    with pytest.raises(DatabaseError) as caught:
        import_sqlite(source_file, team_server.url(team_db))
    assert "is a team database already" in caught.value.message("en")
