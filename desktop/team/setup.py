"""`lotse team init`: turn a PostgreSQL Lotse database into a team database."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection

from models.i18n import N_

from ..db import describe_url, open_database
from ..errors import DatabaseError

HERE = Path(__file__).parent
# The role a person gets for each right (`lotse users add --role`).
GROUPS = {
    "editor": "lotse_editor",
    "reviewer": "lotse_reviewer",
    "agency": "lotse_agency",
    "publisher": "lotse_publisher",
    "admin": "lotse_admin",
}


def is_team_database(conn: Connection) -> bool:
    if conn.dialect.name != "postgresql":
        return False
    return conn.exec_driver_sql("SELECT to_regclass('public.lotse_audit') IS NOT NULL").scalar()


def _run_script(conn: Connection, name: str) -> None:
    # The scripts hold dollar-quoted bodies: sent whole, as one simple-query batch.
    # No parameters: psycopg leaves the script's own % signs alone.
    conn.connection.driver_connection.execute((HERE / name).read_text(encoding="utf-8"))


def reapply_rights(conn: Connection) -> None:
    """Scopes, guards, grants and policies (idempotent), as lotse_admin, so what a migration
    added is covered too."""
    conn.exec_driver_sql("SET ROLE lotse_admin")
    _run_script(conn, "rights.sql")  # a failure aborts the transaction, and the role with it
    conn.exec_driver_sql("RESET ROLE")


def password_verifier(conn: Connection, name: str, password: str) -> str:
    """The SCRAM verifier made on this side, so the password itself never reaches the server's
    statement log."""
    pgconn = conn.connection.driver_connection.pgconn
    return pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()


def create_login(conn: Connection, name: str, password: str, group: str, *, createrole: bool = False) -> None:
    from psycopg import sql

    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    verb = "ALTER" if exists else "CREATE"
    statement = sql.SQL("{} ROLE {} LOGIN {} PASSWORD {}").format(
        sql.SQL(verb),
        sql.Identifier(name),
        sql.SQL("CREATEROLE" if createrole else "NOCREATEROLE"),
        sql.Literal(password_verifier(conn, name, password)),
    )
    raw = conn.connection.driver_connection
    conn.exec_driver_sql(statement.as_string(raw))
    # The mark that lists a login as a Lotse person, also after removal (no rights, history kept).
    conn.exec_driver_sql(
        sql.SQL("COMMENT ON ROLE {} IS 'lotse person'").format(sql.Identifier(name)).as_string(raw)
    )
    conn.exec_driver_sql(
        sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)).as_string(raw)
    )


def team_init(url: str, admin: str, password: str) -> None:
    """Migrate, install the team schema and create the first administrator. Run by the
    server's administrator (a superuser such as postgres); safe to run again."""
    database = open_database(url)
    try:
        if database.is_sqlite:
            raise DatabaseError(
                N_("Team mode needs a PostgreSQL database; SQLite is for one person (everything allowed).")
            )
        with database.engine.begin() as conn:
            superuser, createrole = conn.exec_driver_sql(
                "SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user"
            ).one()
            if not (superuser or createrole):
                raise DatabaseError(
                    N_(
                        "“lotse team init” must be run by the database server's administrator: a "
                        "superuser such as postgres, or on a managed PostgreSQL the account with "
                        "CREATEROLE that owns Lotse's tables (not {who}). See the README, “Team mode”.",
                        who=describe_url(url),
                    )
                )
            if not superuser:
                _borrow_groups(conn)  # a managed server's administrator: see _borrow_groups
            _run_script(conn, "roles.sql")
            reapply_rights(conn)
            create_login(conn, admin, password, "lotse_admin", createrole=True)
            conn.execute(
                text("SELECT lotse_note('rights.admin', 'person', CAST(:d AS jsonb))"),
                {"d": json.dumps({"person": admin, "role": "admin"})},
            )
            if not superuser:
                conn.exec_driver_sql(
                    "REVOKE lotse_admin, lotse_audit_owner FROM " + _quoted(conn, "current_user")
                )
    finally:
        database.dispose()


def _quoted(conn: Connection, expression: str) -> str:
    return str(conn.exec_driver_sql(f"SELECT quote_ident({expression})").scalar())


def _borrow_groups(conn: Connection) -> None:
    """Without superuser rights (a managed PostgreSQL whose administrator account has
    CREATEROLE and owns the tables) handing the tables to lotse_admin and the audit log to its
    owner needs membership in both roles: made and granted here for the setup, taken back at
    its end, so the account is no member afterwards."""
    for name in ("lotse_admin", "lotse_audit_owner"):
        exists = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).first()
        if exists is None:
            conn.exec_driver_sql(f"CREATE ROLE {name} NOLOGIN")
    conn.exec_driver_sql("GRANT lotse_admin, lotse_audit_owner TO " + _quoted(conn, "current_user"))


def migrate(conn, url: str, upgrade) -> None:
    """Alembic's upgrade; in a team database only an administrator may change the schema,
    as lotse_admin (who owns it), and the rights are laid over what the migration added."""
    if not is_team_database(conn):
        upgrade()
        return
    if not conn.exec_driver_sql("SELECT pg_has_role(session_user, 'lotse_admin', 'MEMBER')").scalar():
        user = conn.exec_driver_sql("SELECT session_user").scalar()
        raise DatabaseError(
            N_(
                "The database {describe_url} needs an update that only an "
                "administrator may run (not {user}): “lotse init --db URL” as an "
                "administrator. Nothing was changed.",
                describe_url=describe_url(url),
                user=user,
            )
        )
    conn.exec_driver_sql("SET ROLE lotse_admin")
    upgrade()
    conn.exec_driver_sql("RESET ROLE")
    reapply_rights(conn)
