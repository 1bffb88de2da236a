"""todo_messages: an import's to-do stored as a message (msgid and values), not German and English text

Revision ID: 4700
Revises: 4000
Create Date: 2026-12-07 03:05:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "4700"
down_revision = "4000"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("offer_todo", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message", sa.JSON(), nullable=True))
    # The to-dos written so far keep their words, in both interface languages they were written in
    # (models/stored_text.py reads {"localized": ...} back); new ones are messages.
    conn = op.get_bind()
    update = sa.text("UPDATE offer_todo SET message = :message WHERE id = :id").bindparams(
        sa.bindparam("message", type_=sa.JSON())
    )
    rows = conn.execute(sa.text("SELECT id, message_de, message_en FROM offer_todo")).fetchall()
    for todo_id, german, english in rows:
        words = {"localized": {"de": german or english or "", "en": english or german or ""}}
        conn.execute(update, {"message": words, "id": todo_id})
    with op.batch_alter_table("offer_todo", schema=None) as batch_op:
        batch_op.alter_column("message", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("message_de")
        batch_op.drop_column("message_en")


def downgrade() -> None:
    # The messages go back as the German and English text older versions stored, worded now
    # (a to-do stored before 4700 comes back as it was written: {"localized": ...}).
    from models.stored_text import text_from_json

    with op.batch_alter_table("offer_todo", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_de", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("message_en", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, message FROM offer_todo")).fetchall()
    update = sa.text("UPDATE offer_todo SET message_de = :de, message_en = :en WHERE id = :id")
    for todo_id, stored in rows:
        message = text_from_json(json.loads(stored) if isinstance(stored, str) else stored)
        conn.execute(update, {"de": message.render("de"), "en": message.render("en"), "id": todo_id})
    with op.batch_alter_table("offer_todo", schema=None) as batch_op:
        batch_op.drop_column("message")
