"""The publish change log, cheaper and on PostgreSQL too (desktop/change_log.py)

The triggers of 4300 noted an updated row twice (old and new item) on every write, whatever
column changed: a save of one text (the offer's version, the text, 14 statuses) made ~32
upserts. Now a row is noted only for a change of a column publishing reads, and only when its
item was not noted since the newest publish mark (the save notes its offer once). PostgreSQL
gets the same log (plpgsql, the writing transaction's id as the number), so a team's re-publish
can read only what changed. ``seq`` becomes 64 bits (a PostgreSQL transaction id with its epoch).

Revision ID: 4400
Revises: 4300
Create Date: 2026-12-07 05:50:00
"""

import sqlalchemy as sa
from alembic import op

from desktop import change_log

revision = "4400"
down_revision = "4300"
branch_labels = None
depends_on = None

# 4300's triggers as they were (the downgrade puts them back)
_WATCHED_4300 = (("offer", "id"), ("offer_text", "offer_id"), ("offer_confirmation", "offer_id"))


def _note_4300(row: str, column: str) -> str:
    return (
        f"INSERT INTO publish_change (item_id, seq) VALUES ({row}.{column}, "
        "(SELECT coalesce(max(seq), 0) + 1 FROM publish_change)) "
        "ON CONFLICT (item_id) DO UPDATE SET seq = excluded.seq;"
    )


def upgrade() -> None:
    bind = op.get_bind()
    change_log.drop(bind)  # before the table is rebuilt: the old triggers name it
    with op.batch_alter_table("publish_change", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False)
    change_log.install(bind)


def downgrade() -> None:
    bind = op.get_bind()
    change_log.drop(bind)
    op.execute("DELETE FROM publish_change WHERE item_id <= 0")
    with op.batch_alter_table("publish_change", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False)
    if bind.dialect.name != "sqlite":
        return
    for table, column in _WATCHED_4300:
        op.execute(f"CREATE TRIGGER publish_change_{table}_insert AFTER INSERT ON {table} BEGIN {_note_4300('NEW', column)} END")
        op.execute(
            f"CREATE TRIGGER publish_change_{table}_update AFTER UPDATE ON {table} "
            f"BEGIN {_note_4300('OLD', column)} {_note_4300('NEW', column)} END"
        )
        op.execute(f"CREATE TRIGGER publish_change_{table}_delete AFTER DELETE ON {table} BEGIN {_note_4300('OLD', column)} END")
