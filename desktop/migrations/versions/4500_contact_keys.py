"""contacts get stable keys; every text's contact areas are stored by them

Each contact in ``offer.contacts`` gets a short random ``key`` (in the contacts' order); the
areas of responsibility of every text (``offer_text``, ``text_revision``,
``translation_proposal``), stored until now as a list matched to the contacts by position,
become ``{key: area}``: each area goes to the contact at its position, which is what it meant
when it was written. Old offer revisions' contacts get the keys of the contacts at their
positions, so restoring one keeps the areas with them.

A text with areas gets the fingerprint of the new rule (the areas count with their keys, not
their order); translations made from its old fingerprint are made from the new one, so no
status changes. No column changes: the JSON column holds the new form.

Revision ID: 4500
Revises: 4400
Create Date: 2026-12-07 05:50:00
"""

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

from models.contact_keys import KEY, areas_by_key, areas_in_order, stored_areas, with_keys
from models.richtext import fingerprint

revision = "4500"
down_revision = "4400"
branch_labels = None
depends_on = None

_offer = sa.table("offer", sa.column("id", sa.Integer), sa.column("contacts", sa.JSON))
_offer_revision = sa.table(
    "offer_revision",
    sa.column("id", sa.Integer),
    sa.column("offer_id", sa.Integer),
    sa.column("facts", sa.JSON),
)


def _texts(name: str, *more: str) -> sa.TableClause:
    return sa.table(
        name,
        sa.column("id", sa.Integer),
        sa.column("offer_id", sa.Integer),
        sa.column("language_code", sa.String),
        sa.column("contact_areas", sa.JSON),
        *(sa.column(c, sa.String) for c in more),
    )


_WORDS = ("title", "summary", "content", "cost")
_text = _texts("offer_text", *_WORDS, "fingerprint", "source_fingerprint", "source_language_code")
_revision = _texts("text_revision", *_WORDS, "fingerprint", "source_fingerprint")
_proposal = _texts("translation_proposal", "source_fingerprint")


def _has_areas(table: sa.TableClause) -> sa.ColumnElement[bool]:
    """Rows whose areas are not the empty default (the JSON read as text on both databases)."""
    as_text = sa.cast(table.c.contact_areas, sa.Text)
    return sa.and_(table.c.contact_areas.is_not(None), as_text.not_in(("[]", "{}", "null")))


def upgrade() -> None:
    conn = op.get_bind()
    contacts = _key_contacts(conn)
    moved = _convert(conn, _text, contacts, lambda old, row: old, keyed=True)
    _carry_sources(conn, moved)
    _convert(conn, _revision, contacts, lambda old, row: moved.get((row.offer_id, old), old), keyed=True)
    _convert(conn, _proposal, contacts, lambda old, row: moved.get((row.offer_id, old), old), keyed=True)
    _key_revisions(conn, contacts, keyed=True)


def downgrade() -> None:
    conn = op.get_bind()
    contacts = {
        row.id: list(row.contacts or [])
        for row in conn.execute(sa.select(_offer.c.id, _offer.c.contacts))
        if row.contacts
    }
    moved = _convert(conn, _text, contacts, lambda old, row: old, keyed=False)
    _carry_sources(conn, moved)
    _convert(conn, _revision, contacts, lambda old, row: moved.get((row.offer_id, old), old), keyed=False)
    _convert(conn, _proposal, contacts, lambda old, row: moved.get((row.offer_id, old), old), keyed=False)
    _key_revisions(conn, contacts, keyed=False)
    updates = [
        {"oid": oid, "contacts": [{k: v for k, v in c.items() if k != KEY} for c in items]}
        for oid, items in contacts.items()
    ]
    if updates:
        conn.execute(_offer.update().where(_offer.c.id == sa.bindparam("oid")), updates)


def _key_contacts(conn: sa.Connection) -> dict[int, list[dict[str, Any]]]:
    """Every offer's contacts with keys, in their order (written back); by offer id."""
    out: dict[int, list[dict[str, Any]]] = {}
    updates = []
    for row in conn.execute(sa.select(_offer.c.id, _offer.c.contacts)):
        if not row.contacts:
            continue
        keyed = with_keys(row.contacts)
        out[row.id] = keyed
        if keyed != row.contacts:
            updates.append({"oid": row.id, "contacts": keyed})
    if updates:
        conn.execute(_offer.update().where(_offer.c.id == sa.bindparam("oid")), updates)
    return out


def _convert(conn, table, contacts, source_of, *, keyed: bool) -> dict[tuple[int, str], str]:
    """Areas by position -> by key (``keyed``) or back; a row with a fingerprint gets the new
    one, a source fingerprint is looked up through ``source_of``. Returns (offer, old
    fingerprint) -> new fingerprint for the rows whose fingerprint changed."""
    has_fp = "fingerprint" in table.c
    moved: dict[tuple[int, str], str] = {}
    updates = []
    for row in conn.execute(sa.select(table).where(_has_areas(table))):
        offer_contacts = contacts.get(row.offer_id, [])
        if keyed:
            areas: Any = {k: a for k, a in areas_by_key(row.contact_areas, offer_contacts).items() if a}
        else:
            areas = areas_in_order(stored_areas(row.contact_areas), offer_contacts)
            while areas and not areas[-1]:
                areas.pop()
        values: dict[str, Any] = {"rid": row.id, "contact_areas": areas}
        if has_fp:
            new_fp = fingerprint(row.title, row.summary, row.content, row.cost, areas)
            values["fingerprint"] = new_fp
            if row.fingerprint and row.fingerprint != new_fp and table is _text:
                moved[(row.offer_id, row.fingerprint)] = new_fp
        if "source_fingerprint" in table.c and table is not _text:  # a text's: _carry_sources
            values["source_fingerprint"] = source_of(row.source_fingerprint, row)
        updates.append(values)
    if updates:
        names = [n for n in updates[0] if n != "rid"]
        conn.execute(
            table.update()
            .where(table.c.id == sa.bindparam("rid"))
            .values({n: sa.bindparam(n) for n in names}),
            updates,
        )
    return moved


def _carry_sources(conn: sa.Connection, moved: dict[tuple[int, str], str]) -> None:
    """Translations made from a text's old fingerprint are made from its new one."""
    by_offer: dict[int, dict[str, str]] = defaultdict(dict)
    for (offer_id, old), new in moved.items():
        by_offer[offer_id][old] = new
    updates = [
        {"oid": offer_id, "old": old, "new": new}
        for offer_id, pairs in by_offer.items()
        for old, new in pairs.items()
    ]
    if updates:
        conn.execute(
            _text.update()
            .where(_text.c.offer_id == sa.bindparam("oid"), _text.c.source_fingerprint == sa.bindparam("old"))
            .values(source_fingerprint=sa.bindparam("new")),
            updates,
        )


def _key_revisions(conn: sa.Connection, contacts: dict[int, list[dict[str, Any]]], *, keyed: bool) -> None:
    """Old facts' contacts take the key of the contact at their position (or lose it again)."""
    updates = []
    for row in conn.execute(
        sa.select(_offer_revision.c.id, _offer_revision.c.offer_id, _offer_revision.c.facts)
    ):
        facts = dict(row.facts or {})
        old = facts.get("contacts")
        if not old:
            continue
        if keyed:
            current = contacts.get(row.offer_id, [])
            given = [
                {**(c or {}), KEY: current[i][KEY]} if i < len(current) else dict(c or {})
                for i, c in enumerate(old)
            ]
            facts["contacts"] = with_keys(given)
        else:
            facts["contacts"] = [{k: v for k, v in (c or {}).items() if k != KEY} for c in old]
        if facts != row.facts:
            updates.append({"rid": row.id, "facts": facts})
    if updates:
        conn.execute(
            _offer_revision.update()
            .where(_offer_revision.c.id == sa.bindparam("rid"))
            .values(facts=sa.bindparam("facts")),
            updates,
        )
