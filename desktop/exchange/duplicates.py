"""Duplicates among imported rows and the region's offers: title, organization and address,
compared fuzzily (rapidfuzz), so "Jakobstr. 12" meets "Jakobstraße 12" and a typo in the
title does not hide a second copy.

Candidates are grouped by postcode (or town) and house number, which must agree anyway
for the addresses to match, so the work grows with the rows, not with rows times offers.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

TITLE_SCORE = 88
ADDRESS_SCORE = 85


def _norm(text: str | None) -> str:
    """Case, accents and spacing do not count ("Sprachcafe" is "Sprachcafé")."""
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    text = re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c))).strip()
    return re.sub(r"stra(ß|ss)e\b|str\.", "str", text)


@dataclass(frozen=True, slots=True)  # one per row of an import and per offer
class Entry:
    ref: int  # an offer id or a row number
    title: str
    organization: str
    street: str
    block: str


def entry(
    ref: int, title: str, organization: str | None, street: str | None, postcode: str | None, town: str | None
) -> Entry:
    street = sys.intern(_norm(street))  # organizations, streets and blocks repeat: kept once
    block = sys.intern((_norm(postcode) or _norm(town)) + "|" + " ".join(re.findall(r"\d+", street)))
    return Entry(ref, _norm(title), sys.intern(_norm(organization)), street, block)


class DuplicateFinder:
    def __init__(self) -> None:
        self._blocks: dict[str, list[Entry]] = {}

    def add(self, item: Entry) -> None:
        self._blocks.setdefault(item.block, []).append(item)

    def find(self, item: Entry) -> tuple[Entry, int] | None:
        """The best earlier entry this one duplicates, with its score (0-100), or None."""
        best: tuple[Entry, int] | None = None
        for other in self._blocks.get(item.block, ()):
            title = fuzz.token_sort_ratio(item.title, other.title)
            if title < TITLE_SCORE:
                continue
            address = fuzz.ratio(item.street, other.street) if item.street or other.street else 100
            if address < ADDRESS_SCORE:
                continue
            if item.organization and other.organization:
                if fuzz.token_set_ratio(item.organization, other.organization) < TITLE_SCORE:
                    continue
            score = round((title + address) / 2)
            if best is None or score > best[1]:
                best = (other, score)
        return best
