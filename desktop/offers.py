"""Operations on offers: list, show, create, save (with optimistic locking and
revisions), texts and their status, archive, duplicate, delete.

Every function takes an open :class:`~desktop.db.Database` and does its work in
one transaction, so a failure leaves nothing half-written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, inspect
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from models.i18n import N_
from models.richtext import clean_html, clean_plain, fingerprint
from models.slugs import slugify, unique_slug
from models.status import Status, statuses_for_offer
from models.tables import (
    Category,
    Municipality,
    Offer,
    OfferRevision,
    OfferText,
    Organization,
    PublicationState,
    Region,
    TextRevision,
    utcnow,
)
from models.validation import check_offer_facts, check_text

from . import offer_statements as statements
from .db import Database
from .errors import ConflictError, LotseError, NotFoundError, ReviewedTextProtected, ValidationFailed
from .regions import current_region, language_tree

# The language-independent facts of an offer, as the editor and the importers pass them.
FACT_FIELDS = (
    "category_id",
    "organization_id",
    "municipality_id",
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
    "internal_notes",
    "state",
)
TEXT_FIELDS = ("title", "summary", "content")


@dataclass
class OfferRow:
    """One line of the offer list: plain values, cheap to hold 10,000 of."""

    id: int
    slug: str
    title: str
    category: str
    category_id: int | None
    municipality: str
    municipality_id: int | None
    organization: str
    organization_id: int | None
    state: str
    town: str
    street: str
    updated_at: datetime | None
    version: int
    statuses: dict[str, str] = field(default_factory=dict)


@dataclass
class TextData:
    language_code: str
    title: str = ""
    summary: str = ""
    content: str = ""
    status: str = Status.MISSING.value
    review_status: str = Status.MACHINE.value
    fingerprint: str = ""
    source_fingerprint: str | None = None
    source_language_code: str | None = None
    provider: str | None = None
    reviewed_by: str | None = None
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str = ""


@dataclass
class OfferData:
    """An offer with all its texts, detached from the database."""

    id: int
    region_id: int
    slug: str
    version: int
    facts: dict[str, Any]
    texts: dict[str, TextData]
    updated_at: datetime | None
    updated_by: str
    created_at: datetime | None


def facts_of(offer: Offer) -> dict[str, Any]:
    return {name: getattr(offer, name) for name in FACT_FIELDS}


def _jsonable_facts(facts: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in facts.items()}


def _parse_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def normalise_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Clean values the way they are stored: trimmed strings, None for empty, dates parsed."""
    unknown = set(facts) - set(FACT_FIELDS)
    if unknown:
        raise ValueError(f"unknown offer fields: {sorted(unknown)}")
    out: dict[str, Any] = {}
    for name, value in facts.items():
        if name in ("valid_from", "valid_until"):
            value = _parse_date(value)
        elif name in ("contacts",):
            value = [
                {k: (str(v).strip() or None) if v is not None else None for k, v in c.items()}
                for c in (value or [])
                if any((v or "").strip() if isinstance(v, str) else v for v in c.values())
            ]
        elif name in ("languages_spoken", "target_groups"):
            value = [str(v) for v in (value or [])]
        elif name == "internal_notes":
            value = (value or "").strip()
        elif name == "state":
            value = PublicationState(value or "draft").value
        elif isinstance(value, str):
            value = value.strip() or None
        out[name] = value
    return out


def _text_data(row: OfferText | None, code: str) -> TextData:
    if row is None:
        return TextData(language_code=code)
    return TextData(
        language_code=code,
        title=row.title,
        summary=row.summary,
        content=row.content,
        status=row.status,
        review_status=row.review_status,
        fingerprint=row.fingerprint,
        source_fingerprint=row.source_fingerprint,
        source_language_code=row.source_language_code,
        provider=row.provider,
        reviewed_by=row.reviewed_by,
        version=row.version,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )


def _load_offer(session: Session, offer_id: int) -> Offer:
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFoundError(
            N_("There is no offer with id {offer_id}. “lotse offers list” shows all ids.", offer_id=offer_id),
        )
    return offer


def _texts_by_language(session: Session, offer_id: int) -> dict[str, OfferText]:
    rows = session.execute(statements.OFFER_TEXTS, {"offer_id": offer_id}).scalars()
    return {row.language_code: row for row in rows}


def offer_data(
    session: Session,
    offer: Offer,
    *,
    tree: dict[str, str | None] | None = None,
    texts: dict[str, OfferText] | None = None,
) -> OfferData:
    """The offer with its texts; a save passes the language tree and texts it already holds."""
    tree = language_tree(session, offer.region_id) if tree is None else tree
    texts = _texts_by_language(session, offer.id) if texts is None else texts
    codes = list(tree) + [c for c in texts if c not in tree]
    return OfferData(
        id=offer.id,
        region_id=offer.region_id,
        slug=offer.slug,
        version=offer.version,
        facts=facts_of(offer),
        texts={code: _text_data(texts.get(code), code) for code in codes},
        updated_at=offer.updated_at,
        updated_by=offer.updated_by,
        created_at=offer.created_at,
    )


def _bounding_box(session: Session, region_id: int):
    """The region's bounding box (four columns, not the whole region row)."""
    row = session.connection().execute(statements.BOUNDING_BOX, {"region_id": region_id}).first()
    if row is None or None in tuple(row):
        return None
    lon_min, lat_min, lon_max, lat_max = row
    return ((lon_min, lat_min), (lon_max, lat_max))


def get_offer(db: Database, offer_id: int) -> OfferData:
    with db.transaction() as session:
        return offer_data(session, _load_offer(session, offer_id))


def list_offers(
    db: Database,
    *,
    region_slug: str | None = None,
    include_archived: bool = True,
    offer_ids: list[int] | None = None,
) -> list[OfferRow]:
    """Every offer of the region (or the given ones) with its German title and the status per language.

    Three queries, whatever the number of offers (no query per row).
    """
    with db.transaction() as session:
        region = current_region(session, region_slug)
        tree = language_tree(session, region.id)
        root = next((c for c, s in tree.items() if s is None), "de")
        title = OfferText.title
        query = (
            select(
                Offer.id,
                Offer.slug,
                title,
                Offer.category_id,
                Municipality.name,
                Offer.municipality_id,
                Organization.name,
                Offer.organization_id,
                Offer.state,
                Offer.town,
                Offer.street,
                Offer.updated_at,
                Offer.version,
            )
            .select_from(Offer)
            .outerjoin(OfferText, (OfferText.offer_id == Offer.id) & (OfferText.language_code == root))
            .outerjoin(Municipality, Municipality.id == Offer.municipality_id)
            .outerjoin(Organization, Organization.id == Offer.organization_id)
            .where(Offer.region_id == region.id)
            .order_by(Offer.id)
        )
        if not include_archived:
            query = query.where(Offer.state != PublicationState.ARCHIVED.value)
        if offer_ids is not None:
            query = query.where(Offer.id.in_(offer_ids))
        # Category names are JSON: read the few categories once, not one JSON per offer.
        category_names = {
            cid: (names or {}).get(root, "")
            for cid, names in session.exec(
                select(Category.id, Category.names).where(Category.region_id == region.id)
            )
        }
        missing = dict.fromkeys(tree, Status.MISSING.value)
        rows: dict[int, OfferRow] = {}
        for (
            oid,
            slug,
            t,
            cid,
            mname,
            mid,
            oname,
            orgid,
            state,
            town,
            street,
            updated,
            version,
        ) in session.exec(query):
            rows[oid] = OfferRow(
                id=oid,
                slug=slug,
                title=t or "",
                category=category_names.get(cid, ""),
                category_id=cid,
                municipality=mname or "",
                municipality_id=mid,
                organization=oname or "",
                organization_id=orgid,
                state=state,
                town=town or "",
                street=street or "",
                updated_at=updated,
                version=version,
                statuses=dict(missing),
            )
        # One line per offer with its "code<RS>status" pairs joined: 10,000 result rows instead
        # of 138,000 at 15 languages (each result row costs SQLAlchemy ~5 µs; the list took 1.5 s).
        pairs = func.aggregate_strings(OfferText.language_code + _CODE_STATUS + OfferText.status, _PAIRS)
        status_query = (
            select(OfferText.offer_id, pairs)
            .join(Offer, Offer.id == OfferText.offer_id)
            .where(Offer.region_id == region.id)
            .group_by(OfferText.offer_id)
        )
        if offer_ids is not None:
            status_query = status_query.where(OfferText.offer_id.in_(offer_ids))
        for oid, joined in session.exec(status_query):
            row = rows.get(oid)
            if row is None or not joined:
                continue
            statuses = row.statuses
            for pair in joined.split(_PAIRS):
                code, _sep, status = pair.partition(_CODE_STATUS)
                if code in statuses:
                    statuses[code] = status
        return list(rows.values())


# Separators for the joined statuses: control characters no language code or status contains.
_CODE_STATUS = "\x1e"
_PAIRS = "\x1f"


def refresh_statuses(
    session: Session,
    offer_id: int,
    region_id: int,
    *,
    tree: dict[str, str | None] | None = None,
    texts: dict[str, OfferText] | None = None,
) -> dict[str, Status]:
    """Recompute the stored effective status of every text of one offer (a save passes what it holds)."""
    tree = language_tree(session, region_id) if tree is None else tree
    texts = _texts_by_language(session, offer_id) if texts is None else texts
    entries = {
        code: (bool(row.title or row.content), row.review_status, row.source_fingerprint, row.fingerprint)
        for code, row in texts.items()
        if code in tree
    }
    statuses = statuses_for_offer(tree, entries)
    stored = []
    for code, row in texts.items():
        new = statuses.get(code)
        if new is not None and row.status != new.value:
            if inspect(row).persistent:
                # One executemany for all changed rows, not one ORM object each to flush.
                stored.append({"text_id": row.id, "new_status": new.value})
                set_committed_value(row, "status", new.value)
            else:
                row.status = new.value
                session.add(row)
    if stored:
        session.connection().execute(statements.SET_TEXT_STATUS, stored)
    return statuses


def _bump_offer_version(session: Session, offer: Offer, expected_version: int | None, author: str) -> None:
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
    for name, value in (("version", expected_version + 1), ("updated_at", now), ("updated_by", author)):
        set_committed_value(offer, name, value)


def _claim_text_version(session: Session, row: OfferText, expected_version: int) -> int:
    """Atomically move a text from ``expected_version`` to the next; a ConflictError if
    someone saved it in between (two editors reading the same version never both win)."""
    result = session.connection().execute(
        statements.CLAIM_TEXT_VERSION,
        {
            "claim_id": row.id,
            "expected": expected_version,
            "next_version": expected_version + 1,
        },
    )
    if result.rowcount != 1:
        session.rollback()
        fresh = session.get(OfferText, row.id, populate_existing=True)
        raise ConflictError(
            N_("The text"), fresh.updated_by if fresh else "?", fresh.updated_at if fresh else None
        )
    return expected_version + 1


def _write_text(
    session: Session,
    offer: Offer,
    code: str,
    values: dict[str, str],
    *,
    author: str,
    minor: bool,
    tree: dict[str, str | None],
    review_status: str | None = None,
    source_fingerprint: str | None = None,
    provider: str | None = None,
    reviewed_by: str | None = None,
    expected_version: int | None = None,
    note: str = "",
    texts: dict[str, OfferText] | None = None,
) -> OfferText | None:
    """Store one text and its revision; carry children forward on a minor edit.

    ``texts``: the offer's texts by language, when the caller has read them already; they
    are used instead of a query per language, a new text is added to it, and the caller
    flushes (once, for everything it writes)."""
    if code not in tree:
        raise LotseError(
            N_("The language “{code}” is not one of the region's. Add it in the settings.", code=code),
        )
    title = clean_plain(values.get("title"))
    summary = clean_plain(values.get("summary"))
    content = clean_html(values.get("content"))
    new_fp = fingerprint(title, summary, content)
    if texts is not None:
        row = texts.get(code)
    else:
        row = session.exec(
            select(OfferText).where(OfferText.offer_id == offer.id, OfferText.language_code == code)
        ).first()
    if row is not None and expected_version is not None and row.version != expected_version:
        raise ConflictError(N_("The text"), row.updated_by, row.updated_at)
    is_root = tree[code] is None
    if row is None:
        row = OfferText(offer_id=offer.id, language_code=code, version=0)
    elif (
        (row.title, row.summary, row.content) == (title, summary, content)
        and review_status in (None, row.review_status)
        and (source_fingerprint is None or source_fingerprint == row.source_fingerprint)
    ):
        return None  # nothing changed: no revision, no version
    old_fp = row.fingerprint
    row.title, row.summary, row.content, row.fingerprint = title, summary, content, new_fp
    if is_root:
        row.review_status = Status.SOURCE.value
        row.source_fingerprint = None
        row.source_language_code = None
    else:
        if review_status is not None:
            row.review_status = Status(review_status).value
        if source_fingerprint is not None:
            row.source_fingerprint = source_fingerprint
        row.source_language_code = tree[code]
    if provider is not None:
        row.provider = provider
    if reviewed_by is not None:
        row.reviewed_by = reviewed_by
    if row.id is not None and expected_version is not None:
        row.version = _claim_text_version(session, row, expected_version)
    else:
        row.version += 1
    row.updated_at = utcnow()
    row.updated_by = author
    session.add(row)
    # The revision is only ever written here, never read back in this session: a plain
    # INSERT on the session's connection (same transaction), not an ORM object to flush.
    session.connection().execute(
        statements.INSERT_TEXT_REVISION,
        {
            "offer_id": offer.id,
            "language_code": code,
            "title": title,
            "summary": summary,
            "content": content,
            "fingerprint": new_fp,
            "review_status": row.review_status,
            "source_fingerprint": row.source_fingerprint,
            "minor": minor,
            "author": author,
            "created_at": utcnow(),
            "note": note,
        },
    )
    if minor and old_fp and old_fp != new_fp:
        # A minor edit (typo, formatting) keeps every translation made from the old wording current.
        for child_code, parent in tree.items():
            if parent != code:
                continue
            if texts is not None:
                child = texts.get(child_code)
            else:
                child = session.exec(
                    select(OfferText).where(
                        OfferText.offer_id == offer.id, OfferText.language_code == child_code
                    )
                ).first()
            if child is not None and child.source_fingerprint == old_fp:
                child.source_fingerprint = new_fp
                session.add(child)
    if texts is not None:
        texts[code] = row
    else:
        session.flush()
    return row


def _check(facts: dict, texts: dict[str, dict], root: str, bounding_box, draft: bool) -> None:
    problems = check_offer_facts(facts, bounding_box, draft=draft)
    root_text = texts.get(root)
    if root_text is not None:
        problems += check_text(
            root_text.get("title"), root_text.get("summary"), root_text.get("content"), draft=draft
        )
    if problems:
        raise ValidationFailed(problems)


def create_offer(
    db: Database,
    facts: dict[str, Any],
    texts: dict[str, dict[str, str]],
    *,
    author: str,
    region_slug: str | None = None,
    slug: str | None = None,
    validate: bool = True,
) -> OfferData:
    """A new offer. A draft may be incomplete; a published one must pass every check."""
    with db.transaction() as session:
        return insert_offer(
            session,
            current_region(session, region_slug),
            facts,
            texts,
            author=author,
            slug=slug,
            validate=validate,
        )


def insert_offer(
    session: Session,
    region: Region,
    facts: dict[str, Any],
    texts: dict[str, dict[str, str]],
    *,
    author: str,
    slug: str | None = None,
    validate: bool = True,
    note: str = "created",
) -> OfferData:
    """:func:`create_offer` inside a caller's transaction (an import creates many offers at once)."""
    facts = normalise_facts({"state": "draft", **facts})
    tree = language_tree(session, region.id)
    root = next(c for c, s in tree.items() if s is None)
    if validate:
        _check(facts, texts, root, region.bounding_box, draft=facts["state"] != "published")
    taken = set(session.exec(select(Offer.slug).where(Offer.region_id == region.id)))
    base = slug or slugify((texts.get(root) or {}).get("title") or "angebot")
    offer = Offer(region_id=region.id, slug=unique_slug(base, taken), updated_by=author, **facts)
    session.add(offer)
    session.flush()
    texts_now: dict[str, OfferText] = {}  # filled by the writes: a new offer has nothing to read back
    for code in [c for c in tree if c in texts]:
        _write_text(session, offer, code, texts[code], author=author, minor=False, tree=tree, texts=texts_now)
    session.add(
        OfferRevision(
            offer_id=offer.id,
            offer_version=offer.version,
            facts=_jsonable_facts(facts),
            author=author,
            note=note,
        )
    )
    refresh_statuses(session, offer.id, region.id, tree=tree, texts=texts_now)
    session.flush()
    return offer_data(session, offer, tree=tree, texts=texts_now)


def save_offer(
    db: Database,
    offer_id: int,
    *,
    expected_version: int,
    author: str,
    facts: dict[str, Any] | None = None,
    texts: dict[str, dict[str, str]] | None = None,
    minor: bool = False,
    validate: bool = True,
) -> OfferData:
    """Save facts and/or texts over ``expected_version``; a stale version raises ConflictError."""
    with db.transaction() as session:
        offer = _load_offer(session, offer_id)
        tree = language_tree(session, offer.region_id)
        root = next(c for c, s in tree.items() if s is None)
        merged = facts_of(offer)
        if facts:
            merged.update(normalise_facts(facts))
        # The texts are read once: for the check, the writes and the statuses (no query per language).
        texts_now = _texts_by_language(session, offer.id)
        if validate:
            current_root = texts_now.get(root)
            root_values = (texts or {}).get(root) or (
                {
                    "title": current_root.title,
                    "summary": current_root.summary,
                    "content": current_root.content,
                }
                if current_root
                else {}
            )
            _check(
                merged,
                {root: root_values},
                root,
                _bounding_box(session, offer.region_id),
                draft=merged["state"] != "published",
            )
        _bump_offer_version(session, offer, expected_version, author)
        if facts:
            for name, value in merged.items():
                setattr(offer, name, value)
            session.add(offer)
            session.add(
                OfferRevision(
                    offer_id=offer.id,
                    offer_version=offer.version,
                    facts=_jsonable_facts(merged),
                    author=author,
                )
            )
        for code in [c for c in tree if c in (texts or {})]:
            _write_text(
                session, offer, code, texts[code], author=author, minor=minor, tree=tree, texts=texts_now
            )
        refresh_statuses(session, offer.id, offer.region_id, tree=tree, texts=texts_now)
        session.flush()  # one flush for the text, its revision and the statuses
        return offer_data(session, offer, tree=tree, texts=texts_now)


def save_translation(
    db: Database,
    offer_id: int,
    language_code: str,
    values: dict[str, str],
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
    """Store a translation (machine-made, typed or imported) for one language.

    ``source_fingerprint`` defaults to the current fingerprint of the source text,
    i.e. "made from the source as it is now". A machine translation never replaces
    a text a person has checked or approved unless ``overwrite_reviewed`` is set.
    """
    with db.transaction() as session:
        return store_translation(
            session,
            _load_offer(session, offer_id),
            language_code,
            values,
            author=author,
            review_status=review_status,
            source_fingerprint=source_fingerprint,
            provider=provider,
            reviewed_by=reviewed_by,
            expected_version=expected_version,
            overwrite_reviewed=overwrite_reviewed,
            note=note,
        )


def store_translation(
    session: Session,
    offer: Offer,
    language_code: str,
    values: dict[str, str],
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
    """:func:`save_translation` inside a caller's transaction (imports store many texts at once)."""
    tree = language_tree(session, offer.region_id)
    source_code = tree.get(language_code)
    if language_code in tree and source_code is None:
        raise LotseError(
            N_("The source language's text is not a translation; edit it in the editor."),
        )
    texts = _texts_by_language(session, offer.id)
    existing = texts.get(language_code)
    if (
        existing is not None
        and review_status == Status.MACHINE.value
        and existing.review_status in (Status.CHECKED.value, Status.APPROVED.value)
        and not overwrite_reviewed
    ):
        raise ReviewedTextProtected(
            language_code, existing.reviewed_by or existing.updated_by, existing.review_status
        )
    if source_fingerprint is None:
        source = texts.get(source_code) if source_code else None
        source_fingerprint = source.fingerprint if source else None
    row = _write_text(
        session,
        offer,
        language_code,
        values,
        author=author,
        minor=False,
        tree=tree,
        review_status=review_status,
        source_fingerprint=source_fingerprint,
        provider=provider,
        reviewed_by=reviewed_by,
        expected_version=expected_version,
        note=note,
        texts=texts,
    )
    refresh_statuses(
        session, offer.id, offer.region_id, tree=tree, texts=texts
    )  # the texts read above, not again
    session.flush()
    row = row or texts[language_code]
    session.refresh(row)
    return _text_data(row, language_code)


def set_review_status(
    db: Database,
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
    with db.transaction() as session:
        offer = _load_offer(session, offer_id)
        tree = language_tree(session, offer.region_id)
        texts = _texts_by_language(session, offer.id)
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
            _claim_text_version(session, row, expected_version)
            if expected_version is not None
            else row.version + 1
        )
        row.review_status = status.value
        if source_fingerprint is not None:
            row.source_fingerprint = source_fingerprint
            row.reviewed_by = reviewed_by
        elif status in (Status.CHECKED, Status.APPROVED):
            source = texts.get(tree.get(language_code) or "")
            if source is not None:
                row.source_fingerprint = source.fingerprint
            row.reviewed_by = reviewed_by or author
        row.version = claimed
        row.updated_at = utcnow()
        row.updated_by = author
        session.add(row)
        session.add(
            TextRevision(
                offer_id=offer.id,
                language_code=language_code,
                title=row.title,
                summary=row.summary,
                content=row.content,
                fingerprint=row.fingerprint,
                review_status=row.review_status,
                source_fingerprint=row.source_fingerprint,
                minor=True,
                author=author,
                note=note or f"status: {status.value}",
            )
        )
        refresh_statuses(session, offer.id, offer.region_id, tree=tree, texts=texts)
        session.flush()
        session.refresh(row)
        return _text_data(row, language_code)


def list_text_revisions(db: Database, offer_id: int, language_code: str | None = None) -> list[TextRevision]:
    """Revisions of an offer's texts, newest first."""
    with db.transaction() as session:
        _load_offer(session, offer_id)
        query = select(TextRevision).where(TextRevision.offer_id == offer_id)
        if language_code:
            query = query.where(TextRevision.language_code == language_code)
        return list(session.exec(query.order_by(TextRevision.id.desc())))


def list_offer_revisions(db: Database, offer_id: int) -> list[OfferRevision]:
    with db.transaction() as session:
        _load_offer(session, offer_id)
        return list(
            session.exec(
                select(OfferRevision)
                .where(OfferRevision.offer_id == offer_id)
                .order_by(OfferRevision.id.desc())
            )
        )


def restore_text_revision(db: Database, revision_id: int, *, author: str, expected_version: int) -> OfferData:
    """Bring back a text as it was; the restore is itself a new, non-minor revision."""
    with db.transaction() as session:
        revision = session.get(TextRevision, revision_id)
        if revision is None:
            raise NotFoundError(N_("There is no revision {revision_id}.", revision_id=revision_id))
        offer_id, code = revision.offer_id, revision.language_code
        values = {"title": revision.title, "summary": revision.summary, "content": revision.content}
        review, source_fp = revision.review_status, revision.source_fingerprint
    with db.transaction() as session:
        tree = language_tree(session, _load_offer(session, offer_id).region_id)
    if tree.get(code) is None:
        return save_offer(
            db,
            offer_id,
            expected_version=expected_version,
            author=author,
            texts={code: values},
            validate=False,
        )
    save_translation(
        db,
        offer_id,
        code,
        values,
        author=author,
        review_status=review,
        source_fingerprint=source_fp,
        overwrite_reviewed=True,
        note=f"restored revision {revision_id}",
    )
    return get_offer(db, offer_id)


def restore_offer_revision(
    db: Database, revision_id: int, *, author: str, expected_version: int
) -> OfferData:
    with db.transaction() as session:
        revision = session.get(OfferRevision, revision_id)
        if revision is None:
            raise NotFoundError(N_("There is no revision {revision_id}.", revision_id=revision_id))
        facts, offer_id = dict(revision.facts), revision.offer_id
    return save_offer(
        db, offer_id, expected_version=expected_version, author=author, facts=facts, validate=False
    )


def set_state(db: Database, offer_id: int, state: str, *, author: str, expected_version: int) -> OfferData:
    """Publish, unpublish (draft), archive or restore an offer."""
    return save_offer(
        db,
        offer_id,
        expected_version=expected_version,
        author=author,
        facts={"state": state},
        validate=state == PublicationState.PUBLISHED.value,
    )


def duplicate_offer(db: Database, offer_id: int, *, author: str) -> OfferData:
    """A draft copy with the same facts and the source-language text (translations are not copied)."""
    original = get_offer(db, offer_id)
    with db.transaction() as session:
        root = next(c for c, s in language_tree(session, original.region_id).items() if s is None)
    text = original.texts.get(root)
    texts = (
        {root: {"title": f"{text.title} (Kopie)", "summary": text.summary, "content": text.content}}
        if text
        else {}
    )
    facts = {**original.facts, "state": PublicationState.DRAFT.value}
    with db.transaction() as session:
        region_slug = session.get(Region, original.region_id).slug
    return create_offer(db, facts, texts, author=author, region_slug=region_slug, validate=False)


def delete_offer(db: Database, offer_id: int, *, expected_version: int | None = None) -> None:
    """Delete an offer with its texts and revisions, for good."""
    with db.transaction() as session:
        offer = _load_offer(session, offer_id)
        if expected_version is not None and offer.version != expected_version:
            raise ConflictError(N_("The offer"), offer.updated_by, offer.updated_at)
        # One statement per table, children first: deleting them as ORM objects let the unit of
        # work delete the offer first (no relationships tell it the order), the database's
        # cascade removed the texts, and the ORM's own DELETE then matched nothing (a warning).
        for model in (TextRevision, OfferRevision, OfferText):
            session.exec(delete(model).where(model.offer_id == offer_id))
        session.delete(offer)


def count_offers(db: Database) -> int:
    with db.transaction() as session:
        return session.exec(select(func.count()).select_from(Offer)).one()
