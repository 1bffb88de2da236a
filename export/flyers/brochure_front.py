"""The brochure's front matter: the cover (title in each language, region, logo, the QR code
to the app) and the table of contents with the page of every section and offer."""

from __future__ import annotations

from .brochure_book import Book
from .content import plain
from .flyer import SOURCE_LANGUAGE
from .layout import Flow, Frame, hex_rgb, tint
from .marks import draw_logo, draw_qr
from .pdf import ShapedPDF
from .wording import label, local_digits, printed_date


def draw_cover(book: Book) -> None:
    pdf, p, data = book.pdf, book.page, book.data
    pdf.add_page()
    color = hex_rgb(data.categories[0].color if data.categories else "#1F6FB2")
    pdf.set_fill_color(*color)
    pdf.rect(0, 0, p.width, p.height * 0.55, style="F")
    flow = Flow(
        pdf,
        book.language,
        lambda _: [Frame(p.margin, p.height * 0.18, p.width - 2 * p.margin, p.height)],
        color="#FFFFFF",
        first_page=1,
    )
    for language in reversed(book.languages):
        flow.switch(language)
        flow.paragraph(
            plain(label(language, "brochure"), language), 26, bold=True, color=(255, 255, 255), gap=2
        )
    flow.switch(SOURCE_LANGUAGE)
    flow.paragraph(plain(data.region_name, SOURCE_LANGUAGE), 16, color=tint(color, 0.8), gap=2)
    if data.subtitle:
        flow.paragraph(plain(data.subtitle, SOURCE_LANGUAGE), 12, color=tint(color, 0.8))
    y = p.height * 0.6
    rtl = book.rtl
    draw_logo(pdf, data.region_logo, p.margin if not rtl else p.width - p.margin - 60, y, 60, 25)
    link = data.link.replace("{lang}", book.language) if data.link else None
    qr = 38
    if link:
        draw_qr(pdf, link, p.margin if rtl else p.width - p.margin - qr, y, qr)
    info = Flow(
        pdf,
        book.language,
        lambda _: [Frame(p.margin, y + qr + 6, p.width - 2 * p.margin, p.height)],
        first_page=1,
    )
    for language in book.languages:
        info.switch(language)
        info.paragraph(
            plain(f"{label(language, 'printed')}: {printed_date(language, data.printed_on)}", language),
            11,
        )
        if link:
            info.paragraph(plain(f"{label(language, 'scan')}: {link}", language), 9, color=(90, 90, 90))


def reserve_contents(book: Book) -> list[int]:
    """Reserve the pages for the table of contents (one line per category and per offer)."""
    lines_per_page = int((book.page.bottom - book.page.margin - 16) / 5.2)
    entries = len(book.data.categories) * 2 + len(book.data.offers)
    count = max(1, -(-entries // lines_per_page))
    pages = []
    for _ in range(count):
        book.pdf.add_page()
        pages.append(book.pdf.page)
    return pages


def draw_contents(book: Book, pages: list[int]) -> None:
    pdf, p = book.pdf, book.page
    language = book.language
    rtl = book.rtl
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
    titles: dict[str, list[tuple[str, int]]] = {}
    for slug, title, page in book.offer_pages:
        titles.setdefault(slug, []).append((title, page))
    for category in book.data.categories:
        if category.slug not in book.section_pages:
            continue
        entries.append((category.name(language), book.section_pages[category.slug], True, category.color))
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
        # One line (fitted above): a cell, without line breaking.
        pdf.cell(text_w, height, text, align="R" if rtl else "L", markdown=True)
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
        pdf.cell(number_w, height, local_digits(language, str(page_no)), align="L" if rtl else "R")
        y += height


def _fit(pdf: ShapedPDF, text: str, width: float) -> str:
    """Shorten a one-line entry with an ellipsis until it fits ``width``."""
    if pdf.string_width(text) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1 and pdf.string_width(" ".join(words) + " …") > width:
        words.pop()
    return " ".join(words) + " …"
