"""The offer list read with the standard library's sqlite3 alone, before SQLAlchemy is loaded.

Importing SQLAlchemy and SQLModel and mapping the tables takes most of a cold start (about
1 s of 1.6 s at 10,000 offers); the list's rows are only text and statuses. At start the
window reads them here, in a thread, while Qt starts, and shows the list before the data layer
is imported (ui/app.py). Only a SQLite file already at the newest schema revision is read (a
migration runs first otherwise, on open), read-only; anything else (a server database in team
mode, an older file, no region yet) gets ``None`` and the list comes from
``desktop.offers.list_offers`` as before. The window takes these rows only when the choices
``load_choices`` then reads are the same (ui/main_window.py), and tests/test_list_snapshot.py
keeps both readings equal row by row.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from models.status import Status

from .choice_values import Choice, Choices, LanguageChoice
from .db_files import scanned_head
from .offer_rows import ROW_COLUMNS, OfferRow, StatusPairs, offer_row, shared_text

# Separators for the joined statuses: control characters no language code or status contains.
_CODE_STATUS = "\x1e"
_PAIRS = "\x1f"

_ALIASES = {"offer": "o", "offer_text": "t", "municipality": "m", "organization": "g"}
_ROWS = f"""
SELECT {", ".join(f"{_ALIASES[table]}.{column}" for _name, table, column in ROW_COLUMNS)}
FROM offer AS o
LEFT JOIN offer_text AS t ON t.offer_id = o.id AND t.language_code = :root
LEFT JOIN municipality AS m ON m.id = o.municipality_id
LEFT JOIN organization AS g ON g.id = o.organization_id
WHERE o.region_id = :region AND o.kind = 'offer'
ORDER BY o.id
"""
_STATUSES = """
SELECT t.offer_id, group_concat(t.language_code || char(30) || t.status, char(31))
FROM offer_text AS t JOIN offer AS o ON o.id = t.offer_id
WHERE o.region_id = :region AND o.kind = 'offer'
GROUP BY t.offer_id
"""
_CONFIRMED = """
SELECT c.offer_id, max(c.confirmed_on)
FROM offer_confirmation AS c JOIN offer AS o ON o.id = c.offer_id
WHERE o.region_id = :region
GROUP BY c.offer_id
"""


@dataclass(frozen=True)
class ListSnapshot:
    """The region's choices and every offer's row, as ``load_choices`` and ``list_offers`` give them."""

    choices: Choices
    rows: list[OfferRow]


def read_list_snapshot(
    path: Path, ui_language: str, *, hold: Callable[[], object] = lambda: None
) -> ListSnapshot | None:
    """The list of the SQLite file at ``path``; None when this early reading does not apply.
    ``hold`` is called before the rows are made into Python objects, the part that needs
    Python's lock: the window lets its first paint go first (ui/app.py)."""
    head = scanned_head()
    if head is None or not path.is_file():
        return None
    try:
        with closing(_connect(path)) as conn:
            if conn.execute("SELECT version_num FROM alembic_version").fetchall() != [(head,)]:
                return None  # opening it migrates it first
            before = conn.execute("PRAGMA data_version").fetchone()
            conn.execute("BEGIN")
            snapshot = _read(conn, path, ui_language, hold)
            conn.execute("COMMIT")
            # Two connections read (below): equal only when nobody wrote since the first began.
            if conn.execute("PRAGMA data_version").fetchone() != before:
                return None
            return snapshot
    except sqlite3.Error:
        return None  # whatever it is, opening the database says it properly


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)


def _read(
    conn: sqlite3.Connection, path: Path, ui_language: str, hold: Callable[[], object]
) -> ListSnapshot | None:
    region = conn.execute(
        "SELECT id, name, bbox_lon_min, bbox_lat_min, bbox_lon_max, bbox_lat_max"
        " FROM region ORDER BY id LIMIT 1"
    ).fetchone()
    if region is None:
        return None  # the demo region goes in first
    region_id, name, lon_min, lat_min, lon_max, lat_max = region
    box = None if None in (lon_min, lat_min, lon_max, lat_max) else ((lon_min, lat_min), (lon_max, lat_max))
    languages = [
        LanguageChoice(code, native, direction, source)
        for code, native, direction, source in conn.execute(
            "SELECT code, native_name, direction, source_code FROM region_language"
            " WHERE region_id = ? AND active ORDER BY position, code",
            (region_id,),
        )
    ]
    # The statuses (every text of every offer) are read on a second connection at the same
    # time: SQLite lets go of Python while it steps, so the two reads share both cores.
    statuses = _StatusReader(path, region_id, [lc.code for lc in languages], hold)
    root = next((lc.code for lc in languages if lc.source_code is None), "de")
    category_names: dict[int, str] = {}
    categories = []
    for cid, slug, names_json in conn.execute(
        "SELECT id, slug, names FROM category WHERE region_id = ? ORDER BY position, slug", (region_id,)
    ):
        names = json.loads(names_json) if names_json else {}
        categories.append(Choice(cid, names.get(ui_language) or names.get(root) or slug))
        category_names[cid] = (names or {}).get(root, "")
    choices = Choices(
        region_name=name,
        root_language=root,
        bounding_box=box,
        languages=languages,
        categories=categories,
        organizations=_named(conn, "organization", region_id),
        municipalities=_named(conn, "municipality", region_id),
    )
    found = conn.execute(_ROWS, {"root": root, "region": region_id}).fetchall()
    hold()
    by_offer, confirmed = statuses.result()
    return ListSnapshot(choices, _rows(found, category_names, by_offer, confirmed, statuses.missing))


class _StatusReader:
    """Every offer's status per language and its newest confirmation, read in a thread."""

    def __init__(self, path: Path, region_id: int, codes: list[str], hold: Callable[[], object]) -> None:
        self.path, self.region_id, self.hold = path, region_id, hold
        self.missing = dict.fromkeys(codes, shared_text(Status.MISSING.value))
        self.by_offer: dict[int, dict[str, str]] = {}
        self.confirmed: dict[int, date] = {}
        self.error: sqlite3.Error | None = None
        self.thread = threading.Thread(target=self._run, name="lotse-early-statuses", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            with closing(_connect(self.path)) as conn:
                conn.execute("BEGIN")
                self._read(conn)
        except sqlite3.Error as exc:
            self.error = exc

    def _read(self, conn: sqlite3.Connection) -> None:
        missing = self.missing
        found = conn.execute(_STATUSES, {"region": self.region_id}).fetchall()
        self.hold()
        pairs = StatusPairs(missing, _CODE_STATUS)
        for oid, joined in found:
            self.by_offer[oid] = pairs.into(dict(missing), (joined or "").split(_PAIRS))
        for oid, day in conn.execute(_CONFIRMED, {"region": self.region_id}):
            if day:
                self.confirmed[oid] = date.fromisoformat(day)

    def result(self) -> tuple[dict[int, dict[str, str]], dict[int, date]]:
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.by_offer, self.confirmed


def _named(conn: sqlite3.Connection, table: str, region_id: int) -> list[Choice]:
    query = f"SELECT id, name FROM {table} WHERE region_id = ? ORDER BY name"  # noqa: S608 (two fixed names)
    return [Choice(cid, name) for cid, name in conn.execute(query, (region_id,))]


def _utc(text: str) -> datetime:
    """As the column's type (SQLModel's UTCDateTime) reads it: stored in UTC, without an offset."""
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment.astimezone(UTC)


def _rows(
    found: list[tuple[Any, ...]],
    category_names: dict[int, str],
    by_offer: dict[int, dict[str, str]],
    confirmed: dict[int, date],
    missing: dict[str, str],
) -> list[OfferRow]:
    """As ``list_offers`` makes them (the same constructor)."""
    return [
        offer_row(
            values,
            category_names,
            by_offer.get(values[0]) or dict(missing),
            confirmed_on=confirmed.get(values[0]),
            read_time=_utc,
        )
        for values in found
    ]
