"""People in a team database: login roles, their group and their scopes. Run by an
administrator (a member of lotse_admin with CREATEROLE); the database refuses anyone else."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from models.i18n import N_

from ..changes import Changes, Kind, committed
from ..db import Database
from ..errors import LotseError, NotFoundError
from .refusals import rights_error
from .setup import GROUPS, create_login, is_team_database


@contextmanager
def _begin(db: Database, *, changes: bool = True) -> Iterator:
    """One transaction on the administrator's connection; the database's refusal (a person
    without the right) becomes a message saying who may. After a commit the window hears
    that rights changed (its own disabled actions may change with them)."""
    try:
        with db.engine.begin() as conn:
            yield conn
    except DBAPIError as exc:
        refused = rights_error(exc)
        if refused is None:
            raise
        raise refused from exc
    if changes:
        committed([Changes(kinds=frozenset({Kind.RIGHTS}))])


@dataclass
class Person:
    name: str
    roles: list[str]
    municipalities: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    can_login: bool = True


def _require_team(conn) -> None:
    if not is_team_database(conn):
        raise LotseError(
            N_(
                "People and rights exist only in a team database (PostgreSQL, “lotse team init”). "
                "With SQLite one person works and everything is allowed."
            )
        )


def _ids(conn, table: str, names: Iterable[str]) -> list[int]:
    found = []
    for name in names:
        row = conn.execute(
            text(f"SELECT id FROM {table} WHERE lower(name) = lower(:n) OR CAST(id AS text) = :n"),
            {"n": name},
        ).first()
        if row is None:
            raise NotFoundError(
                N_("There is no municipality “{name}”.", name=name)
                if table == "municipality"
                else N_("There is no organization “{name}”.", name=name)
            )
        found.append(row[0])
    return found


def _check_role(role: str) -> str:
    if role not in GROUPS:
        raise LotseError(N_("Unknown role “{role}”; possible: {roles}.", role=role, roles=", ".join(GROUPS)))
    return GROUPS[role]


def _add_scopes(conn, name, municipalities=(), organizations=(), languages=()) -> None:
    for mid in _ids(conn, "municipality", municipalities):
        conn.execute(
            text("INSERT INTO lotse_scope (person, municipality_id) VALUES (:p, :m)"), {"p": name, "m": mid}
        )
    for oid in _ids(conn, "organization", organizations):
        conn.execute(
            text("INSERT INTO lotse_scope (person, organization_id) VALUES (:p, :o)"), {"p": name, "o": oid}
        )
    for code in languages:
        conn.execute(
            text("INSERT INTO lotse_scope (person, language_code) VALUES (:p, :l)"), {"p": name, "l": code}
        )


def _note(conn, action: str, details: dict) -> None:
    conn.execute(
        text("SELECT lotse_note(:a, 'person', CAST(:d AS jsonb))"), {"a": action, "d": json.dumps(details)}
    )


def add_person(
    db: Database,
    name: str,
    role: str,
    password: str,
    *,
    municipalities: Iterable[str] = (),
    organizations: Iterable[str] = (),
    languages: Iterable[str] = (),
) -> None:
    group = _check_role(role)
    with _begin(db) as conn:
        _require_team(conn)
        create_login(conn, name, password, group, createrole=role == "admin")
        _add_scopes(conn, name, list(municipalities), list(organizations), list(languages))
        _note(conn, "rights.add", {"person": name, "role": role})


def change_person(
    db: Database,
    name: str,
    *,
    add_role: str | None = None,
    drop_role: str | None = None,
    password: str | None = None,
    municipalities: Iterable[str] = (),
    organizations: Iterable[str] = (),
    languages: Iterable[str] = (),
    clear_scopes: bool = False,
) -> None:
    from psycopg import sql

    with _begin(db) as conn:
        _require_team(conn)
        raw = conn.connection.driver_connection
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is None:
            raise NotFoundError(N_("There is no person “{name}”.", name=name))
        if password is not None:
            from .setup import password_verifier

            conn.exec_driver_sql(
                sql.SQL("ALTER ROLE {} PASSWORD {}")
                .format(sql.Identifier(name), sql.Literal(password_verifier(conn, name, password)))
                .as_string(raw)
            )
        if add_role:
            statement = sql.SQL("GRANT {} TO {}").format(
                sql.Identifier(_check_role(add_role)), sql.Identifier(name)
            )
            conn.exec_driver_sql(statement.as_string(raw))
        if drop_role:
            statement = sql.SQL("REVOKE {} FROM {}").format(
                sql.Identifier(_check_role(drop_role)), sql.Identifier(name)
            )
            conn.exec_driver_sql(statement.as_string(raw))
        if clear_scopes:
            conn.execute(text("DELETE FROM lotse_scope WHERE person = :p"), {"p": name})
        _add_scopes(conn, name, list(municipalities), list(organizations), list(languages))
        _note(
            conn,
            "rights.change",
            {"person": name, "add_role": add_role, "drop_role": drop_role, "password": password is not None},
        )


def remove_person(db: Database, name: str) -> None:
    """No more logins, no rights, open sessions ended; the role stays, so every revision and
    audit row still names the person."""
    from psycopg import sql

    with _begin(db) as conn:
        _require_team(conn)
        raw = conn.connection.driver_connection
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is None:
            raise NotFoundError(N_("There is no person “{name}”.", name=name))
        for group in GROUPS.values():
            conn.exec_driver_sql(
                sql.SQL("REVOKE {} FROM {}")
                .format(sql.Identifier(group), sql.Identifier(name))
                .as_string(raw)
            )
        conn.exec_driver_sql(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(name)).as_string(raw))
        conn.execute(text("DELETE FROM lotse_scope WHERE person = :p"), {"p": name})
        _note(conn, "rights.remove", {"person": name})
        conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :n"), {"n": name}
        )


def list_people(db: Database) -> list[Person]:
    with _begin(db, changes=False) as conn:
        _require_team(conn)
        groups = {v: k for k, v in GROUPS.items()}
        rows = conn.execute(
            text(
                "SELECT r.rolname, r.rolcanlogin, array_remove(array_agg(g.rolname), NULL) FROM pg_roles r "
                "LEFT JOIN pg_auth_members m ON m.member = r.oid LEFT JOIN pg_roles g ON g.oid = m.roleid "
                "AND g.rolname = ANY(:groups) WHERE shobj_description(r.oid, 'pg_authid') = 'lotse person' "
                "GROUP BY r.rolname, r.rolcanlogin ORDER BY r.rolname"
            ),
            {"groups": list(GROUPS.values())},
        ).all()
        scopes = conn.execute(
            text(
                "SELECT s.person, m.name, o.name, s.language_code FROM lotse_scope s "
                "LEFT JOIN municipality m ON m.id = s.municipality_id "
                "LEFT JOIN organization o ON o.id = s.organization_id ORDER BY s.id"
            )
        ).all()
    people = {}
    for name, can_login, member_of in rows:
        people[name] = Person(name, sorted(groups[g] for g in member_of if g in groups), can_login=can_login)
    for person, municipality, organization, language in scopes:
        entry = people.get(person)
        if entry is None:
            continue
        if municipality:
            entry.municipalities.append(municipality)
        if organization:
            entry.organizations.append(organization)
        if language:
            entry.languages.append(language)
    return list(people.values())


def update_person(
    db: Database,
    name: str,
    *,
    roles: Iterable[str],
    municipalities: Iterable[str] = (),
    organizations: Iterable[str] = (),
    languages: Iterable[str] = (),
    password: str | None = None,
) -> None:
    """Set a person's roles and scopes to exactly these (the people dialog), in one transaction."""
    from psycopg import sql

    wanted = {_check_role(role) for role in roles}
    with _begin(db) as conn:
        _require_team(conn)
        raw = conn.connection.driver_connection
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is None:
            raise NotFoundError(N_("There is no person “{name}”.", name=name))
        if password:
            from .setup import password_verifier

            conn.exec_driver_sql(
                sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}")
                .format(sql.Identifier(name), sql.Literal(password_verifier(conn, name, password)))
                .as_string(raw)
            )
        for group in GROUPS.values():
            verb = "GRANT {} TO {}" if group in wanted else "REVOKE {} FROM {}"
            conn.exec_driver_sql(
                sql.SQL(verb).format(sql.Identifier(group), sql.Identifier(name)).as_string(raw)
            )
        conn.execute(text("DELETE FROM lotse_scope WHERE person = :p"), {"p": name})
        _add_scopes(conn, name, list(municipalities), list(organizations), list(languages))
        _note(
            conn,
            "rights.change",
            {
                "person": name,
                "roles": sorted(r for r, g in GROUPS.items() if g in wanted),
                "password": bool(password),
            },
        )
