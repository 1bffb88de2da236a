"""offer_text.old_slugs: the CMS's slug history of an imported translation

Revision ID: 2100
Revises: 1800
Create Date: 2026-12-06 20:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "2100"
down_revision = "1800"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("offer_text", schema=None) as batch_op:
        batch_op.add_column(sa.Column("old_slugs", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("offer_text", schema=None) as batch_op:
        batch_op.drop_column("old_slugs")
