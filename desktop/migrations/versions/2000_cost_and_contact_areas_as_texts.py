"""cost and contact areas as texts per language

An offer's cost and its contacts' areas of responsibility were facts, stored once in the
source language (German); they become parts of each language's text (``offer_text.cost``,
``offer_text.contact_areas``, the same on ``text_revision`` and ``translation_proposal``), so they are translated, reviewed
and printed per language. Today's values are copied into the source language's text.

The source text's fingerprint then counts the cost and the areas; every translation that was
made from the old fingerprint is carried over to the new one (as a minor edit does), so no
status changes: a translation that was current stays current, an outdated one stays outdated.
The facts (``offer.cost``, the areas in ``offer.contacts``) stay as they were.

Revision ID: 2000
Revises: 2110
Create Date: 2026-12-06 20:20:00
"""

import sqlalchemy as sa
from alembic import op

from models.richtext import fingerprint

revision = "2000"
down_revision = "2110"
branch_labels = None
depends_on = None

_offer = sa.table(
    "offer",
    sa.column("id", sa.Integer),
    sa.column("region_id", sa.Integer),
    sa.column("cost", sa.String),
    sa.column("contacts", sa.JSON),
)
_language = sa.table(
    "region_language",
    sa.column("region_id", sa.Integer),
    sa.column("code", sa.String),
    sa.column("source_code", sa.String),
)
_text = sa.table(
    "offer_text",
    sa.column("id", sa.Integer),
    sa.column("offer_id", sa.Integer),
    sa.column("language_code", sa.String),
    sa.column("title", sa.String),
    sa.column("summary", sa.String),
    sa.column("content", sa.String),
    sa.column("cost", sa.String),
    sa.column("contact_areas", sa.JSON),
    sa.column("fingerprint", sa.String),
    sa.column("source_fingerprint", sa.String),
    sa.column("source_language_code", sa.String),
)


def upgrade() -> None:
    for table in ("offer_text", "text_revision", "translation_proposal"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("cost", sa.Text(), nullable=False, server_default=""))
            batch_op.add_column(sa.Column("contact_areas", sa.JSON(), nullable=False, server_default="[]"))
    _copy_facts_into_source_texts(op.get_bind())


def _copy_facts_into_source_texts(conn: sa.Connection) -> None:
    roots = {
        row.region_id: row.code
        for row in conn.execute(
            sa.select(_language.c.region_id, _language.c.code).where(_language.c.source_code.is_(None))
        )
    }
    offers = conn.execute(sa.select(_offer.c.id, _offer.c.region_id, _offer.c.cost, _offer.c.contacts)).all()
    for offer in offers:
        cost = (offer.cost or "").strip()
        areas = [str((c or {}).get("area_of_responsibility") or "").strip() for c in (offer.contacts or [])]
        areas = areas if any(areas) else []
        root = roots.get(offer.region_id)
        if not (cost or areas) or root is None:
            continue
        text = conn.execute(
            sa.select(_text).where(_text.c.offer_id == offer.id, _text.c.language_code == root)
        ).first()
        if text is None:
            continue
        new_fp = fingerprint(text.title, text.summary, text.content, cost, areas)
        conn.execute(
            _text.update()
            .where(_text.c.id == text.id)
            .values(cost=cost, contact_areas=areas, fingerprint=new_fp)
        )
        if text.fingerprint and text.fingerprint != new_fp:
            # Translations made from the text as it was are made from it as it is now.
            conn.execute(
                _text.update()
                .where(
                    _text.c.offer_id == offer.id,
                    _text.c.source_language_code == root,
                    _text.c.source_fingerprint == text.fingerprint,
                )
                .values(source_fingerprint=new_fp)
            )


def downgrade() -> None:
    for table in ("translation_proposal", "text_revision", "offer_text"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("contact_areas")
            batch_op.drop_column("cost")
