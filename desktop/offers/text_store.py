"""How texts are stored: by statements on the session's connection (same transaction), not
by the ORM's unit of work, which cost a save more than the statements themselves.

A stored text is a :class:`StoredText` (values read as a row). A change to it is held by the
row at once and written at the operation's flush (:func:`flush_texts`, as the ORM's unit of
work did: after the statuses, so a team database's audit keeps its order); then the session's
ORM object of that text, if some code loaded one, holds the stored values too. A new text is an
ORM row inserted at the caller's flush.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from models.i18n import N_
from models.tables import OfferText, utcnow

from .. import offer_statements as statements
from ..errors import ConflictError
from .data import StoredText, TextRow


def claim_text_version(session: Session, row: TextRow, expected_version: int) -> int:
    """Atomically move a text from ``expected_version`` to the next (the row holds it); a
    ConflictError if someone saved it in between (two editors reading the same version never both win)."""
    result = session.connection().execute(
        statements.CLAIM_TEXT_VERSION,
        {"claim_id": row.id, "expected": expected_version, "next_version": expected_version + 1},
    )
    if result.rowcount != 1:
        session.rollback()
        fresh = session.get(OfferText, row.id, populate_existing=True)
        raise ConflictError(
            N_("The text"), fresh.updated_by if fresh else "?", fresh.updated_at if fresh else None
        )
    hold_stored(session, row, {"version": expected_version + 1})
    return expected_version + 1


_TEXT_MAPPER = inspect(OfferText)


_PENDING = "lotse.pending_texts"


def update_text(session: Session, row: StoredText, values: Mapping[str, Any]) -> None:
    """Change a stored text: the row holds the values now; the columns that differ are written
    by one UPDATE at the operation's flush (:func:`flush_texts`), as the ORM's flush would."""
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(row, name, value)
        pending: dict[int, tuple[StoredText, dict[str, Any]]] = session.info.setdefault(_PENDING, {})
        pending.setdefault(row.id, (row, {}))[1].update(changed)


def flush_texts(session: Session) -> None:
    """Write the texts' changes the session holds (called before every flush and commit)."""
    pending = session.info.pop(_PENDING, None)
    for row, changed in (pending or {}).values():
        statements.TEXT_UPDATE.execute(session.connection(), {"text_id": row.id, **changed})
        hold_stored(session, row, changed)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    flush_texts(session)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)  # rolled back with the rest


def store_text(session: Session, row: TextRow, values: Mapping[str, Any]) -> None:
    """A stored text is updated now; a new one (an ORM row) is inserted at the caller's flush."""
    if isinstance(row, StoredText):
        update_text(session, row, values)
    else:
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)


def hold_stored(session: Session, row: TextRow, changed: Mapping[str, Any]) -> None:
    """``row`` holds values a statement stored; so does the session's ORM object of the same
    text, if some code loaded one (it must not go on showing the old values)."""
    target: Any = row
    if isinstance(row, StoredText):
        for name, value in changed.items():
            setattr(row, name, value)
        if not session.identity_map:  # a save's own session holds no ORM objects: nothing to look up
            return
        target = session.identity_map.get(_TEXT_MAPPER.identity_key_from_primary_key((row.id,)))
        if target is None:
            return
    for name, value in changed.items():
        set_committed_value(target, name, value)


def insert_revision(session: Session, row: TextRow, *, minor: bool, author: str, note: str) -> None:
    """The revision of a text as it is now. Revisions are only ever written, never read back
    in the session that writes them: a plain INSERT (same transaction), not an ORM object."""
    statements.REVISION_INSERT.execute(
        session.connection(),
        {
            "offer_id": row.offer_id,
            "language_code": row.language_code,
            "title": row.title,
            "summary": row.summary,
            "content": row.content,
            "cost": row.cost,
            "contact_areas": dict(row.contact_areas or {}),
            "fingerprint": row.fingerprint,
            "review_status": row.review_status,
            "source_fingerprint": row.source_fingerprint,
            "minor": minor,
            "author": author,
            "created_at": utcnow(),
            "note": note,
        },
    )


def as_stored_now(session: Session, row: TextRow) -> TextRow:
    """The text as the database holds it after the writes (a team database's triggers set
    who changed and who reviewed it)."""
    flush_texts(session)
    session.flush()
    if isinstance(row, StoredText):
        found = session.connection().execute(statements.TEXT_BY_ID, {"text_id": row.id}).one()
        return StoredText(*found)
    session.refresh(row)
    return row


def store_statuses(session: Session, statuses: list[tuple[TextRow, str]]) -> None:
    """New effective statuses: of stored texts in one UPDATE per new status, of new ones at the flush."""
    stored: dict[str, list[int]] = {}
    for row, status in statuses:
        if isinstance(row, StoredText) or inspect(row).persistent:
            assert row.id is not None  # stored: it has its id
            stored.setdefault(status, []).append(row.id)
            hold_stored(session, row, {"status": status})
        else:
            row.status = status
            session.add(row)
    for status, ids in stored.items():
        values = {f"id{index}": text_id for index, text_id in enumerate(ids)}
        statements.status_update(len(ids)).execute(session.connection(), {"new_status": status, **values})
