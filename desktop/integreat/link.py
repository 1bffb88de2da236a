"""Connecting a region started in Lotse to an existing CMS region (``lotse integreat link``).

Each Lotse page, event and place is matched to the CMS item it is: by the CMS id Lotse stored
(sure), else by its title in the source language (and for a place its address): the same
title, unique on both sides, and for places the same address, is sure; a similar title, or the
same title with another address, is a proposal the user confirms. Linking stores the CMS's
identity on the Lotse item (ids, every language's slug and old slugs; a place takes the CMS's
slug so its app path and QR code are the CMS's) and the CMS's texts as the base of the next
``lotse integreat sync`` (so Lotse's differing texts count as Lotse's changes and ``push``
carries them over). Nothing in the CMS changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from export.integreat.content_mapping import ContentText, NewEvent, NewPage
from export.integreat.import_plan import ImportPlan, NewOffer, NewText
from models.tables import ContentKind, Offer, OfferText

from ..changes import Changes, Kind, note
from ..db import Database
from ..exchange.duplicates import _norm
from ..regions import language_tree
from .cms_base import remember
from .sync import linked_region, read_cms

SIMILAR = 85  # rapidfuzz token_sort_ratio of two titles that may be the same item


@dataclass(frozen=True)
class Proposal:
    offer_id: int
    kind: str  # page, event, offer
    lotse_title: str
    cms_title: str
    cms_key: str  # the CMS item's path in the source language
    how: str  # "id", "title", "title and address", "similar title", "title, other address"
    sure: bool


@dataclass
class LinkPlan:
    cms: ImportPlan
    region_slug: str
    proposals: list[Proposal]
    unmatched_lotse: list[str]  # titles
    unmatched_cms: list[str]  # CMS paths


CmsItem = NewPage | NewEvent | NewOffer


def _cms_items(plan: ImportPlan, root: str) -> dict[str, tuple[str, CmsItem]]:
    """CMS path (source language) -> (Lotse kind, item) of every page, event and place."""
    items: dict[str, tuple[str, CmsItem]] = {}
    for page in plan.pages:
        items[page.key] = (ContentKind.PAGE.value, page)
    for event in plan.events:
        items[event.key] = (ContentKind.EVENT.value, event)
    for offer in plan.offers:
        if offer.facts.get("cms_id") is not None:
            items[f"/{plan.region['slug']}/{root}/locations/{offer.slug}/"] = (ContentKind.OFFER.value, offer)
    return items


def _cms_id(kind: str, item: CmsItem) -> int | None:
    if isinstance(item, NewOffer):
        value = item.facts.get("cms_id")
        return value if isinstance(value, int) else None
    return item.cms_id


def _address(street: str | None, postcode: str | None) -> str:
    return f"{_norm(street)}|{_norm(postcode)}"


def propose_links(db: Database, url: str, *, region_slug: str | None = None) -> LinkPlan:
    """What the Lotse region's items would be linked to (nothing written)."""
    cms = read_cms(url)
    with db.session() as session:
        region = linked_region(session, cms, region_slug)
        assert region.id is not None
        tree = language_tree(session, region.id)
        root = next(code for code, source in tree.items() if source is None)
        rows = session.exec(
            select(Offer, OfferText)
            .join(OfferText, col(OfferText.offer_id) == col(Offer.id))
            .where(Offer.region_id == region.id, OfferText.language_code == root, Offer.state != "archived")
            .order_by(col(Offer.id))
        ).all()
        slug = region.slug
    items = _cms_items(cms, root)
    lotse = {offer.id: (offer, text) for offer, text in rows if offer.id is not None}
    proposals: list[Proposal] = []
    used_cms: set[str] = set()
    used_lotse: set[int] = set()

    def take(oid: int, key: str, how: str, sure: bool) -> None:
        kind, item = items[key]
        proposals.append(Proposal(oid, kind, lotse[oid][1].title, item.texts[root].title, key, how, sure))
        used_cms.add(key)
        used_lotse.add(oid)

    by_id = {(kind, _cms_id(kind, item)): key for key, (kind, item) in items.items() if _cms_id(kind, item)}
    for oid, (offer, _text) in lotse.items():
        key = by_id.get((offer.kind, offer.cms_id)) if offer.cms_id is not None else None
        if key is not None:
            take(oid, key, "id", True)
    # the same title, unique on both sides
    cms_titles: dict[tuple[str, str], list[str]] = {}
    for key, (kind, item) in items.items():
        if key not in used_cms and root in item.texts:
            cms_titles.setdefault((kind, _norm(item.texts[root].title)), []).append(key)
    lotse_titles: dict[tuple[str, str], list[int]] = {}
    for oid, (offer, text) in lotse.items():
        if oid not in used_lotse:
            lotse_titles.setdefault((offer.kind, _norm(text.title)), []).append(oid)
    for name, oids in lotse_titles.items():
        keys = cms_titles.get(name, [])
        if len(oids) != 1 or len(keys) != 1:
            continue
        offer, _ = lotse[oids[0]]
        item = items[keys[0]][1]
        if isinstance(item, NewOffer):
            same = _address(offer.street, offer.postcode) == _address(
                item.facts.get("street"), item.facts.get("postcode")
            )
            take(oids[0], keys[0], "title and address" if same else "title, other address", same)
        else:
            take(oids[0], keys[0], "title", True)
    # similar titles: proposals only, the best first
    scored = sorted(
        (
            (fuzz.token_sort_ratio(_norm(text.title), _norm(item.texts[root].title)), oid, key)
            for oid, (offer, text) in lotse.items()
            if oid not in used_lotse
            for key, (kind, item) in items.items()
            if key not in used_cms and kind == offer.kind and root in item.texts
        ),
        reverse=True,
    )
    for score, oid, key in scored:
        if score >= SIMILAR and oid not in used_lotse and key not in used_cms:
            take(oid, key, "similar title", False)
    return LinkPlan(
        cms,
        slug,
        proposals,
        [text.title for oid, (_, text) in lotse.items() if oid not in used_lotse],
        [key for key in items if key not in used_cms],
    )


def apply_links(db: Database, plan: LinkPlan, accepted: list[Proposal]) -> int:
    """Store the CMS's identity and texts (as the sync's base) on the accepted items (one
    transaction). Returns how many were linked."""
    with db.transaction() as session:
        region = linked_region(session, plan.cms, plan.region_slug)
        assert region.id is not None
        root = next(code for code, source in language_tree(session, region.id).items() if source is None)
        items = _cms_items(plan.cms, root)
        for proposal in accepted:
            _link(session, region.id, proposal.offer_id, items[proposal.cms_key][1])
        note(session, Changes.of("offer", [p.offer_id for p in accepted], [Kind.FACTS]))
    return len(accepted)


def _link(session: Session, region_id: int, offer_id: int, item: CmsItem) -> None:
    offer = session.get(Offer, offer_id)
    assert offer is not None and offer.region_id == region_id
    kind = ContentKind(offer.kind).value
    offer.cms_id = _cms_id(kind, item) if _cms_id(kind, item) is not None else offer.cms_id
    if isinstance(item, NewOffer):
        free = session.exec(
            select(Offer.id).where(
                Offer.region_id == region_id, Offer.slug == item.slug, Offer.id != offer_id
            )
        ).first()
        if free is None:  # the place's path in the app becomes the CMS's
            offer.slug = item.slug
    session.add(offer)
    texts = {
        t.language_code: t for t in session.exec(select(OfferText).where(OfferText.offer_id == offer_id))
    }
    theirs: dict[str, ContentText] | dict[str, NewText] = item.texts
    for code, cms_text in theirs.items():
        mine = texts.get(code)
        if mine is None:
            continue  # a translation only the CMS has: the next sync brings it
        mine.slug = cms_text.slug  # a place's too: its path per language is the CMS's
        if not isinstance(item, NewOffer):
            mine.old_slugs = list(getattr(cms_text, "old_slugs", [])) or None
        mine.cms_id = cms_text.cms_id
        session.add(mine)
        remember(
            session,
            offer_id,
            code,
            title=cms_text.title,
            content=cms_text.content,
            cms_updated=cms_text.updated_at,
        )
