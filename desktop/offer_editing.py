"""The editor's working copy of an offer as plain JSON (the "payload"), its checks, and
saving it: what the desktop editor calls, testable without Qt.

payload = {"facts": {field: JSON value, ...},
           "texts": {code: {"title", "summary", "content", "cost", "contact_areas": {key: area}}}}

Each contact in the facts carries its key (``models.contact_keys``); the areas are by that key.

The cost and the contacts' areas are edited per language (texts); the facts' copies of the
source language's (``cost``, each contact's ``area_of_responsibility``) follow it on save.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

from models.contact_keys import KEY, adopt_keys, areas_by_key
from models.validation import Problem, check_offer_facts, check_text

from .db import Database
from .offers import (
    FACT_FIELDS,
    TEXT_FIELDS,
    OfferData,
    create_offer,
    get_offer,
    load_offer,
    normalise_facts,
    save_offer,
)
from .regions import current_region, language_tree


def _jsonable(value):
    return value.isoformat() if isinstance(value, (date, datetime)) else copy.deepcopy(value)


def empty_text() -> dict[str, Any]:
    """One language's part of the payload, empty."""
    return {name: {} if name == "contact_areas" else "" for name in TEXT_FIELDS}


def empty_payload(languages: list[str]) -> dict[str, Any]:
    facts: dict[str, Any] = {name: None for name in FACT_FIELDS}
    facts.update(contacts=[], languages_spoken=[], target_groups=[], internal_notes="", state="draft")
    return {"facts": facts, "texts": {code: empty_text() for code in languages}}


def payload_from_offer(offer: OfferData) -> dict[str, Any]:
    texts = {
        code: {f: _jsonable(getattr(t, f)) or empty_text()[f] for f in TEXT_FIELDS}
        for code, t in offer.texts.items()
    }
    return {"facts": {name: _jsonable(offer.facts.get(name)) for name in FACT_FIELDS}, "texts": texts}


def keyed_payload(payload: dict[str, Any], like: dict[str, Any] | None = None) -> dict[str, Any]:
    """A payload whose contacts all have keys and whose areas are by key: a draft autosaved
    before the keys had areas by position, which meant the contacts at those positions.
    Contacts without a key take the key of the same contact in ``like`` (the offer as stored)."""
    facts = dict(payload.get("facts") or {})
    contacts = adopt_keys(facts.get("contacts") or [], ((like or {}).get("facts") or {}).get("contacts"))
    facts["contacts"] = contacts
    texts = {
        code: {**text, "contact_areas": areas_by_key(text.get("contact_areas"), contacts)}
        for code, text in (payload.get("texts") or {}).items()
    }
    return {**payload, "facts": facts, "texts": texts}


def _root_code(db: Database, offer_id: int | None) -> str:
    with db.transaction() as session:
        region_id = load_offer(session, offer_id).region_id if offer_id else current_region(session).id
        return next(code for code, source in language_tree(session, region_id).items() if source is None)


def _facts_in_step(facts: dict[str, Any], root_text: dict[str, Any] | None) -> dict[str, Any]:
    """The facts' copies of the source text's cost and areas, as the editor's texts have them."""
    if root_text is None:
        return facts
    areas = areas_by_key(root_text.get("contact_areas"), facts.get("contacts"))
    contacts = [
        {**contact, "area_of_responsibility": areas.get((contact or {}).get(KEY) or "") or None}
        for contact in facts.get("contacts") or []
    ]
    return {**facts, "cost": root_text.get("cost") or None, "contacts": contacts}


def problems_in(
    payload: dict[str, Any], *, root: str, language: str | None = None, bounding_box=None
) -> list[Problem]:
    """Everything wrong with the payload as it stands: the facts, the source text and,
    when another language is being edited, that language's text."""
    try:
        facts = normalise_facts(payload["facts"])
    except ValueError:  # an unparseable date: report it on the field, check the rest
        facts = {**payload["facts"], "valid_from": None, "valid_until": None}
    draft = facts.get("state") != "published"
    problems = check_offer_facts(facts, bounding_box, draft=draft)
    texts = payload.get("texts") or {}
    codes = [root] + ([language] if language and language != root else [])
    for code in codes:
        text = texts.get(code) or {}
        if code != root and not any(text.values()):
            continue  # an untranslated language is not an error
        problems += check_text(
            text.get("title"), text.get("summary"), text.get("content"), draft=draft or code != root
        )
    return problems


def changed_texts(payload: dict[str, Any], base: dict[str, Any] | None) -> dict[str, dict[str, str]]:
    base_texts = (base or {}).get("texts") or {}
    empty = empty_text()
    return {
        code: dict(text)
        for code, text in (payload.get("texts") or {}).items()
        if text != base_texts.get(code, empty) and (code in base_texts or any(text.values()))
    }


def save_payload(
    db: Database,
    offer_id: int | None,
    payload: dict[str, Any],
    *,
    base: dict[str, Any] | None,
    base_version: int | None,
    author: str,
    minor: bool = False,
) -> OfferData:
    """Create the offer, or save what changed over ``base_version`` (ConflictError if stale)."""
    texts = changed_texts(payload, base)
    root = _root_code(db, offer_id)
    payload = {**payload, "facts": _facts_in_step(payload["facts"], (payload.get("texts") or {}).get(root))}
    if base is not None:
        base = {**base, "facts": _facts_in_step(base["facts"], (base.get("texts") or {}).get(root))}
    if offer_id is None:
        return create_offer(db, payload["facts"], texts, author=author)
    facts = payload["facts"] if base is None or payload["facts"] != base.get("facts") else None
    if facts is None and not texts:
        return get_offer(db, offer_id)
    return save_offer(
        db, offer_id, expected_version=base_version, author=author, facts=facts, texts=texts, minor=minor
    )


def save_over_latest(
    db: Database, offer_id: int, payload: dict[str, Any], *, author: str, minor: bool = False
) -> OfferData:
    """After a conflict, when the user keeps their version: save it over whatever is current."""
    latest = get_offer(db, offer_id)
    return save_payload(
        db,
        offer_id,
        payload,
        base=payload_from_offer(latest),
        base_version=latest.version,
        author=author,
        minor=minor,
    )
