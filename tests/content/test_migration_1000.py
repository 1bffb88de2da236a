"""Migration 1000 (pages and events as kinds of content) on a database that the main branch
before it made with the demo region (tests/fixtures/demo-db-0900.json.gz: every row of every
table), on SQLite and PostgreSQL: every row and every value is still there afterwards, every
old row is an offer, and Lotse works on the result."""

from __future__ import annotations

from sqlalchemy import text

from desktop.db import open_database
from tests.support.dumped_db import comparable as _comparable
from tests.support.dumped_db import load_dump
from tests.support.dumped_db import rows as _rows


def test_a_demo_database_from_before_keeps_every_row(db_url):
    before = load_dump(db_url, "demo-db-0900.json.gz")
    assert (
        len(before["offer"]) == 51
        and len(before["offer_text"]) == 101
        and len(before["text_revision"]) == 104
    )

    database = open_database(db_url)  # migrates, as Lotse does on start
    after = _rows(database.engine)
    for name, rows in before.items():
        assert len(after[name]) == len(rows), name
        # Migration 2000 moves the source texts' fingerprints (cost and areas count in them) and
        # their translations' with them: tested in test_migration_2000.py.
        moved = {"fingerprint", "source_fingerprint"} if name == "offer_text" else set()
        for old, new in zip(rows, after[name], strict=True):
            assert {k: _comparable(v) for k, v in old.items() if k not in moved} == {
                k: _comparable(new[k]) for k in old if k not in moved
            }, name
    assert {r["kind"] for r in after["offer"]} == {"offer"}
    assert all(
        r["position"] == 0 and r["exdates"] == [] and r["moved"] == {} and not r["all_day"]
        for r in after["offer"]
    )
    assert all(r["slug"] is None and r["cms_id"] is None for r in after["offer_text"])
    with database.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() >= "1000"

    # Lotse works on it: the offers list, one offer with its texts and statuses, a save
    from desktop.offers import get_offer, list_offers

    offers = list_offers(database)
    assert len(offers) == 51
    first = before["offer_text"][0]
    data = get_offer(database, first["offer_id"])
    assert data.texts[first["language_code"]].title == first["title"]
    statuses = {(t["offer_id"], t["language_code"]): t["status"] for t in before["offer_text"]}
    assert {(o.id, code): s for o in offers for code, s in o.statuses.items()}.items() >= {
        k: v for k, v in statuses.items() if k[0] in {o.id for o in offers}
    }.items()
    database.dispose()
