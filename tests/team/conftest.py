"""A team database on a real PostgreSQL server that checks passwords: an administrator, an
editor for Eschweiler, a reviewer for Arabic and a publisher, each a login role of its own."""

from __future__ import annotations

import itertools
import os

import psycopg
import pytest

from tests.support.pgserver import find_postgres_bin, running_server

PASSWORDS = {
    "ada_admin": "Adm1n-secret-ZQ",
    "eva_editor": "Ed1tor-secret-XK",
    "rami_reviewer": "Rev1ewer-secret-WJ",
    "paul_publisher": "Publ1sher-secret-VH",
}
_counter = itertools.count(1)


@pytest.fixture(scope="module")
def team_server():
    if find_postgres_bin() is None:
        pytest.fail("PostgreSQL server binaries not found: run `make test`, which installs them")
    with running_server() as server:
        server.require_passwords()
        yield server


def login_url(server, database: str, user: str, password: str | None = None) -> str:
    secret = PASSWORDS[user] if password is None else password
    return f"postgresql+psycopg://{user}:{secret}@127.0.0.1:{server.port}/{database}"


def raw(server, database: str, user: str) -> psycopg.Connection:
    """A plain psycopg connection as that person, as psql would open it."""
    return psycopg.connect(
        host="127.0.0.1",
        port=server.port,
        dbname=database,
        user=user,
        password=PASSWORDS[user],
        autocommit=True,
    )


@pytest.fixture(scope="module")
def team_db(team_server):
    """The demo region in a team database with the four people (module-wide: the tests only
    add rows or are refused, and they say which)."""
    from desktop.db import open_database
    from desktop.demo import install_demo
    from desktop.team import team_init
    from desktop.team.people import add_person

    name = f"lotse_team_{os.getpid()}_{next(_counter)}"
    url = team_server.create_database(name)
    database = open_database(url)
    install_demo(database)
    database.dispose()
    team_init(url, "ada_admin", PASSWORDS["ada_admin"])
    admin = open_database(login_url(team_server, name, "ada_admin"))
    add_person(admin, "eva_editor", "editor", PASSWORDS["eva_editor"], municipalities=["Eschweiler"])
    add_person(admin, "rami_reviewer", "reviewer", PASSWORDS["rami_reviewer"], languages=["ar"])
    add_person(admin, "paul_publisher", "publisher", PASSWORDS["paul_publisher"])
    admin.dispose()
    return name
