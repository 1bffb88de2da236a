"""The brochure while it is drawn: its PDF, the page geometry and columns, and where each
section and offer landed (for the contents and the footers)."""

from __future__ import annotations

from dataclasses import dataclass

from models.languages import language_info

from .brochure_data import BrochureData
from .fonts import families_for
from .layout import Frame
from .pdf import PAGE_SIZES, ShapedPDF
from .wording import label, vocabulary


@dataclass(frozen=True)
class PageGeometry:
    width: float
    height: float
    margin: float = 14.0
    footer: float = 12.0
    gutter: float = 8.0

    @property
    def bottom(self) -> float:
        return self.height - self.margin - self.footer


class Book:
    def __init__(self, data: BrochureData, languages: tuple[str, ...], size: str) -> None:
        self.data = data
        self.languages = languages
        self.language = languages[-1]
        self.rtl = language_info(self.language).is_rtl
        self.page = PageGeometry(*PAGE_SIZES[size])
        spoken = sorted({code for offer in data.offers for code in offer.languages_spoken})
        text = repr(data) + "".join(vocabulary(code, spoken) for code in languages)
        self.pdf = ShapedPDF(
            size,
            title=f"{label(self.language, 'brochure')} – {data.region_name}",
            language=self.language,
            families=families_for(text, languages),
        )
        self.section_pages: dict[str, int] = {}
        self.offer_pages: list[tuple[str, str, int]] = []  # (category slug, title, page)
        self.section_color: dict[int, str] = {}

    def columns(self, top: float) -> list[Frame]:
        p = self.page
        width = (p.width - 2 * p.margin - p.gutter) / 2
        left = Frame(p.margin, top, width, p.bottom)
        right = Frame(p.margin + width + p.gutter, top, width, p.bottom)
        if len(self.languages) == 2:
            return [left, right]  # German left, the other language right
        return [right, left] if self.rtl else [left, right]
