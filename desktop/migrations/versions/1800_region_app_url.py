"""region app url (where flyers' QR codes lead)

Revision ID: 1800
Revises: 1000
Create Date: 2026-12-06 19:10:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "1800"
down_revision = "1000"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("region", schema=None) as batch_op:
        batch_op.add_column(sa.Column("app_url", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("region", schema=None) as batch_op:
        batch_op.drop_column("app_url")
