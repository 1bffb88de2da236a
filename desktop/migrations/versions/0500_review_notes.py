"""review notes

Revision ID: 0500
Revises: 0001
Create Date: 2026-11-25 05:57:15.290399
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0500'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('review_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('language_code', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('resolved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['offer_id'], ['offer.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_note_offer_id'), ['offer_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('review_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_note_offer_id'))

    op.drop_table('review_note')

