"""The brochure's sections: a category's coloured band, one offer's block (facts, QR code,
opening hours) and placing each offer in the columns, languages side by side."""

from __future__ import annotations

from models.languages import language_info

from .brochure_book import Book
from .brochure_data import Category
from .content import FlyerData, isolated, plain
from .layout import Flow, Frame, hex_rgb
from .marks import draw_qr
from .sections import address_lines, contact_lines
from .wording import cost_text, hours_rows, label


def section_band(book: Book, category: Category) -> float:
    """A new page opening the category's section; returns where the columns start."""
    pdf, p = book.pdf, book.page
    pdf.add_page()
    book.section_pages[category.slug] = pdf.page
    color = hex_rgb(category.color)
    pdf.set_fill_color(*color)
    pdf.rect(0, p.margin - 4, p.width, 16, style="F")
    names = [plain(category.name(language), language) for language in book.languages]
    for language, name, frame in zip(
        book.languages,
        names,
        book.columns(p.margin)
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


def offer_block(flow: Flow, offer: FlyerData) -> None:
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
        value: str,
        points: float,
        *,
        bold: bool = False,
        gap: float = 0.4,
        color: tuple[int, int, int] = (30, 30, 30),
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
            f"**{plain(label(language, 'cost'), language)}:** {plain(isolated(cost, language), language)}",
            8,
        )
    rows = hours_rows(language, offer.opening_hours, width="abbreviated", open_only=True)
    flow.y = max(flow.y, top + qr + 1)
    if rows:
        flow.table([(plain(k, language), plain(v, language)) for k, v in rows], 8, key_share=0.3, shade=False)
    flow.y += 3


def place(book: Book, flows: list[Flow], offer: FlyerData) -> None:
    """Draw the offer in every flow (language) side by side; when it does not fit the
    rest of the column, draw it at the top of the next one. Measured first (the lines
    broken then are the ones drawn), so each offer is drawn once."""
    lead = max(flows, key=lambda f: (f.page, f.frame_index, f.y))
    for f in flows:  # both languages start at the same height
        f.page, f.frame_index, f.y = lead.page, lead.frame_index, lead.y
        f.keep = True
    if not lead.at_frame_top():
        start, overfull = lead.y, False
        for f in flows:
            f.measuring = True
            try:
                offer_block(f, offer)
            finally:
                f.measuring = False
            overfull = overfull or f.overfull
            f.y = start
        if overfull:
            for f in flows:
                f.keep = False
                f.next_frame()
                f.keep = True
    book.pdf.goto(flows[0].page)
    for f in flows:
        offer_block(f, offer)
    for f in flows:
        f.keep = False
    first = flows[-1]
    book.offer_pages.append((offer.category_slug, offer.text(first.language).title, first.page))
