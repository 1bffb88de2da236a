"""Alembic environment: Lotse passes the connection in; there is no alembic.ini."""

from alembic import context
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes.get("connection")
target_metadata = SQLModel.metadata

if connection is None:
    raise RuntimeError("Lotse runs its migrations through desktop.db.open_database")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        # the change log's notes wait for the commit (desktop/change_log.py); a migration that
        # writes rows and then alters their table needs them at once (one writer: no deadlock)
        connection.exec_driver_sql("SET CONSTRAINTS ALL IMMEDIATE")
    context.run_migrations()
    # At the newest schema the publish change log's triggers are there: a migration that
    # rebuilt one of its tables (batch mode on SQLite) dropped them with the old table.
    migration = context.get_context()
    if set(migration.get_current_heads()) == set(context.script.get_heads()):
        from desktop import change_log

        change_log.ensure(connection)
