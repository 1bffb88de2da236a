"""A database as an older main made it: a gz JSON of every row of every table
(tests/fixtures/demo-db-NNNN.json.gz) loaded at its migration revision, for migration tests."""

from __future__ import annotations

import gzip
import json
from datetime import date, datetime
from pathlib import Path

from alembic import command
from sqlalchemy import MetaData, select, text

from desktop.db import _alembic_config, make_engine

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _decode(value):
    if isinstance(value, dict) and set(value) == {"$dt"}:
        return datetime.fromisoformat(value["$dt"])
    if isinstance(value, dict) and set(value) == {"$d"}:
        return date.fromisoformat(value["$d"])
    return value


def rows(engine) -> dict[str, list[dict]]:
    """Every row of every table, by table, in key order."""
    meta = MetaData()
    meta.reflect(engine)
    out = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            if table.name != "alembic_version":
                query = select(table).order_by(*table.primary_key.columns)
                out[table.name] = [dict(r._mapping) for r in conn.execute(query)]
    return out


def comparable(value):
    """A value to compare across migrations: datetimes naive; contacts without the keys that
    migration 4500 gives them (tests/content/test_migration_4500.py checks those)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat()
    if isinstance(value, list) and value and all(isinstance(v, dict) and "key" in v for v in value):
        return [{k: v for k, v in item.items() if k != "key"} for item in value]
    if isinstance(value, dict) and isinstance(value.get("contacts"), list):
        return {**value, "contacts": comparable(value["contacts"])}
    return value


def load_dump(db_url: str, name: str) -> dict[str, list[dict]]:
    """Migrate an empty database to the dump's revision, insert its rows, return them as read back."""
    dump = json.loads(gzip.decompress((FIXTURES / name).read_bytes()))
    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), dump["revision"])
    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        for table in meta.sorted_tables:
            table_rows = dump["tables"].get(table.name, [])
            if table_rows:
                conn.execute(table.insert(), [{k: _decode(v) for k, v in row.items()} for row in table_rows])
        if engine.dialect.name == "postgresql":  # rows came with their ids: move the sequences on
            for table in meta.sorted_tables:
                if "id" in table.c and dump["tables"].get(table.name):
                    conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                            f"'id'), MAX(id)) FROM {table.name}"
                        )
                    )
    before = rows(engine)
    engine.dispose()
    return before
