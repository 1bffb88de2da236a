"""drop the (language, status) index of offer_text

No query reads offer texts by language and status alone (the list reads the statuses through
ix_offer_text_offer_language_status; the review queue filters what the list holds), but every
status change moved an entry of this index: a save that makes 14 translations outdated wrote
~28 more index pages at its commit (about a quarter of a save's time at 15 languages). Where
SQLite's planner used it (the root-language titles of a region), it now goes from the region's
offers to their text by (offer_id, language_code), which at 10,000 offers is faster, not slower.

Revision ID: 4000
Revises: 2000
Create Date: 2026-12-07 02:20:00
"""

from alembic import op

revision = "4000"
down_revision = "2000"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("offer_text", schema=None) as batch_op:
        batch_op.drop_index("ix_offer_text_language_status")


def downgrade() -> None:
    with op.batch_alter_table("offer_text", schema=None) as batch_op:
        batch_op.create_index("ix_offer_text_language_status", ["language_code", "status"], unique=False)
