"""Search over every offer's words in every language, built once and asked per keystroke.

The index holds one folded string per offer: titles, summaries and content (as plain
text) in all languages, plus category, organization, municipality and address. Folding
(case, accents, Arabic vowel marks) happens once at build time, so a query costs one
substring test per offer and word, never a database round trip.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from sqlmodel import select

from models.tables import Offer, OfferText, Organization

from .db import Database
from .offers import OfferRow
from .regions import current_region
from .tasks import CancelToken, no_progress


# Accents (Latin, Greek, Cyrillic), Hebrew points and Arabic vowel signs: the marks a
# searcher leaves out. A few ranges keep the regex fast over megabytes of text.
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+")


def fold(text: str) -> str:
    """Lower case without accents or vowel marks: "Städte" finds "stadte" and "STÄDTE"."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


_TAG = re.compile(r"<[^>]+>")


def _content_words(content: str) -> str:
    return html.unescape(_TAG.sub(" ", content)) if content else ""


class SearchIndex:
    """offer id -> folded words; ``matching`` answers a query for a set of offers.

    Typing narrows: when every word of the last query is inside a word of the new one
    ("bera" -> "beratung"), only the last hits can match, so only they are searched.
    Deleting goes back to queries already answered, which are kept (the last few dozen).
    """

    RECENT = 64

    def __init__(self, texts: dict[int, str] | None = None):
        self._texts: dict[int, str] = dict(texts or {})
        self._last: tuple[list[str], set[int]] | None = None
        self._recent: dict[tuple[str, ...], set[int]] = {}

    def __len__(self) -> int:
        return len(self._texts)

    def set(self, offer_id: int, text: str) -> None:
        self._texts[offer_id] = fold(text)
        self._last = None
        self._recent.clear()

    def drop(self, offer_id: int) -> None:
        self._texts.pop(offer_id, None)
        self._last = None
        self._recent.clear()

    def matches(self, offer_id: int, words: list[str]) -> bool:
        haystack = self._texts.get(offer_id, "")
        return all(word in haystack for word in words)

    def matching(self, query: str, offer_ids: Iterable[int] | None = None) -> set[int]:
        words = query_words(query)
        if not words:
            return set(offer_ids if offer_ids is not None else self._texts)
        texts = self._texts
        hits = self._recent.get(tuple(words))
        if hits is None:
            candidates: Iterable[int] = texts
            if self._last is not None and all(any(old in new for new in words) for old in self._last[0]):
                candidates = self._last[1]
            hits = {i for i in candidates if all(w in texts[i] for w in words)}
            if len(self._recent) >= self.RECENT:
                self._recent.pop(next(iter(self._recent)))
            self._recent[tuple(words)] = hits
        self._last = (words, hits)
        return hits if offer_ids is None else hits & set(offer_ids)


def query_words(query: str) -> list[str]:
    return fold(query).split()


def _offer_texts(session, region_id: int, offer_ids: list[int] | None):
    query = (
        select(OfferText.offer_id, OfferText.title, OfferText.summary, OfferText.content)
        .join(Offer, Offer.id == OfferText.offer_id)
        .where(Offer.region_id == region_id)
    )
    if offer_ids is not None:
        query = query.where(OfferText.offer_id.in_(offer_ids))
    return session.exec(query)


def _offer_facts(session, region_id: int, offer_ids: list[int] | None):
    query = (
        select(Offer.id, Offer.street, Offer.postcode, Offer.town, Organization.name)
        .outerjoin(Organization, Organization.id == Offer.organization_id)
        .where(Offer.region_id == region_id)
    )
    if offer_ids is not None:
        query = query.where(Offer.id.in_(offer_ids))
    return session.exec(query)


def collect_search_texts(
    db: Database,
    offer_ids: list[int] | None = None,
    *,
    progress=no_progress,
    token: CancelToken | None = None,
) -> dict[int, str]:
    """The unfolded searchable words per offer (all offers, or the given ones), in two queries."""
    parts: dict[int, list[str]] = {}
    with db.transaction() as session:
        region = current_region(session)
        for oid, street, postcode, town, organization in _offer_facts(session, region.id, offer_ids):
            parts[oid] = [street or "", postcode or "", town or "", organization or ""]
        rows = list(_offer_texts(session, region.id, offer_ids))
    total = len(rows)
    for done, (oid, title, summary, content) in enumerate(rows, 1):
        parts.setdefault(oid, []).extend((title, summary, _content_words(content)))
        if done % 2000 == 0:
            if token is not None:
                token.raise_if_cancelled()
            progress(done, total, "")
    progress(total, total, "")
    return {oid: "\n".join(p for p in words if p) for oid, words in parts.items()}


def build_search_index(db: Database, *, progress=no_progress, token: CancelToken | None = None) -> SearchIndex:
    texts = collect_search_texts(db, progress=progress, token=token)
    index = SearchIndex()
    for done, (oid, text) in enumerate(texts.items(), 1):
        index.set(oid, text)
        if token is not None and done % 2000 == 0:
            token.raise_if_cancelled()
    return index


ACTIVE = "active"  # the state filter "everything but the archive"


@dataclass
class OfferFilter:
    """What the list shows: a search text and the chosen filters (None: any)."""

    text: str = ""
    category_id: int | None = None
    municipality_id: int | None = None
    organization_id: int | None = None
    state: str | None = ACTIVE
    language: str | None = None
    language_status: str | None = None
    words: list[str] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.words = query_words(self.text)

    def accepts(self, row: OfferRow, index: SearchIndex | None) -> bool:
        if self.state == ACTIVE:
            if row.state == "archived":
                return False
        elif self.state is not None and row.state != self.state:
            return False
        if self.category_id is not None and row.category_id != self.category_id:
            return False
        if self.municipality_id is not None and row.municipality_id != self.municipality_id:
            return False
        if self.organization_id is not None and row.organization_id != self.organization_id:
            return False
        if self.language and self.language_status and row.statuses.get(self.language) != self.language_status:
            return False
        if self.words:
            if index is not None and len(index):
                return index.matches(row.id, self.words)
            # The index is still being built: search what the list row itself holds.
            haystack = fold(f"{row.title} {row.category} {row.municipality} {row.organization} {row.street} {row.town}")
            return all(w in haystack for w in self.words)
        return True
