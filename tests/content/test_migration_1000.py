"""Migration 1000 (pages and events as kinds of content) on a database that the main branch
before it made with the demo region (tests/fixtures/demo-db-0900.json.gz: every row of every
table), on SQLite and PostgreSQL: every row and every value is still there afterwards, every
old row is an offer, and Lotse works on the result."""

from __future__ import annotations

import gzip
import json
from datetime import date, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import MetaData, select, text

from desktop.db import _alembic_config, make_engine, open_database

FIXTURE = Path(__file__).parent.parent / "fixtures" / "demo-db-0900.json.gz"


def _decode(value):
    if isinstance(value, dict) and set(value) == {"$dt"}:
        return datetime.fromisoformat(value["$dt"])
    if isinstance(value, dict) and set(value) == {"$d"}:
        return date.fromisoformat(value["$d"])
    return value


def _rows(engine) -> dict[str, list[dict]]:
    meta = MetaData()
    meta.reflect(engine)
    out = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            if table.name != "alembic_version":
                query = select(table).order_by(*table.primary_key.columns)
                out[table.name] = [dict(r._mapping) for r in conn.execute(query)]
    return out


def _comparable(value):
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat()
    return value


def test_a_demo_database_from_before_keeps_every_row(db_url):
    dump = json.loads(gzip.decompress(FIXTURE.read_bytes()))
    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), dump["revision"])
    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        for table in meta.sorted_tables:
            rows = dump["tables"].get(table.name, [])
            if rows:
                conn.execute(table.insert(), [{k: _decode(v) for k, v in row.items()} for row in rows])
        if engine.dialect.name == "postgresql":  # rows came with their ids: move the sequences on
            for table in meta.sorted_tables:
                if "id" in table.c and dump["tables"].get(table.name):
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                            f"'id'), MAX(id)) FROM {table.name}"
                        )
                    )
    before = _rows(engine)
    engine.dispose()
    assert (
        len(before["offer"]) == 51
        and len(before["offer_text"]) == 101
        and len(before["text_revision"]) == 104
    )

    database = open_database(db_url)  # migrates, as Lotse does on start
    after = _rows(database.engine)
    for name, rows in before.items():
        assert len(after[name]) == len(rows), name
        for old, new in zip(rows, after[name], strict=True):
            assert {k: _comparable(v) for k, v in old.items()} == {k: _comparable(new[k]) for k in old}, name
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
