"""Search over every offer's words in every language, built once and asked per keystroke.

The index (desktop.search_index) holds the folded tokens of every offer's titles,
summaries, content (as plain text), cost and contacts' areas of responsibility in all
languages, plus organization and address.
Folding (case, accents, Arabic vowel marks) happens once at build time, so a query never
makes a database round trip.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from sqlmodel import select

from models.contact_keys import stored_areas
from models.tables import ContentKind, Offer, OfferText, Organization

from .db import Database
from .offer_filter import ACTIVE as ACTIVE  # the filter: desktop/offer_filter.py
from .offer_filter import OfferFilter as OfferFilter
from .regions import current_region
from .search_index import SearchIndex, fold, query_words  # noqa: F401 (re-exported)
from .tasks import CancelToken, no_progress

_TAG = re.compile(r"<[^>]+>")


def _content_words(content: str) -> str:
    return html.unescape(_TAG.sub(" ", content)) if content else ""


def _offer_texts(region_id: int, offer_ids: list[int] | None):
    query = (
        select(
            OfferText.offer_id,
            OfferText.title,
            OfferText.summary,
            OfferText.content,
            OfferText.cost,
            OfferText.contact_areas,
        )
        .join(Offer, Offer.id == OfferText.offer_id)
        .where(Offer.region_id == region_id, Offer.kind == ContentKind.OFFER.value)
        .order_by(Offer.id)  # the order the join reads in: no sort of every text (a temp B-tree)
    )
    if offer_ids is not None:
        query = query.where(OfferText.offer_id.in_(offer_ids))
    return query.execution_options(yield_per=500)  # streamed, not buffered: 450 MB at 10,000 × 15


def _offer_facts(session, region_id: int, offer_ids: list[int] | None):
    query = (
        select(Offer.id, Offer.street, Offer.postcode, Offer.town, Organization.name)
        .outerjoin(Organization, Organization.id == Offer.organization_id)
        .where(Offer.region_id == region_id, Offer.kind == ContentKind.OFFER.value)
    )
    if offer_ids is not None:
        query = query.where(Offer.id.in_(offer_ids))
    return session.exec(query)


def iter_search_texts(
    db: Database,
    offer_ids: list[int] | None = None,
    *,
    progress=no_progress,
    token: CancelToken | None = None,
) -> Iterator[tuple[int, str]]:
    """(offer id, its unfolded searchable words), one offer after another, in two queries.

    Streamed: the index takes each offer's words and lets them go, so the whole region's
    texts (hundreds of MB at 10,000 offers × 15 languages) are never in memory at once.
    """
    with db.transaction() as session:
        region = current_region(session)
        facts = {
            oid: [street or "", postcode or "", town or "", organization or ""]
            for oid, street, postcode, town, organization in _offer_facts(session, region.id, offer_ids)
        }
        total = len(facts)
        done = 0
        for oid, rows in groupby(session.exec(_offer_texts(region.id, offer_ids)), key=itemgetter(0)):
            words = facts.pop(oid, [])
            for _oid, title, summary, content, cost, areas in rows:
                words.extend((title, summary, _content_words(content), cost or ""))
                words.extend(stored_areas(areas).values())
            done += 1
            if done % 500 == 0:
                if token is not None:
                    token.raise_if_cancelled()
                progress(done, total, "")
            yield oid, "\n".join(p for p in words if p)
        for oid, words in facts.items():  # offers without any text yet
            yield oid, "\n".join(p for p in words if p)
    progress(total, total, "")


def collect_search_texts(db: Database, offer_ids: list[int] | None = None) -> dict[int, str]:
    """The unfolded searchable words per offer (all offers, or the given ones)."""
    return dict(iter_search_texts(db, offer_ids))


def build_search_index(
    db: Database, *, progress=no_progress, token: CancelToken | None = None
) -> SearchIndex:
    return SearchIndex(iter_search_texts(db, progress=progress, token=token))
