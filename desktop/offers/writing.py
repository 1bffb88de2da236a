"""Writing offers: create, save (optimistic locking, revisions), change the state,
duplicate, delete. Each function is one transaction: its own on a ``Database``, the
caller's on a ``Session`` (importers write many offers at once)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, select

from models.contact_keys import KEY, adopt_keys, areas_by_key, contact_keys, without_keys
from models.content_words import copy_title
from models.i18n import N_
from models.offer_fields import stored_offer
from models.revision_notes import stored_note
from models.slugs import slugify, unique_slug
from models.tables import Offer, OfferRevision, OfferText, PublicationState, Region, TextRevision, utcnow
from models.validation import check_offer_facts, check_text

from .. import offer_statements as statements
from ..changes import Changes, Kind
from ..changes import note as note_change
from ..db import Database, within
from ..errors import ConflictError, ValidationFailed
from ..regions import current_region, language_tree, tree_of
from .data import OfferData, OfferLike, StoredOffer, TextRow, facts_of, jsonable_facts, normalise_facts
from .reading import box_of, hold_offer, load_offer, load_offer_with_box, offer_data, texts_by_language
from .text_store import flush_texts
from .texts import ITEM_KIND, TextWrite, refresh_statuses, write_text

CREATED_NOTE = stored_note(N_("Created"))


@dataclass(frozen=True)
class OfferWrite:
    """What a save changes: facts (only the given ones) and/or texts per language."""

    author: str
    facts: dict[str, Any] | None = None
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)
    minor: bool = False
    validate: bool = True
    note: str = ""  # on the revisions it writes ("import liste.csv, row 4", "Restored revision 7")


def _check(
    facts: dict,
    texts: dict[str, dict],
    root: str,
    box,
    draft: bool,
    stored: dict | None = None,
) -> None:
    """The checks of what a save brings. Facts it leaves as they are (a text save) are not
    checked again, as stored phone numbers and hours are not: publishing checks every value."""
    problems = [] if facts == stored else check_offer_facts(facts, box, draft=draft, stored=stored)
    root_text = texts.get(root)
    if root_text is not None:
        problems += check_text(
            root_text.get("title"), root_text.get("summary"), root_text.get("content"), draft=draft
        )
    if problems:
        raise ValidationFailed(problems)


def _in_step(
    facts: dict[str, Any],
    texts: dict[str, dict[str, Any]],
    root: str,
    stored: TextRow | None,
    current: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The cost and the contacts' areas are the source text's words and, as before they were
    texts, facts: keep both in step. What the source text gives wins; facts given alone (an
    import, a provider's reply) become the source text's words (its other words kept)."""
    facts, texts = dict(facts), {code: dict(values) for code, values in texts.items()}
    current = current or {}
    if "contacts" in facts:  # a new contact gets its key here, before any area is matched to it
        facts["contacts"] = adopt_keys(facts["contacts"], current.get("contacts"))
    contacts = facts.get("contacts", current.get("contacts")) or []
    for values in texts.values():
        # Areas given by position (an older caller, a draft from before the keys) meant these contacts.
        if "contact_areas" in values and not isinstance(values["contact_areas"], Mapping):
            values["contact_areas"] = areas_by_key(values["contact_areas"], contacts)
    text = texts.get(root)
    if text is not None and "cost" in text and (text["cost"] or None) != current.get("cost", ...):
        facts["cost"] = text["cost"] or None
    if text is not None and "contact_areas" in text:
        areas = areas_by_key(text["contact_areas"], contacts)
        # The source text has areas of its contacts only (a deleted contact's area goes with it).
        text["contact_areas"] = {key: areas[key] for key in contact_keys(contacts) if key in areas}
        keyed = [{**c, "area_of_responsibility": areas.get(c.get(KEY) or "") or None} for c in contacts]
        if keyed != current.get("contacts"):
            facts["contacts"] = keyed
    words: dict[str, Any] = {}
    if "cost" in facts and (text is None or "cost" not in text):
        words["cost"] = facts["cost"] or ""
    if "contacts" in facts and (text is None or "contact_areas" not in text):
        words["contact_areas"] = {
            c[KEY]: (c or {}).get("area_of_responsibility") or "" for c in facts["contacts"] or []
        }
    if words and text is None and stored is not None:
        text = texts[root] = {"title": stored.title, "summary": stored.summary, "content": stored.content}
    if words and text is not None:
        text.update(words)
    return facts, texts


def _root(tree: dict[str, str | None]) -> str:
    return next(c for c, s in tree.items() if s is None)


def _bump_offer_version(
    session: Session, offer: OfferLike, expected_version: int | None, author: str
) -> None:
    """Atomically claim the next version; fail with a ConflictError if someone was faster."""
    if expected_version is None:
        expected_version = offer.version
    now = utcnow()
    # On the session's connection: a plain UPDATE, without the ORM's bulk-update machinery.
    result = session.connection().execute(
        statements.CLAIM_OFFER_VERSION,
        {
            "claim_id": offer.id,
            "expected": expected_version,
            "next_version": expected_version + 1,
            "now": now,
            "author": author,
        },
    )
    if result.rowcount != 1:
        session.rollback()
        fresh = session.get(Offer, offer.id, populate_existing=True)
        raise ConflictError(
            N_("The offer"),
            fresh.updated_by if fresh else "?",
            fresh.updated_at if fresh else None,
        )
    # The new values are known: set them as loaded, without another SELECT or UPDATE.
    hold_offer(session, offer, {"version": expected_version + 1, "updated_at": now, "updated_by": author})


def claim_and_read_offer(
    session: Session, offer_id: int, expected_version: int, author: str
) -> tuple[StoredOffer, Any, dict[str, str | None]]:
    """Claim the offer's next version (a ConflictError if someone was faster) and read it as
    values with its region's box and language tree: one statement (changes the session holds
    are flushed first, as an ORM query's autoflush would)."""
    if session.autoflush:
        flush_texts(session)
        session.flush()
    now = utcnow()
    rows = statements.CLAIM_AND_READ.rows(
        session.connection(),
        {
            "claim_id": offer_id,
            "expected": expected_version,
            "next_version": expected_version + 1,
            "now": now,
            "author": author,
        },
    )
    found = rows[0] if rows else None
    if found is None:
        session.rollback()
        fresh = session.get(Offer, offer_id, populate_existing=True)
        if fresh is None:
            load_offer(session, offer_id)  # raises NotFoundError
        raise ConflictError(
            N_("The offer"), fresh.updated_by if fresh else "?", fresh.updated_at if fresh else None
        )
    *values, lon_min, lat_min, lon_max, lat_max, tree = found
    offer = stored_offer(values)
    # The values as the ORM path held them (the datetime given, not the one read back).
    hold_offer(session, offer, {"version": expected_version + 1, "updated_at": now, "updated_by": author})
    return offer, box_of((lon_min, lat_min, lon_max, lat_max)), tree_of(tree)


def _write_texts(
    session: Session,
    offer: OfferLike,
    change: OfferWrite,
    tree: dict[str, str | None],
    texts: dict[str, TextRow],
) -> None:
    for code in [c for c in tree if c in change.texts]:
        write = TextWrite.of(
            code, change.texts[code], author=change.author, minor=change.minor, note=change.note
        )
        write_text(session, offer.id, write, tree, texts)


def create_offer(
    target: Database | Session,
    facts: dict[str, Any],
    texts: dict[str, dict[str, str]],
    *,
    author: str,
    region: Region | None = None,
    region_slug: str | None = None,
    slug: str | None = None,
    validate: bool = True,
    note: str = CREATED_NOTE,
    taken_slugs: set[str] | None = None,
) -> OfferData:
    """A new offer. A draft may be incomplete; a published one must pass every check.
    An import creating thousands passes the region's slugs once in ``taken_slugs`` (the new
    one is added): reading them per offer made importing grow with the square of the rows."""
    with within(target) as session:
        region = region or current_region(session, region_slug)
        tree = language_tree(session, region.id)
        root = _root(tree)
        facts, texts = _in_step(facts, texts, root, None)
        facts = normalise_facts({"state": "draft", **facts})
        if validate:
            _check(facts, texts, root, region.bounding_box, draft=facts["state"] != "published")
        taken = (
            taken_slugs
            if taken_slugs is not None
            else set(session.exec(select(Offer.slug).where(Offer.region_id == region.id)))
        )
        base = slug or slugify((texts.get(root) or {}).get("title") or "angebot")
        offer = Offer(region_id=region.id, slug=unique_slug(base, taken), updated_by=author, **facts)
        taken.add(offer.slug)
        session.add(offer)
        session.flush()
        texts_now: dict[str, TextRow] = {}  # filled by the writes: a new offer has nothing to read back
        _write_texts(session, offer, OfferWrite(author, texts=texts), tree, texts_now)
        session.add(
            OfferRevision(
                offer_id=offer.id,
                offer_version=offer.version,
                facts=jsonable_facts(facts),
                author=author,
                note=note,
            )
        )
        refresh_statuses(session, offer.id, region.id, tree=tree, texts=texts_now)
        note_change(session, Changes.of(ITEM_KIND, [offer.id], [Kind.STRUCTURE, Kind.FACTS], texts_now))
        session.flush()
        return offer_data(session, offer, tree=tree, texts=texts_now)


def insert_offer(
    session: Session, region: Region, facts: dict[str, Any], texts: dict[str, dict[str, str]], **how
) -> OfferData:
    """:func:`create_offer` in the caller's transaction, as the importers call it."""
    return create_offer(session, facts, texts, region=region, **how)


def save_offer(
    target: Database | Session,
    offer_id: int,
    *,
    expected_version: int,
    author: str,
    facts: dict[str, Any] | None = None,
    texts: dict[str, dict[str, str]] | None = None,
    minor: bool = False,
    validate: bool = True,
    note: str = "",
) -> OfferData:
    """Save facts and/or texts over ``expected_version``; a stale version raises ConflictError.
    ``note``: on every revision the save writes (a stored message, models/revision_notes.py)."""
    return write_offer(
        target,
        offer_id,
        OfferWrite(author, facts=facts, texts=texts or {}, minor=minor, validate=validate, note=note),
        expected_version=expected_version,
    )


def write_offer(
    target: Database | Session, offer_id: int, change: OfferWrite, *, expected_version: int
) -> OfferData:
    """:func:`save_offer` with the change as one value."""
    with within(target) as session:
        # A save of texts claims the version and reads the offer as values in one statement; one
        # that changes facts reads the ORM object (the flush writes it) and claims it after the check.
        offer: OfferLike
        claimed = not change.facts and expected_version is not None  # None: no check (old callers)
        if claimed:
            offer, box, tree = claim_and_read_offer(session, offer_id, expected_version, change.author)
        else:
            offer, box = load_offer_with_box(session, offer_id)
            tree = language_tree(session, offer.region_id)
        root = _root(tree)
        merged = facts_of(offer)
        stored_facts = dict(merged)
        # The texts are read once: for the check, the writes and the statuses (no query per language).
        texts_now = texts_by_language(session, offer.id)
        given, words = _in_step(change.facts or {}, change.texts, root, texts_now.get(root), merged)
        change = replace(change, facts=given or None, texts=words)
        if change.facts and not isinstance(offer, Offer):
            offer = load_offer(session, offer_id)  # the source text's cost or areas became facts
        if change.facts:
            merged.update(normalise_facts(change.facts))
        if change.validate:
            current = texts_now.get(root)
            root_values = change.texts.get(root) or (
                {"title": current.title, "summary": current.summary, "content": current.content}
                if current
                else {}
            )
            draft = merged["state"] != "published"
            _check(merged, {root: root_values}, root, box, draft, stored_facts)
        if not claimed:
            _bump_offer_version(session, offer, expected_version, change.author)
        if change.facts:
            for name, value in merged.items():
                setattr(offer, name, value)
            session.add(offer)
            session.add(
                OfferRevision(
                    offer_id=offer.id,
                    offer_version=offer.version,
                    facts=jsonable_facts(merged),
                    author=change.author,
                    note=change.note,
                )
            )
            note_change(session, Changes.of(ITEM_KIND, [offer.id], [Kind.FACTS]))
        _write_texts(session, offer, change, tree, texts_now)
        refresh_statuses(session, offer.id, offer.region_id, tree=tree, texts=texts_now)
        flush_texts(session)  # the texts after the statuses, as the ORM's flush wrote them
        session.flush()
        return offer_data(session, offer, tree=tree, texts=texts_now)


def set_state(
    target: Database | Session, offer_id: int, state: str, *, author: str, expected_version: int
) -> OfferData:
    """Publish, unpublish (draft), archive or restore an offer."""
    return save_offer(
        target,
        offer_id,
        expected_version=expected_version,
        author=author,
        facts={"state": state},
        validate=state == PublicationState.PUBLISHED.value,
    )


def duplicate_offer(target: Database | Session, offer_id: int, *, author: str) -> OfferData:
    """A draft copy with the same facts and the source-language text (translations are not copied);
    its title says it is a copy in the source text's language, not the interface's."""
    with within(target) as session:
        original = load_offer(session, offer_id)
        root = _root(language_tree(session, original.region_id))
        text = texts_by_language(session, offer_id).get(root)
        texts = (
            {root: {"title": copy_title(text.title, root), "summary": text.summary, "content": text.content}}
            if text
            else {}
        )
        # The copy's contacts get keys of their own; its source text's areas follow from the facts.
        facts = {
            **facts_of(original),
            "state": PublicationState.DRAFT.value,
            "contacts": without_keys(original.contacts),
        }
        region = session.get(Region, original.region_id)
        return create_offer(session, facts, texts, author=author, region=region, validate=False)


def delete_offer(target: Database | Session, offer_id: int, *, expected_version: int | None = None) -> None:
    """Delete an offer with its texts and revisions, for good."""
    with within(target) as session:
        offer = load_offer(session, offer_id)
        if expected_version is not None and offer.version != expected_version:
            raise ConflictError(N_("The offer"), offer.updated_by, offer.updated_at)
        # One statement per table, children first: deleting them as ORM objects let the unit of
        # work delete the offer first (no relationships tell it the order), the database's
        # cascade removed the texts, and the ORM's own DELETE then matched nothing (a warning).
        for model in (TextRevision, OfferRevision, OfferText):
            session.exec(delete(model).where(model.offer_id == offer_id))
        session.delete(offer)
        note_change(session, Changes.of(ITEM_KIND, [offer_id], [Kind.STRUCTURE]))


def set_states(target: Database | Session, offer_ids: list[int], state: str, *, author: str) -> list[int]:
    """:func:`set_state` for several offers, all or none; returns the ids that changed."""
    changed = []
    with within(target) as session:
        for offer_id in offer_ids:
            offer = load_offer(session, offer_id)
            if offer.state != state:
                set_state(session, offer_id, state, author=author, expected_version=offer.version)
                changed.append(offer_id)
    return changed


def delete_offers(target: Database | Session, offer_ids: list[int]) -> None:
    """:func:`delete_offer` for several offers, all or none."""
    with within(target) as session:
        for offer_id in offer_ids:
            delete_offer(session, offer_id)
