"""publish_change: which items changed since a publish (the re-publish reads only those)

One row per offer, page or event: the number of the newest change to the item, its texts or its
confirmations. SQLite triggers write it on every insert, update and delete, whatever code or
tool wrote (so a publish can prove an item unchanged without reading it); the numbers grow in
commit order because SQLite has one writer at a time. PostgreSQL gets the table without
triggers: concurrent writers commit out of order there, and a re-publish reads everything.
A later migration that rebuilds one of the tables (batch mode) drops the triggers; a publish
checks they are there before trusting the table.

Revision ID: 4300
Revises: 4700
Create Date: 2026-12-07 02:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "4300"
down_revision = "4700"
branch_labels = None
depends_on = None

# (table, the item's id column); the same names are checked in desktop/publish_changes.py
WATCHED = (("offer", "id"), ("offer_text", "offer_id"), ("offer_confirmation", "offer_id"))


def _note(row: str, column: str) -> str:
    return (
        f"INSERT INTO publish_change (item_id, seq) VALUES ({row}.{column}, "
        "(SELECT coalesce(max(seq), 0) + 1 FROM publish_change)) "
        "ON CONFLICT (item_id) DO UPDATE SET seq = excluded.seq;"
    )


def upgrade() -> None:
    op.create_table(
        "publish_change",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("item_id"),
    )
    with op.batch_alter_table("publish_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_publish_change_seq"), ["seq"], unique=False)
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, column in WATCHED:
        op.execute(f"CREATE TRIGGER publish_change_{table}_insert AFTER INSERT ON {table} BEGIN {_note('NEW', column)} END")
        op.execute(
            f"CREATE TRIGGER publish_change_{table}_update AFTER UPDATE ON {table} "
            f"BEGIN {_note('OLD', column)} {_note('NEW', column)} END"
        )
        op.execute(f"CREATE TRIGGER publish_change_{table}_delete AFTER DELETE ON {table} BEGIN {_note('OLD', column)} END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, _column in WATCHED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS publish_change_{table}_{event}")
    with op.batch_alter_table("publish_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publish_change_seq"))
    op.drop_table("publish_change")
