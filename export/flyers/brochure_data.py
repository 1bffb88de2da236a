"""What the region's brochure prints (``BrochureData`` with its ``Category`` list) and what
rendering it reports back (``BrochureResult``): plain data, no drawing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .content import FlyerData
from .coverage import ForeignPart
from .flyer import SOURCE_LANGUAGE


@dataclass
class Category:
    slug: str
    names: dict[str, str]
    color: str = "#4A6FA5"

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get(SOURCE_LANGUAGE) or self.slug


@dataclass
class BrochureData:
    region_name: str
    categories: list[Category]  # in print order
    offers: list[FlyerData]  # each with its category_slug
    region_logo: str | None = None
    link: str | None = None  # the QR code on the cover ("{lang}" replaced)
    subtitle: str = ""  # what was selected, e.g. "Aachen, Eschweiler"
    printed_on: date = field(default_factory=date.today)


@dataclass
class BrochureResult:
    path: Path
    pages: int
    offers: int
    sections: dict[str, int]  # category slug -> first page
    unprintable: frozenset[str] = frozenset()
    # Offers printed with words not in the brochure's language: (offer id, title, parts).
    not_in_language: list[tuple[int, str, list[ForeignPart]]] = field(default_factory=list)
