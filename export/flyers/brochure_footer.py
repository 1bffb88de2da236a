"""The brochure's page footers: region, print date and page number on every page after the
cover, and the section's colour at the page edge (a thumb index)."""

from __future__ import annotations

from .brochure_book import Book
from .content import isolated, plain
from .layout import hex_rgb, tint
from .wording import label, local_digits, printed_date


def draw_footers(book: Book, first: int) -> None:
    pdf, p = book.pdf, book.page
    language = book.language
    rtl = book.rtl
    for page_no in range(first, len(pdf.pages) + 1):
        pdf.goto(page_no)
        y = p.height - p.margin - 6
        color = hex_rgb(book.section_color.get(page_no, "#888888"))
        if page_no in book.section_color:  # the section's colour at the page edge, a thumb index
            pdf.set_fill_color(*color)
            pdf.rect(0 if rtl else p.width - 4, p.height * 0.35, 4, p.height * 0.3, style="F")
        pdf.set_draw_color(*tint(color, 0.3))
        pdf.set_line_width(0.3)
        pdf.line(p.margin, y - 1.5, p.width - p.margin, y - 1.5)
        footer = (
            f"{isolated(book.data.region_name, language)} · {label(language, 'printed')}: "
            f"{printed_date(language, book.data.printed_on)}"
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
