"""What a reviewer decides about one translation: checked, approved, needs work, and
edits of single segments. Each goes through desktop.offers, so it keeps a revision."""

from __future__ import annotations

from sqlmodel import select

from models.blocks import join_blocks, replace_block, split_blocks
from models.i18n import N_
from models.revision_notes import stored_note
from models.richtext import clean_html
from models.status import Status
from models.tables import ReviewNote, utcnow

from ..changes import Changes, Kind, note
from ..db import Database
from ..errors import LotseError
from ..offers import TextData, get_offer, save_translation, set_review_status
from ..translation.text_parts import is_plain_part, note_values, text_values, with_plain_part


def mark_checked(
    db: Database, offer_id: int, language_code: str, *, author: str, expected_version: int | None = None
) -> TextData:
    """Plausible by back-translation and checks, judged by someone who need not read the language."""
    with db.transaction() as session:
        text = set_review_status(
            session,
            offer_id,
            language_code,
            Status.CHECKED.value,
            author=author,
            reviewed_by=author,
            expected_version=expected_version,
        )
        _resolve_notes(session, offer_id, language_code)
        return text


def mark_approved(
    db: Database,
    offer_id: int,
    language_code: str,
    *,
    author: str,
    confirmed_by: str,
    expected_version: int | None = None,
) -> TextData:
    """Confirmed by a fluent speaker, whose name is recorded."""
    if not confirmed_by.strip():
        raise LotseError(
            N_("Please say who confirmed the translation (the fluent speaker's name)."),
        )
    with db.transaction() as session:
        text = set_review_status(
            session,
            offer_id,
            language_code,
            Status.APPROVED.value,
            author=author,
            reviewed_by=confirmed_by.strip(),
            expected_version=expected_version,
            note=stored_note(N_("Approved by {name}", name=confirmed_by.strip())),
        )
        _resolve_notes(session, offer_id, language_code)
        return text


def send_back(db: Database, offer_id: int, language_code: str, *, author: str, comment: str) -> ReviewNote:
    """ "Needs work": the text stays a machine text, with the reviewer's comment beside it."""
    if not comment.strip():
        raise LotseError(
            N_("Please write briefly what needs doing on the translation."),
        )
    text = get_offer(db, offer_id).texts.get(language_code)
    with db.transaction() as session:
        if text and text.review_status in (Status.CHECKED.value, Status.APPROVED.value):
            set_review_status(
                session,
                offer_id,
                language_code,
                Status.MACHINE.value,
                author=author,
                note=stored_note(N_("Marked as needing work")),
            )
        comment_row = ReviewNote(
            offer_id=offer_id, language_code=language_code, comment=comment.strip(), author=author
        )
        session.add(comment_row)
        _note_review(session, offer_id, language_code)
        session.flush()
        session.refresh(comment_row)
        return comment_row


def undo_decision(
    db: Database,
    offer_id: int,
    language_code: str,
    before: TextData,
    *,
    author: str,
    note_id: int | None = None,
) -> TextData:
    """Put a text back as it was before a decision (and drop the note a send-back wrote)."""
    with db.transaction() as session:
        if note_id is not None:
            comment_row = session.get(ReviewNote, note_id)
            if comment_row is not None:
                session.delete(comment_row)
                _note_review(session, offer_id, language_code)
        return set_review_status(
            session,
            offer_id,
            language_code,
            before.review_status,
            author=author,
            reviewed_by=before.reviewed_by,
            source_fingerprint=before.source_fingerprint or "",
            note=stored_note(N_("Undone")),
        )


def open_notes(
    db: Database, offer_id: int | None = None, language_code: str | None = None
) -> list[ReviewNote]:
    with db.transaction() as session:
        query = select(ReviewNote).where(ReviewNote.resolved_at == None)  # noqa: E711
        if offer_id is not None:
            query = query.where(ReviewNote.offer_id == offer_id)
        if language_code is not None:
            query = query.where(ReviewNote.language_code == language_code)
        return list(session.exec(query.order_by(ReviewNote.id)))


def _note_review(session, offer_id: int, language_code: str) -> None:
    """A reviewer's note counts as a change of the text's status (the lists show it)."""
    note(session, Changes.of("offer", [offer_id], [Kind.STATUS], [language_code]))


def _resolve_notes(session, offer_id: int, language_code: str) -> None:
    for row in session.exec(
        select(ReviewNote).where(
            ReviewNote.offer_id == offer_id,
            ReviewNote.language_code == language_code,
            ReviewNote.resolved_at.is_(None),
        )
    ):
        row.resolved_at = utcnow()
        session.add(row)
        _note_review(session, offer_id, language_code)


def edit_segment(
    db: Database,
    offer_id: int,
    language_code: str,
    key: str,
    value: str,
    *,
    author: str,
    expected_version: int | None = None,
) -> TextData:
    """Replace one segment of a translation (title, summary, one content block, the cost or one
    contact's area) by hand.

    The text keeps its review status and the source version it was made from: an edit is
    not a decision; the reviewer marks it checked or approved afterwards.
    """
    offer = get_offer(db, offer_id)
    target = offer.texts[language_code]
    values = text_values(target)
    if is_plain_part(key):
        values = with_plain_part(values, key, value)
    elif key == "content":
        values["content"] = clean_html(value)
    elif key.startswith("content:"):
        blocks = split_blocks(target.content)
        index = int(key.split(":", 1)[1])
        if not 0 <= index < len(blocks):
            raise LotseError(
                N_("This text has no section {number}.", number=index + 1),
            )
        values["content"] = join_blocks(replace_block(blocks, index, clean_html(value)))
    else:
        raise ValueError(f"unknown segment {key!r}")
    status = target.review_status if target.review_status != Status.MISSING.value else Status.MACHINE.value
    return save_translation(
        db,
        offer_id,
        language_code,
        values,
        author=author,
        review_status=status,
        source_fingerprint=target.source_fingerprint,
        expected_version=expected_version,
        overwrite_reviewed=True,
        note=stored_note(N_("Edited {key}", **note_values(key, offer.facts.get("contacts")))),
    )


def restore_text(
    db: Database, offer_id: int, language_code: str, before: TextData, *, author: str
) -> TextData:
    """Put a translation back as it was before a re-translation: its words, its status and the
    source version it was made from (a new revision, so nothing is lost either way)."""
    return save_translation(
        db,
        offer_id,
        language_code,
        text_values(before),
        author=author,
        review_status=before.review_status,
        reviewed_by=before.reviewed_by,
        source_fingerprint=before.source_fingerprint,
        overwrite_reviewed=True,
        note=stored_note(N_("Re-translation undone")),
    )
