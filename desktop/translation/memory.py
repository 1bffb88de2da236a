"""The translation memory: every segment translated is kept, and never sent twice."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import bindparam, func
from sqlalchemy import select as core_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select

from models.richtext import word_count
from models.tables import TranslationMemory

from ..db import Database

_CHUNK = 400


def normalise(masked: str) -> str:
    return " ".join(unicodedata.normalize("NFC", masked).split())


def memory_key(masked: str) -> str:
    return hashlib.sha256(normalise(masked).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    source_masked: str
    target_masked: str
    source_text: str = ""
    target_text: str = ""
    provider: str = ""
    key: str = ""  # memory_key(source_masked) when the caller has it already ("": computed)


_memory = TranslationMemory.__table__
# Built once, run on the session's connection: building a select with its IN list for every
# group of a batch cost more than the query (issue 20, round 6).
_KNOWN = core_select(_memory.c.source_key, _memory.c.target_masked).where(
    _memory.c.source_language == bindparam("source"),
    _memory.c.target_language == bindparam("target"),
    _memory.c.source_key.in_(bindparam("keys", expanding=True)),
)
_INSERTS = {
    name: dialect.insert(_memory).on_conflict_do_nothing(
        index_elements=["source_language", "target_language", "source_key"]
    )
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}


def lookup(db: Database, source: str, target: str, keys: list[str]) -> dict[str, str]:
    """source key -> the remembered masked translation, for the keys the memory knows."""
    with db.transaction() as session:
        return _lookup(session, source, target, keys)


def _lookup(session, source: str, target: str, keys: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    unique = list(dict.fromkeys(keys))
    connection = session.connection()
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        rows = connection.execute(_KNOWN, {"source": source, "target": target, "keys": chunk})
        found.update({k: v for k, v in rows})
    return found


def store(db: Database, source: str, target: str, entries: list[Entry]) -> int:
    """Remember entries (ones already known are left as they are); returns how many were new."""
    if not entries:
        return 0
    with db.transaction() as session:
        return store_in(session, source, target, entries)


def store_in(session, source: str, target: str, entries: list[Entry]) -> int:
    """``store`` inside the caller's transaction (an import that must be all or nothing)."""
    if not entries:
        return 0
    by_key = {e.key or memory_key(e.source_masked): e for e in entries}
    known = _lookup(session, source, target, list(by_key))
    now = datetime.now(UTC)
    rows = [
        {
            "source_language": source,
            "target_language": target,
            "source_key": key,
            "source_masked": normalise(entry.source_masked),
            "target_masked": entry.target_masked,
            "source_text": entry.source_text,
            "target_text": entry.target_text,
            "provider": entry.provider,
            "words": word_count(entry.source_text or entry.source_masked),
            "characters": len(entry.source_masked),
            "created_at": now,
        }
        for key, entry in by_key.items()
        if key not in known
    ]
    if rows:
        # One statement on the table (no ORM: its bulk insert cost more than the rows). ON
        # CONFLICT DO NOTHING because another writer (a back-translation fetched in the
        # background, a second window) may have stored the same segment between our look-up
        # and this insert.
        connection = session.connection()
        connection.execute(
            _INSERTS["postgresql" if connection.dialect.name == "postgresql" else "sqlite"], rows
        )
    return len(rows)


def forget(db: Database, source: str, target: str, masked: str) -> bool:
    """Drop one remembered segment (so re-translating it asks the service again)."""
    with db.transaction() as session:
        row = session.exec(
            select(TranslationMemory).where(
                TranslationMemory.source_language == source,
                TranslationMemory.target_language == target,
                TranslationMemory.source_key == memory_key(masked),
            )
        ).first()
        if row is None:
            return False
        session.delete(row)
        return True


def words_this_year(db: Database, provider: str, now: datetime | None = None) -> int:
    now = now or datetime.now(UTC)
    start = datetime(now.year, 1, 1, tzinfo=UTC)
    with db.transaction() as session:
        return int(
            session.exec(
                select(func.coalesce(func.sum(TranslationMemory.words), 0)).where(
                    TranslationMemory.provider == provider, TranslationMemory.created_at >= start
                )
            ).one()
        )


def memory_size(db: Database) -> int:
    with db.transaction() as session:
        return int(session.exec(select(func.count()).select_from(TranslationMemory)).one())


def all_entries(
    db: Database, source: str | None = None, target: str | None = None
) -> list[TranslationMemory]:
    with db.transaction() as session:
        query = select(TranslationMemory)
        if source:
            query = query.where(TranslationMemory.source_language == source)
        if target:
            query = query.where(TranslationMemory.target_language == target)
        return list(session.exec(query.order_by(TranslationMemory.id)))
