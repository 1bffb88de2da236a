"""Pages and events as kinds of content beside offers, and the Integreat CMS's identity.

The offer table becomes the table of all content (``kind`` 'offer', 'page', 'event'); every
existing row is an offer. Nothing is copied or rewritten: texts, revisions, statuses and
fingerprints stay where they are and keep their ids.

Revision ID: 1000
Revises: 1300
Create Date: 2026-12-06 17:29:02.876189
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "1000"
down_revision = "1300"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("offer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False, server_default="offer"
            )
        )
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("icon", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
        batch_op.add_column(sa.Column("event_start", sa.DateTime(timezone=False), nullable=True))
        batch_op.add_column(sa.Column("event_end", sa.DateTime(timezone=False), nullable=True))
        batch_op.add_column(sa.Column("all_day", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column("rrule", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True))
        batch_op.add_column(sa.Column("exdates", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("moved", sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("place_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("meeting_url", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("cms_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("ical_uid", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_offer_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_offer_ical_uid"), ["ical_uid"], unique=False)
        batch_op.create_index(batch_op.f("ix_offer_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_offer_place_id"), ["place_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_offer_parent_id_offer", "offer", ["parent_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_foreign_key(
            "fk_offer_place_id_offer", "offer", ["place_id"], ["id"], ondelete="SET NULL"
        )

    with op.batch_alter_table("offer_text", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slug", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column("cms_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("offer_text", schema=None) as batch_op:
        batch_op.drop_column("cms_id")
        batch_op.drop_column("slug")

    with op.batch_alter_table("offer", schema=None) as batch_op:
        batch_op.drop_constraint("fk_offer_place_id_offer", type_="foreignkey")
        batch_op.drop_constraint("fk_offer_parent_id_offer", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_offer_place_id"))
        batch_op.drop_index(batch_op.f("ix_offer_parent_id"))
        batch_op.drop_index(batch_op.f("ix_offer_kind"))
        batch_op.drop_index(batch_op.f("ix_offer_ical_uid"))
        for column in (
            "ical_uid",
            "cms_id",
            "meeting_url",
            "place_id",
            "moved",
            "exdates",
            "rrule",
            "timezone",
            "all_day",
            "event_end",
            "event_start",
            "icon",
            "position",
            "parent_id",
            "kind",
        ):
            batch_op.drop_column(column)
