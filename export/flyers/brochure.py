"""The region's brochure ("Wegweiser"): a cover, a table of contents, one section per
category in its colour, every offer with its facts and a QR code, page numbers and a
footer with the region and the print date. One language, or German beside another.

Monolingual: two columns per page, an offer never split unless it is longer than a
column. Bilingual: German in the left column, the other language beside it in the
right one, each offer's two versions starting at the same height.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from models.languages import language_info

from .content import FlyerData, isolated, plain
from .flyer import SOURCE_LANGUAGE, flyer_languages, write_pdf
from .fonts import families_for
from .layout import Flow, Frame, hex_rgb, tint
from .marks import draw_logo, draw_qr
from .pdf import PAGE_SIZES, ShapedPDF
from .sections import address_lines, contact_lines
from .wording import cost_text, hours_rows, label, local_digits, printed_date, vocabulary

Progress = Callable[[int, int, str], None]


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
    not_in_language: list = field(default_factory=list)


@dataclass(frozen=True)
class _Page:
    width: float
    height: float
    margin: float = 14.0
    footer: float = 12.0
    gutter: float = 8.0

    @property
    def bottom(self) -> float:
        return self.height - self.margin - self.footer


def _no_progress(done: int, total: int, message: str = "") -> None:
    return None


class _Brochure:
    def __init__(self, data: BrochureData, languages: tuple[str, ...], size: str) -> None:
        self.data = data
        self.languages = languages
        self.language = languages[-1]
        self.rtl = language_info(self.language).is_rtl
        self.page = _Page(*PAGE_SIZES[size])
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

    # -- frames ---------------------------------------------------------------
    def columns(self, top: float) -> list[Frame]:
        p = self.page
        width = (p.width - 2 * p.margin - p.gutter) / 2
        left = Frame(p.margin, top, width, p.bottom)
        right = Frame(p.margin + width + p.gutter, top, width, p.bottom)
        if len(self.languages) == 2:
            return [left, right]  # German left, the other language right
        return [right, left] if self.rtl else [left, right]

    # -- cover and contents ---------------------------------------------------
    def cover(self) -> None:
        pdf, p, data = self.pdf, self.page, self.data
        pdf.add_page()
        color = hex_rgb(data.categories[0].color if data.categories else "#1F6FB2")
        pdf.set_fill_color(*color)
        pdf.rect(0, 0, p.width, p.height * 0.55, style="F")
        flow = Flow(
            pdf,
            self.language,
            lambda _: [Frame(p.margin, p.height * 0.18, p.width - 2 * p.margin, p.height)],
            color="#FFFFFF",
            first_page=1,
        )
        for language in reversed(self.languages):
            flow.switch(language)
            flow.paragraph(
                plain(label(language, "brochure"), language), 26, bold=True, color=(255, 255, 255), gap=2
            )
        flow.switch(SOURCE_LANGUAGE)
        flow.paragraph(plain(data.region_name, SOURCE_LANGUAGE), 16, color=tint(color, 0.8), gap=2)
        if data.subtitle:
            flow.paragraph(plain(data.subtitle, SOURCE_LANGUAGE), 12, color=tint(color, 0.8))
        y = p.height * 0.6
        rtl = self.rtl
        draw_logo(pdf, data.region_logo, p.margin if not rtl else p.width - p.margin - 60, y, 60, 25)
        link = data.link.replace("{lang}", self.language) if data.link else None
        qr = 38
        if link:
            draw_qr(pdf, link, p.margin if rtl else p.width - p.margin - qr, y, qr)
        info = Flow(
            pdf,
            self.language,
            lambda _: [Frame(p.margin, y + qr + 6, p.width - 2 * p.margin, p.height)],
            first_page=1,
        )
        for language in self.languages:
            info.switch(language)
            info.paragraph(
                plain(f"{label(language, 'printed')}: {printed_date(language, data.printed_on)}", language),
                11,
            )
            if link:
                info.paragraph(plain(f"{label(language, 'scan')}: {link}", language), 9, color=(90, 90, 90))

    def contents_pages(self) -> list[int]:
        """Reserve the pages for the table of contents (one line per category and per offer)."""
        lines_per_page = int((self.page.bottom - self.page.margin - 16) / 5.2)
        entries = len(self.data.categories) * 2 + len(self.data.offers)
        count = max(1, -(-entries // lines_per_page))
        pages = []
        for _ in range(count):
            self.pdf.add_page()
            pages.append(self.pdf.page)
        return pages

    def contents(self, pages: list[int]) -> None:
        pdf, p = self.pdf, self.page
        language = self.language
        rtl = self.rtl
        width = p.width - 2 * p.margin
        number_w = 14
        index = 0
        y = p.margin
        pdf.goto(pages[index])
        pdf.use(language, 20, bold=True)
        pdf.set_text_color(30, 30, 30)
        pdf.set_xy(p.margin, y)
        pdf.multi_cell(
            width,
            9,
            plain(label(language, "contents"), language),
            align="R" if rtl else "L",
            markdown=True,
            new_x="LMARGIN",
            new_y="NEXT",
        )
        y += 14
        entries: list[tuple[str, int, bool, str]] = []
        titles = {}
        for slug, title, page in self.offer_pages:
            titles.setdefault(slug, []).append((title, page))
        for category in self.data.categories:
            if category.slug not in self.section_pages:
                continue
            entries.append((category.name(language), self.section_pages[category.slug], True, category.color))
            entries += [(title, page, False, category.color) for title, page in titles.get(category.slug, [])]
        for text, page_no, major, color in entries:
            height = 7 if major else 5.2
            if y + height > p.bottom:
                index += 1
                if index >= len(pages):
                    break
                pdf.goto(pages[index])
                y = p.margin
            size = 11 if major else 9
            indent = 0 if major else 5
            text_w = width - number_w - indent - 2
            pdf.use(language, size, bold=major)
            pdf.set_text_color(*(hex_rgb(color) if major else (40, 40, 40)))
            text = _fit(pdf, plain(text, language), text_w)
            x_text = p.margin + number_w + 2 if rtl else p.margin + indent
            pdf.set_xy(x_text, y)
            pdf.multi_cell(
                text_w, height, text, align="R" if rtl else "L", markdown=True, new_x="LMARGIN", new_y="NEXT"
            )
            # A hairline from the entry to its page number (dot leaders would need each script's dots).
            pdf.set_draw_color(205, 205, 205)
            pdf.set_line_width(0.15)
            pdf.line(
                p.margin + (number_w + 1 if rtl else indent),
                y + height - 1,
                p.width - p.margin - (indent if rtl else number_w + 1),
                y + height - 1,
            )
            pdf.use(language, size, bold=major)
            pdf.set_xy(p.margin if rtl else p.width - p.margin - number_w, y)
            pdf.multi_cell(
                number_w,
                height,
                local_digits(language, str(page_no)),
                align="L" if rtl else "R",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            y += height

    # -- sections ---------------------------------------------------------------
    def section_band(self, category: Category) -> float:
        """A new page opening the category's section; returns where the columns start."""
        pdf, p = self.pdf, self.page
        pdf.add_page()
        self.section_pages[category.slug] = pdf.page
        color = hex_rgb(category.color)
        pdf.set_fill_color(*color)
        pdf.rect(0, p.margin - 4, p.width, 16, style="F")
        names = [plain(category.name(language), language) for language in self.languages]
        for language, name, frame in zip(
            self.languages,
            names,
            self.columns(p.margin)
            if len(names) == 2
            else [Frame(p.margin, p.margin, p.width - 2 * p.margin, p.bottom)],
            strict=False,
        ):
            pdf.use(language, 15, bold=True)
            pdf.set_text_color(255, 255, 255)
            pdf.set_xy(frame.x, p.margin - 0.5)
            pdf.multi_cell(
                frame.width,
                9,
                name,
                align="R" if language_info(language).is_rtl else "L",
                markdown=True,
                new_x="LMARGIN",
                new_y="NEXT",
            )
        return p.margin + 18

    def offer_block(self, flow: Flow, offer: FlyerData) -> None:
        """One offer: title, summary, address, contacts, cost, opening hours; its QR code
        at the end edge beside the title. The caller has made room (kept together)."""
        language = flow.language
        text = offer.text(language)
        link = offer.link(language)
        qr = 15.0 if link else 0.0
        beside_qr = flow.frame.width - (qr + 3 if link else 0)
        top = flow.y
        if link and not flow.measuring:
            flow._goto()
            draw_qr(flow.pdf, link, flow.box_x(flow.frame.width - qr, qr), top, qr, fast=True)

        def line(
            value: str, points: float, *, bold: bool = False, gap: float = 0.4, color=(30, 30, 30)
        ) -> None:
            width = beside_qr if flow.y < top + qr + 1 else flow.frame.width
            if not flow.measuring:
                flow._goto()
            flow.y += flow._text(value, points, bold=bold, width=width, color=color) + gap

        line(plain(text.title, language), 11, bold=True, gap=1.0, color=flow.color)
        if text.summary:
            line(plain(text.summary, language), 8.5, gap=1.0)
        # One unit: two isolated parts would swap places around the comma on an RTL page.
        address = isolated(", ".join(address_lines(offer)), language)
        if address:
            line(f"**{plain(label(language, 'address'), language)}:** {plain(address, language)}", 8)
        for contact in contact_lines(offer, language)[:4]:
            line(contact, 8)
        cost = cost_text(language, offer.cost_in(language))
        if cost:
            line(
                f"**{plain(label(language, 'cost'), language)}:** "
                f"{plain(isolated(cost, language), language)}",
                8,
            )
        rows = hours_rows(language, offer.opening_hours, width="abbreviated", open_only=True)
        flow.y = max(flow.y, top + qr + 1)
        if rows:
            flow.table(
                [(plain(k, language), plain(v, language)) for k, v in rows], 8, key_share=0.3, shade=False
            )
        flow.y += 3

    def place(self, flows: list[Flow], offer: FlyerData) -> None:
        """Draw the offer in every flow (language) side by side; when it does not fit the
        rest of the column, take it back and draw it at the top of the next one."""
        for attempt in range(2):
            lead = max(flows, key=lambda f: (f.page, f.frame_index, f.y))
            for f in flows:  # both languages start at the same height
                f.page, f.frame_index, f.y = lead.page, lead.frame_index, lead.y
                f.keep = True
            at_top = lead.at_frame_top()
            self.pdf.goto(lead.page)
            point = self.pdf.checkpoint()
            for f in flows:
                self.offer_block(f, offer)
            if attempt or at_top or not any(f.overfull for f in flows):
                break
            self.pdf.rollback(point)
            for f in flows:
                f.y = lead.y
                f.keep = False
                f.next_frame()
        for f in flows:
            f.keep = False
        first = flows[-1]
        self.offer_pages.append((offer.category_slug, offer.text(first.language).title, first.page))

    # -- footer -------------------------------------------------------------------
    def footers(self, first: int) -> None:
        pdf, p = self.pdf, self.page
        language = self.language
        rtl = self.rtl
        for page_no in range(first, len(pdf.pages) + 1):
            pdf.goto(page_no)
            y = p.height - p.margin - 6
            color = hex_rgb(self.section_color.get(page_no, "#888888"))
            if page_no in self.section_color:  # the section's colour at the page edge, a thumb index
                pdf.set_fill_color(*color)
                pdf.rect(0 if rtl else p.width - 4, p.height * 0.35, 4, p.height * 0.3, style="F")
            pdf.set_draw_color(*tint(color, 0.3))
            pdf.set_line_width(0.3)
            pdf.line(p.margin, y - 1.5, p.width - p.margin, y - 1.5)
            footer = (
                f"{isolated(self.data.region_name, language)} · {label(language, 'printed')}: "
                f"{printed_date(language, self.data.printed_on)}"
            )
            pdf.use(language, 8)
            pdf.set_text_color(90, 90, 90)
            pdf.set_xy(p.margin, y)
            pdf.multi_cell(
                p.width - 2 * p.margin - 30,
                4,
                plain(footer, language),
                align="R" if rtl else "L",
                markdown=True,
                new_x="LMARGIN",
                new_y="NEXT",
            )
            number = f"{label(language, 'page')} {local_digits(language, str(page_no))}"
            pdf.set_xy(p.margin if rtl else p.width - p.margin - 30, y)
            pdf.multi_cell(
                30,
                4,
                plain(number, language),
                align="L" if rtl else "R",
                markdown=True,
                new_x="LMARGIN",
                new_y="NEXT",
            )


def _fit(pdf: ShapedPDF, text: str, width: float) -> str:
    """Shorten a one-line entry with an ellipsis until it fits ``width``."""
    if pdf.get_string_width(text, markdown=True) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and pdf.get_string_width(" ".join(words) + " …", markdown=True) > width:
        words.pop()
    return " ".join(words) + " …"


def render_brochure(
    data: BrochureData,
    out_path: str | os.PathLike,
    language: str = "de",
    *,
    bilingual: bool = False,
    size: str = "a4",
    progress: Progress | None = None,
    token=None,
) -> BrochureResult:
    """Render the brochure to ``out_path`` (atomically). ``progress(done, total, message)`` is
    called after every offer; ``token.raise_if_cancelled()`` stops it, leaving no file."""
    progress = progress or _no_progress
    languages = flyer_languages(language, bilingual)
    book = _Brochure(data, languages, size.lower())
    pdf = book.pdf
    book.cover()
    toc = book.contents_pages()
    by_category: dict[str, list[FlyerData]] = {}
    for offer in data.offers:
        by_category.setdefault(offer.category_slug, []).append(offer)
    total, done = len(data.offers), 0
    progress(0, total, "")
    for category in data.categories:
        offers = by_category.get(category.slug, [])
        if not offers:
            continue
        top = book.section_band(category)
        first_page = pdf.page
        book.section_color[first_page] = category.color

        def frames(page: int, column: int | None, first=first_page, top=top) -> list[Frame]:
            columns = book.columns(top if page == first else book.page.margin)
            return columns if column is None else [columns[column]]

        def new_page(color=category.color) -> None:
            pdf.add_page()
            book.section_color[pdf.page] = color

        # One language: both columns in turn. Bilingual: each language keeps its column.
        flows = [
            Flow(
                pdf,
                lang,
                partial(frames, column=index if len(languages) == 2 else None),
                color=category.color,
                new_page=new_page,
                first_page=first_page,
            )
            for index, lang in enumerate(languages)
        ]
        for offer in offers:
            if token is not None:
                token.raise_if_cancelled()
            book.place(flows, offer)
            done += 1
            progress(done, total, offer.text(language).title or offer.text(SOURCE_LANGUAGE).title)
    book.contents(toc)
    book.footers(first=2)
    pdf.goto(len(pdf.pages))
    path = write_pdf(pdf, out_path)
    return BrochureResult(path, len(pdf.pages), done, dict(book.section_pages), frozenset(pdf.unprintable))
