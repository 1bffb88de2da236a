"""The texts of an item in its languages and their status: writing a text (with its
revision), storing a translation, review decisions, the effective status per language.

Nothing here needs an offer's facts: the functions take the item's id and region (an
:class:`ItemRef`; an ``Offer`` row is one), so other content kinds can share them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlmodel import Session

from models.i18n import N_
from models.revision_notes import status_note, stored_note
from models.richtext import clean_html, clean_plain, fingerprint
from models.status import Status, statuses_for_offer
from models.tables import OfferText, utcnow

from ..changes import Changes, Kind
from ..changes import note as note_change
from ..db import Database, within
from ..errors import ConflictError, LotseError, NotFoundError, ReviewedTextProtected
from ..regions import language_tree
from .data import TextData, TextRow, text_data
from .reading import load_offer, texts_by_language
from .text_store import as_stored_now, claim_text_version, insert_revision, store_statuses, store_text

ITEM_KIND = "offer"


class ItemRef(Protocol):
    """What the text functions need of the item the texts belong to."""

    @property
    def id(self) -> int: ...

    @property
    def region_id(self) -> int: ...


@dataclass(frozen=True)
class TextWrite:
    """One text to store: its words and how it is stored (instead of fourteen parameters)."""

    language_code: str
    title: str | None = ""
    summary: str | None = ""
    content: str | None = ""
    cost: str | None = None  # None: keep the stored one (a writer that does not know it)
    contact_areas: Mapping[str, str | None] | None = None  # by contact key; None: keep the stored ones
    author: str = ""
    minor: bool = False  # a typo fix: translations made from the old wording stay current
    review_status: str | None = None  # None: keep the stored one
    source_fingerprint: str | None = None
    provider: str | None = None
    reviewed_by: str | None = None
    expected_version: int | None = None  # optimistic locking of the text itself
    note: str = ""

    @classmethod
    def of(cls, language_code: str, values: Mapping[str, Any], **how) -> TextWrite:
        return cls(
            language_code,
            values.get("title"),
            values.get("summary"),
            values.get("content"),
            values.get("cost"),
            values.get("contact_areas"),
            **how,
        )


def clean_areas(areas: Mapping[str, str | None]) -> dict[str, str]:
    """The contacts' areas as stored: by contact key (``models.contact_keys``), cleaned, the
    empty ones left out. A list (areas by position) cannot be stored: the caller matches it to
    its contacts first (``areas_by_key``)."""
    if not isinstance(areas, Mapping):
        raise TypeError("contact areas are stored by contact key, not by position")
    cleaned = {str(k): clean_plain(a) for k, a in areas.items()}
    return {k: a for k, a in sorted(cleaned.items()) if a}


def write_text(
    session: Session,
    item_id: int,
    write: TextWrite,
    tree: dict[str, str | None],
    texts: dict[str, TextRow],
) -> TextRow | None:
    """Store one text and its revision; carry children forward on a minor edit.

    ``texts`` are the item's texts by language as the caller read them (once, for every
    language it writes); a new text is added to it. The caller flushes once for everything.
    Returns None when nothing changed (no revision, no new version)."""
    code = write.language_code
    if code not in tree:
        raise LotseError(
            N_("The language “{code}” is not one of the region's. Add it in the settings.", code=code),
        )
    row: TextRow | None = texts.get(code)
    title, summary = clean_plain(write.title), clean_plain(write.summary)
    # The editor hands every part back: content as it is stored was cleaned when it was stored
    # (cleaning again changes nothing), so nh3 runs only on content that differs.
    content = row.content if row is not None and write.content == row.content else clean_html(write.content)
    kept_cost, kept_areas = (row.cost, row.contact_areas) if row is not None else ("", {})
    cost = kept_cost or "" if write.cost is None else clean_plain(write.cost)
    areas = dict(kept_areas or {}) if write.contact_areas is None else clean_areas(write.contact_areas)
    if row is not None and write.expected_version is not None and row.version != write.expected_version:
        raise ConflictError(N_("The text"), row.updated_by, row.updated_at)
    words = (title, summary, content, cost, areas)
    unchanged = row is not None and (
        (row.title, row.summary, row.content, row.cost, dict(row.contact_areas or {})) == words
    )
    if (
        row is not None
        and unchanged
        and write.review_status in (None, row.review_status)
        and write.source_fingerprint in (None, row.source_fingerprint)
    ):
        return None
    old_fp = row.fingerprint if row is not None else None
    new_fp = fingerprint(*words)
    values: dict[str, Any] = {
        "title": title,
        "summary": summary,
        "content": content,
        "fingerprint": new_fp,
        "cost": cost,
        "contact_areas": areas,
    }
    if tree[code] is None:
        values.update(review_status=Status.SOURCE.value, source_fingerprint=None, source_language_code=None)
    else:
        if write.review_status is not None:
            values["review_status"] = Status(write.review_status).value
        if write.source_fingerprint is not None:
            values["source_fingerprint"] = write.source_fingerprint
        values["source_language_code"] = tree[code]
    if write.provider is not None:
        values["provider"] = write.provider
    if write.reviewed_by is not None:
        values["reviewed_by"] = write.reviewed_by
    if row is not None and row.id is not None and write.expected_version is not None:
        claim_text_version(session, row, write.expected_version)
    else:
        values["version"] = (row.version if row is not None else 0) + 1
    values.update(updated_at=utcnow(), updated_by=write.author)
    if row is None:  # a new text, made with its values at once (half the cost of setting them one by one)
        row = OfferText(offer_id=item_id, language_code=code, **values)
        session.add(row)
    else:
        store_text(session, row, values)
    insert_revision(session, row, minor=write.minor, author=write.author, note=write.note)
    if write.minor and old_fp and old_fp != new_fp:
        # A minor edit (typo, formatting) keeps every translation made from the old wording current.
        for child_code, parent in tree.items():
            child = texts.get(child_code) if parent == code else None
            if child is not None and child.source_fingerprint == old_fp:
                store_text(session, child, {"source_fingerprint": new_fp})
    texts[code] = row
    note_change(session, Changes.of(ITEM_KIND, [item_id], [Kind.TEXT], [code]))
    return row


def refresh_statuses(
    session: Session,
    offer_id: int,
    region_id: int,
    *,
    tree: dict[str, str | None] | None = None,
    texts: dict[str, TextRow] | None = None,
) -> dict[str, Status]:
    """Recompute the stored effective status of every text of one item (a save passes what it holds)."""
    tree = language_tree(session, region_id) if tree is None else tree
    texts = texts_by_language(session, offer_id) if texts is None else texts
    entries = {
        code: (bool(row.title or row.content), row.review_status, row.source_fingerprint, row.fingerprint)
        for code, row in texts.items()
        if code in tree
    }
    statuses = statuses_for_offer(tree, entries)
    changed = {
        code: new.value
        for code, row in texts.items()
        if (new := statuses.get(code)) is not None and row.status != new.value
    }
    store_statuses(session, [(texts[code], status) for code, status in changed.items()])
    if changed:
        note_change(session, Changes.of(ITEM_KIND, [offer_id], [Kind.STATUS], changed))
    return statuses


def _item(session: Session, item: int | ItemRef) -> ItemRef:
    return load_offer(session, item) if isinstance(item, int) else item


def save_translation(
    target: Database | Session,
    offer: int | ItemRef,
    language_code: str,
    values: Mapping[str, Any],
    *,
    author: str,
    review_status: str,
    source_fingerprint: str | None = None,
    provider: str | None = None,
    reviewed_by: str | None = None,
    expected_version: int | None = None,
    overwrite_reviewed: bool = False,
    note: str = "",
) -> TextData:
    """Store a translation (machine-made, typed or imported) for one language, in one
    transaction (the caller's when ``target`` is a session: imports store many at once).

    ``source_fingerprint`` defaults to the current fingerprint of the source text,
    i.e. "made from the source as it is now". A machine translation never replaces
    a text a person has checked or approved unless ``overwrite_reviewed`` is set.
    """
    with within(target) as session:
        item = _item(session, offer)
        tree = language_tree(session, item.region_id)
        texts = texts_by_language(session, item.id)
        write_translation(
            session,
            item,
            language_code,
            values,
            TranslationWrite(
                tree,
                texts,
                author=author,
                review_status=review_status,
                source_fingerprint=source_fingerprint,
                provider=provider,
                reviewed_by=reviewed_by,
                expected_version=expected_version,
                overwrite_reviewed=overwrite_reviewed,
                note=note,
            ),
        )
        return text_data(as_stored_now(session, texts[language_code]), language_code)


@dataclass
class TranslationWrite:
    """How :func:`write_translation` stores, and what the caller read for it: the region's
    language tree and the item's texts by language (in the caller's transaction)."""

    tree: dict[str, str | None]
    texts: dict[str, TextRow]
    author: str
    review_status: str
    source_fingerprint: str | None = None
    provider: str | None = None
    reviewed_by: str | None = None
    expected_version: int | None = None
    overwrite_reviewed: bool = False
    note: str = ""


def write_translation(
    session: Session, item: ItemRef, language_code: str, values: Mapping[str, Any], how: TranslationWrite
) -> None:
    """:func:`save_translation` inside the caller's transaction, with the language tree and the
    item's texts the caller read (a translation batch reads them once for a group of texts, and
    needs no text read back: a new text is inserted at the caller's flush). Refuses a machine
    text over a reviewed one (:class:`ReviewedTextProtected`) before it writes anything."""
    tree, texts = how.tree, how.texts
    source_code = tree.get(language_code)
    if language_code in tree and source_code is None:
        raise LotseError(
            N_("The source language's text is not a translation; edit it in the editor."),
        )
    existing = texts.get(language_code)
    if (
        existing is not None
        and how.review_status == Status.MACHINE.value
        and existing.review_status in (Status.CHECKED.value, Status.APPROVED.value)
        and not how.overwrite_reviewed
    ):
        raise ReviewedTextProtected(
            language_code, existing.reviewed_by or existing.updated_by, existing.review_status
        )
    source_fingerprint = how.source_fingerprint
    if source_fingerprint is None:
        source = texts.get(source_code) if source_code else None
        source_fingerprint = source.fingerprint if source else None
    write = TextWrite.of(
        language_code,
        values,
        author=how.author,
        review_status=how.review_status,
        source_fingerprint=source_fingerprint,
        provider=how.provider,
        reviewed_by=how.reviewed_by,
        expected_version=how.expected_version,
        note=how.note,
    )
    write_text(session, item.id, write, tree, texts)
    refresh_statuses(session, item.id, item.region_id, tree=tree, texts=texts)


def set_review_status(
    target: Database | Session,
    offer_id: int,
    language_code: str,
    review_status: str,
    *,
    author: str,
    reviewed_by: str | None = None,
    expected_version: int | None = None,
    note: str = "",
    source_fingerprint: str | None = None,
) -> TextData:
    """Mark a translation checked, approved, in translation or back to machine.

    Marking a text checked or approved means it was reviewed against the source as
    it is now, so the text's source fingerprint moves to the current source, unless
    ``source_fingerprint`` is given (undoing a decision puts the old one back).
    """
    with within(target) as session:
        item = load_offer(session, offer_id)
        tree = language_tree(session, item.region_id)
        texts = texts_by_language(session, item.id)
        row = texts.get(language_code)
        if row is None or not (row.title or row.content):
            raise NotFoundError(
                N_(
                    "Offer {offer_id} has no text in “{language_code}” yet.",
                    offer_id=offer_id,
                    language_code=language_code,
                ),
            )
        if expected_version is not None and row.version != expected_version:
            raise ConflictError(N_("The text"), row.updated_by, row.updated_at)
        status = Status(review_status)
        claimed = (
            claim_text_version(session, row, expected_version)
            if expected_version is not None
            else row.version + 1
        )
        values: dict[str, Any] = {"review_status": status.value}
        if source_fingerprint is not None:
            values.update(source_fingerprint=source_fingerprint, reviewed_by=reviewed_by)
        elif status in (Status.CHECKED, Status.APPROVED):
            source = texts.get(tree.get(language_code) or "")
            if source is not None:
                values["source_fingerprint"] = source.fingerprint
            values["reviewed_by"] = reviewed_by or author
        values.update(version=claimed, updated_at=utcnow(), updated_by=author)
        store_text(session, row, values)
        insert_revision(
            session, row, minor=True, author=author, note=note or stored_note(status_note(status.value))
        )
        note_change(session, Changes.of(ITEM_KIND, [item.id], [Kind.STATUS], [language_code]))
        refresh_statuses(session, item.id, item.region_id, tree=tree, texts=texts)
        return text_data(as_stored_now(session, row), language_code)
