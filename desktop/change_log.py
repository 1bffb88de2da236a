"""The publish change log's triggers (table ``publish_change``, read by desktop/publish_changes.py):
which offers, pages and events changed since a publish, kept by the database itself on every
write to ``offer``, ``offer_text`` and ``offer_confirmation``, whatever code or tool wrote.

Two rows beside the items': item 0 holds the newest *mark* a publish took (SQLite), item -1 the
log's identity (negated, a random number drawn whenever the triggers are installed: a mark of
another database, or from before the triggers were installed again, is not trusted). A row is
noted only when its item has not been noted since the newest mark (a save that writes the offer,
its text and 14 statuses notes the offer once), and only for a change of a column publishing
reads (``PUBLISHED``; the others are listed in ``UNPUBLISHED``, a test keeps the two complete).

SQLite: numbers grow in commit order (one writer at a time); a mark is a number written in its
own transaction. PostgreSQL: a row holds the id of the transaction that wrote it
(``pg_current_xact_id``) and a mark is the oldest transaction still running when it is taken
(``pg_snapshot_xmin``): whatever the publish could not see is at or above it.

``install`` (re)creates the triggers; migration 4400 calls it, and every upgrade to the newest
schema calls ``ensure``, which installs them again when a migration that rebuilt a table (batch
mode on SQLite) dropped them.
"""

from __future__ import annotations

import secrets

from sqlalchemy import Connection

MARK = 0  # item id of the newest mark (SQLite)
LOG = -1  # item id of the log's identity (stored negated: it stays out of max(seq))

# (table, the item's id column, the columns a publish reads: a change to one of them is noted)
PUBLISHED: dict[str, tuple[str, tuple[str, ...]]] = {
    "offer": (
        "id",
        (
            "id",
            "region_id",
            "kind",
            "slug",
            "category_id",
            "organization_id",
            "street",
            "postcode",
            "town",
            "latitude",
            "longitude",
            "contacts",
            "opening_hours",
            "appointment_url",
            "barrier_free",
            "languages_spoken",
            "target_groups",
            "cost",
            "valid_from",
            "valid_until",
            "image_path",
            "state",
            "updated_at",
            "parent_id",
            "position",
            "icon",
            "event_start",
            "event_end",
            "all_day",
            "timezone",
            "rrule",
            "exdates",
            "moved",
            "place_id",
            "meeting_url",
            "cms_id",
        ),
    ),
    "offer_text": (
        "offer_id",
        (
            "offer_id",
            "language_code",
            "title",
            "summary",
            "content",
            "contact_areas",
            "status",
            "updated_at",
            "slug",
            "cms_id",
            "old_slugs",
        ),
    ),
    "offer_confirmation": ("offer_id", ("offer_id", "confirmed_on")),
}

# What no publish reads (a change to these alone is not noted). tests/test_change_log.py
# checks that every column is in one of the two lists and that changing one of these leaves
# a full publish's package as it was.
UNPUBLISHED: dict[str, tuple[str, ...]] = {
    "offer": (
        "municipality_id",
        "internal_notes",
        "age_min",
        "age_max",
        "version",
        "created_at",
        "updated_by",
        "ical_uid",
    ),
    "offer_text": (
        "id",
        "cost",
        "fingerprint",
        "review_status",
        "source_fingerprint",
        "source_language_code",
        "provider",
        "reviewed_by",
        "version",
        "updated_by",
    ),
    "offer_confirmation": ("id", "answer", "source", "author"),
}

EVENTS = ("insert", "update", "delete", "rekey")
TRIGGERS = frozenset(f"publish_change_{table}_{event}" for table in PUBLISHED for event in EVENTS)

_LARGEST = 9223372036854775807


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_note(item: str) -> str:
    return (
        f"INSERT INTO publish_change (item_id, seq) VALUES ({item}, "
        "(SELECT max(coalesce(max(seq), 0), 0) + 1 FROM publish_change)) "
        "ON CONFLICT (item_id) DO UPDATE SET seq = excluded.seq;"
    )


def _sqlite_unnoted(item: str) -> str:
    """True when ``item`` has not been noted since the newest mark (no mark row: always)."""
    return (
        f"coalesce((SELECT seq FROM publish_change WHERE item_id = {item}), 0) <= "
        f"coalesce((SELECT seq FROM publish_change WHERE item_id = {MARK}), {_LARGEST})"
    )


def _sqlite_triggers(table: str) -> dict[str, str]:
    key, columns = PUBLISHED[table]
    differs = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    name = f"publish_change_{table}"
    return {
        f"{name}_insert": (
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} "
            f"WHEN {_sqlite_unnoted(f'NEW.{key}')} BEGIN {_sqlite_note(f'NEW.{key}')} END"
        ),
        f"{name}_update": (
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(columns)} ON {table} "
            f"WHEN {_sqlite_unnoted(f'NEW.{key}')} AND ({differs}) BEGIN {_sqlite_note(f'NEW.{key}')} END"
        ),
        # A row moved to another item: the item it left changed too (rare; noted unconditionally).
        f"{name}_rekey": (
            f"CREATE TRIGGER {name}_rekey AFTER UPDATE OF {key} ON {table} "
            f"WHEN OLD.{key} IS NOT NEW.{key} BEGIN {_sqlite_note(f'OLD.{key}')} END"
        ),
        f"{name}_delete": (
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} "
            f"WHEN {_sqlite_unnoted(f'OLD.{key}')} BEGIN {_sqlite_note(f'OLD.{key}')} END"
        ),
    }


# --- PostgreSQL -----------------------------------------------------------------------------

_PG_NOTE = (
    "INSERT INTO publish_change (item_id, seq) VALUES ({item}, pg_current_xact_id()::text::bigint) "
    "ON CONFLICT (item_id) DO UPDATE SET seq = excluded.seq "
    "WHERE publish_change.seq IS DISTINCT FROM excluded.seq;"
)


# Deferred to the commit: a note locks its item's row in the log, and taken at each statement it
# met the rows of the item's texts in the other order (a save locks the offer, then its
# translations' statuses; a translation's save locks that text, then the note): a deadlock. At the
# commit the writer already holds every row it writes, so only the notes themselves can wait.
_DEFERRED = "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"


def _pg_statements(table: str) -> list[str]:
    key, columns = PUBLISHED[table]
    function = f"lotse_publish_change_{table}"
    # json has no equality on PostgreSQL: every column compared as text
    old = ", ".join(f"OLD.{c}::text" for c in columns)
    new = ", ".join(f"NEW.{c}::text" for c in columns)
    name = f"publish_change_{table}"
    run = f"EXECUTE FUNCTION {function}()"
    statements = [
        # SECURITY DEFINER: the log is written as its owner (a team member may only read it)
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR OLD.{key} IS DISTINCT FROM NEW.{key}) THEN
        {_PG_NOTE.format(item=f"OLD.{key}")}
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {_PG_NOTE.format(item=f"NEW.{key}")}
    END IF;
    RETURN NULL;
END $$""",
        f"CREATE CONSTRAINT TRIGGER {name}_insert AFTER INSERT ON {table} {_DEFERRED} {run}",
        f"CREATE CONSTRAINT TRIGGER {name}_update AFTER UPDATE OF {', '.join(columns)} ON {table} "
        f"{_DEFERRED} WHEN (({old}) IS DISTINCT FROM ({new})) {run}",
        f"CREATE CONSTRAINT TRIGGER {name}_delete AFTER DELETE ON {table} {_DEFERRED} {run}",
        # the update trigger notes a moved row's old item as well; this name keeps the set of
        # triggers the same on both databases (a rename of the key alone fires both: harmless)
        f"CREATE CONSTRAINT TRIGGER {name}_rekey AFTER UPDATE OF {key} ON {table} {_DEFERRED} "
        f"WHEN (OLD.{key} IS DISTINCT FROM NEW.{key}) EXECUTE FUNCTION {function}()",
    ]
    return statements


# --- both -----------------------------------------------------------------------------------


def present(connection: Connection) -> set[str]:
    """The change log's triggers the database has (enabled ones, on PostgreSQL)."""
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    else:
        rows = connection.exec_driver_sql(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgenabled <> 'D'"
        )
    return {row[0] for row in rows} & TRIGGERS


def drop(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    for table in PUBLISHED:
        for event in EVENTS:
            name = f"publish_change_{table}_{event}"
            connection.exec_driver_sql(
                f"DROP TRIGGER IF EXISTS {name}" if sqlite else f"DROP TRIGGER IF EXISTS {name} ON {table}"
            )
        if not sqlite:
            connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS lotse_publish_change_{table}()")


def _put(connection: Connection, item: int, value: str) -> None:
    connection.exec_driver_sql(
        f"INSERT INTO publish_change (item_id, seq) VALUES ({item}, {value}) "
        "ON CONFLICT (item_id) DO UPDATE SET seq = excluded.seq"
    )


def install(connection: Connection) -> None:
    """(Re)create the triggers under a new identity: the log is complete from now on (marks taken
    before are not trusted)."""
    drop(connection)
    sqlite = connection.dialect.name == "sqlite"
    for table in PUBLISHED:
        for statement in _sqlite_triggers(table).values() if sqlite else _pg_statements(table):
            connection.exec_driver_sql(statement)
    _put(connection, LOG, str(-(secrets.randbits(62) | 1)))
    if sqlite:  # every item is noted again at its next change
        _put(connection, MARK, "(SELECT max(coalesce(max(seq), 0), 0) + 1 FROM publish_change)")


def identity(connection: Connection) -> int | None:
    """The log's identity (None: no log here)."""
    stored = connection.exec_driver_sql(f"SELECT seq FROM publish_change WHERE item_id = {LOG}").scalar()
    return -int(stored) if stored is not None and stored < 0 else None


def ensure(connection: Connection) -> bool:
    """Install the triggers again if any is missing (after an upgrade: a migration that rebuilt
    a watched table dropped its triggers). True when they had to be installed."""
    if present(connection) == TRIGGERS:
        return False
    install(connection)
    return True
