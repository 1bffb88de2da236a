"""The statements a save runs on SQLite's own cursor (desktop/driver_statements.py) give what
SQLAlchemy gives, store what SQLAlchemy stores, fail as SQLAlchemy fails, and are heard by its
listeners."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, event, insert, select, update
from sqlalchemy.exc import IntegrityError

from desktop import offer_statements as statements
from desktop.driver_statements import DriverStatement
from desktop.offers import create_offer, save_translation
from models.tables import Offer, OfferText, TextRevision, utcnow
from tests.support.factory import GERMAN, make_region, offer_facts


@pytest.fixture
def offer_id(db):
    made = create_offer(db, offer_facts(make_region(db)), {"de": dict(GERMAN, cost="5 €")}, author="anna")
    save_translation(
        db, made.id, "en", {"title": "T", "content": "<p>x</p>"}, author="mt", review_status="machine"
    )
    return made.id


def test_rows_are_what_sqlalchemy_reads_with_their_types(db, offer_id):
    with db.transaction() as session:
        conn = session.connection()
        ours = statements.TEXT_ROWS.rows(conn, {"offer_id": offer_id})
        theirs = [tuple(row) for row in conn.execute(statements.OFFER_TEXTS, {"offer_id": offer_id})]
        assert ours == theirs and len(ours) == 2
        de = next(row for row in ours if row[2] == "de")
        assert (
            de[7] == {} and de[6] == "5 €" and de[16].tzinfo is not None
        )  # JSON (areas by key), aware datetime
        tree = statements.TREE_ROWS.rows(conn, {"region_id": 1})
        assert tree[:2] == [("de", None), ("en", "de")]


def test_writes_store_what_sqlalchemy_would_store(db, offer_id):
    now = utcnow()
    with db.transaction() as session:
        conn = session.connection()
        text_id = conn.execute(select(OfferText.id).where(OfferText.offer_id == offer_id)).scalars().first()
        statements.TEXT_UPDATE.execute(
            conn, {"text_id": text_id, "contact_areas": ["Beratung"], "updated_at": now}
        )
        statements.status_update(1).execute(conn, {"id0": text_id, "new_status": "outdated"})
        values = {
            "offer_id": offer_id,
            "language_code": "de",
            "title": "T",
            "summary": "",
            "content": "",
            "cost": "",
            "contact_areas": ["a"],
            "fingerprint": "f",
            "review_status": "source",
            "source_fingerprint": None,
            "minor": True,
            "author": "x",
            "created_at": now,
            "note": "",
        }
        statements.REVISION_INSERT.execute(conn, values)
        conn.execute(insert(TextRevision.__table__), values)  # the same through SQLAlchemy
        stored = conn.execute(select(OfferText).where(OfferText.id == text_id)).one()
        assert (stored.contact_areas, stored.status, stored.updated_at) == (["Beratung"], "outdated", now)
        mine, theirs = conn.execute(
            select(TextRevision.__table__).where(TextRevision.author == "x").order_by(TextRevision.id)
        ).all()
        assert mine[1:] == theirs[1:]


def test_a_failing_statement_raises_sqlalchemys_error_and_listeners_hear_every_statement(sqlite_db):
    heard: list[tuple[str, bool]] = []
    event.listen(sqlite_db.engine, "before_cursor_execute", lambda *a: heard.append((a[2].split()[0], a[5])))
    duplicate = DriverStatement(insert(OfferText.__table__), by_keys=True)
    with pytest.raises(IntegrityError), sqlite_db.transaction() as session:
        conn = session.connection()
        row = {
            "offer_id": 999,
            "language_code": "de",
            "title": "",
            "summary": "",
            "content": "",
            "fingerprint": "",
            "review_status": "source",
            "status": "source",
            "version": 1,
            "updated_at": utcnow(),
            "updated_by": "x",
            "cost": "",
            "contact_areas": [],
        }
        duplicate.execute(conn, row)  # no offer 999: the foreign key refuses it
    with sqlite_db.engine.begin() as conn:
        to_status = update(OfferText.__table__).where(OfferText.id == bindparam("text_id"))
        DriverStatement(to_status.values(status=bindparam("new_status"))).execute_many(
            conn, [{"text_id": 1, "new_status": "x"}] * 2
        )
    assert heard == [("INSERT", False), ("UPDATE", True)]


def test_a_claim_returns_the_offer_as_sqlalchemy_returns_it_or_nothing_when_stale(db, offer_id):
    now = utcnow()
    with db.transaction() as session:
        conn = session.connection()
        version = conn.execute(select(Offer.version).where(Offer.id == offer_id)).scalar_one()

        def claim(expected: int) -> dict:
            return {
                "claim_id": offer_id,
                "expected": expected,
                "next_version": expected + 1,
                "now": now,
                "author": "bea",
            }

        ours = statements.CLAIM_AND_READ.rows(conn, claim(version))
        theirs = [tuple(row) for row in conn.execute(statements.CLAIM_AND_READ_OFFER, claim(version + 1))]
        assert len(ours) == len(theirs) == 1
        at = {name: index for index, name in enumerate(statements.STORED_OFFER_FIELDS)}
        v = at["version"]
        assert ours[0][v] == version + 1 and theirs[0][v] == version + 2
        assert ours[0][:v] + ours[0][v + 1 :] == theirs[0][:v] + theirs[0][v + 1 :]
        # a datetime, JSON contacts
        assert ours[0][at["updated_at"]] == now and isinstance(ours[0][at["contacts"]], list)
        assert None not in ours[0][-4:]  # the region's box
        assert statements.CLAIM_AND_READ.rows(conn, claim(version)) == []  # someone was faster
