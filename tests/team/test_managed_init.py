"""`lotse team init` without a superuser, as on a managed PostgreSQL (the provider keeps the
superuser; the customer's administrator account has CREATEROLE and owns the database): the
team database comes out the same, and the account is no member of the Lotse groups after."""

from __future__ import annotations

import psycopg
import pytest

from desktop.db import open_database
from desktop.errors import DatabaseError, RightsError
from tests.team.conftest import PASSWORDS, login_url

MASTER = "Master-secret-MM"


def test_team_init_by_a_createrole_owner_on_a_managed_server(team_server):
    from desktop.demo import install_demo
    from desktop.offers import get_offer, list_offers, save_offer
    from desktop.team import team_init
    from desktop.team.people import add_person

    with psycopg.connect(
        host="127.0.0.1", port=team_server.port, user="lotse", dbname="postgres", autocommit=True
    ) as conn:
        secret = psycopg.sql.Literal(MASTER).as_string(conn)
        conn.execute(f"CREATE ROLE cloud_admin LOGIN CREATEROLE CREATEDB PASSWORD {secret}")
        conn.execute("CREATE ROLE plain_user LOGIN PASSWORD 'Plain-secret-PP'")
        conn.execute("CREATE DATABASE lotse_managed OWNER cloud_admin")
    url = f"postgresql://cloud_admin:{MASTER}@127.0.0.1:{team_server.port}/lotse_managed"
    database = open_database(url)  # the tables are made by (and belong to) the account
    install_demo(database)
    database.dispose()
    with psycopg.connect(
        host="127.0.0.1", port=team_server.port, user="lotse", dbname="lotse_managed", autocommit=True
    ) as conn:
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO plain_user")  # may read, no more

    with pytest.raises(DatabaseError) as caught:
        team_init(
            f"postgresql://plain_user:Plain-secret-PP@127.0.0.1:{team_server.port}/lotse_managed", "x", "y"
        )
    assert "CREATEROLE" in caught.value.message("en") and "Plain-secret-PP" not in caught.value.message("en")

    team_init(url, "ada_admin", PASSWORDS["ada_admin"])
    admin = open_database(login_url(team_server, "lotse_managed", "ada_admin"))
    add_person(admin, "eva_editor", "editor", PASSWORDS["eva_editor"], municipalities=["Eschweiler"])
    admin.dispose()
    with psycopg.connect(
        host="127.0.0.1", port=team_server.port, user="lotse", dbname="lotse_managed", autocommit=True
    ) as conn:
        member = conn.execute(
            "SELECT pg_has_role('cloud_admin', 'lotse_admin', 'MEMBER'), "
            "pg_has_role('cloud_admin', 'lotse_audit_owner', 'MEMBER')"
        ).fetchone()
        owner = conn.execute(
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'offer'"
        ).fetchone()[0]
    assert member == (False, False) and owner == "lotse_admin"
    editor = open_database(login_url(team_server, "lotse_managed", "eva_editor"))
    try:
        rows = list_offers(editor)
        mine = get_offer(editor, next(r for r in rows if r.municipality == "Eschweiler").id)
        save_offer(editor, mine.id, expected_version=mine.version, author="eva_editor", facts={"cost": "1 €"})
        with editor.engine.connect() as conn:  # noted by the change log's functions, as their owner
            noted = conn.exec_driver_sql(f"SELECT seq FROM publish_change WHERE item_id = {mine.id}").scalar()
            assert noted == conn.exec_driver_sql("SELECT max(seq) FROM publish_change").scalar()
        theirs = get_offer(editor, next(r for r in rows if r.municipality == "Aachen").id)
        with pytest.raises(RightsError):
            save_offer(editor, theirs.id, expected_version=theirs.version, author="eva_editor", facts={})
    finally:
        editor.dispose()
