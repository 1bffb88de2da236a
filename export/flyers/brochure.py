"""Render the region's brochure ("Wegweiser"): a cover, a table of contents, one section per
category in its colour, every offer with its facts and a QR code, page numbers and a
footer with the region and the print date. One language, or German beside another.

Monolingual: two columns per page, an offer never split unless it is longer than a
column. Bilingual: German in the left column, the other language beside it in the
right one, each offer's two versions starting at the same height.

This module puts the parts in order; ``brochure_front`` (cover, contents),
``brochure_sections`` (bands, offers) and ``brochure_footer`` draw them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial

from .brochure_book import Book
from .brochure_data import BrochureData, BrochureResult
from .brochure_footer import draw_footers
from .brochure_front import draw_contents, draw_cover, reserve_contents
from .brochure_sections import place, section_band
from .content import FlyerData
from .flyer import SOURCE_LANGUAGE, flyer_languages, write_pdf
from .layout import Flow, Frame

Progress = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, message: str = "") -> None:
    return None


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
    book = Book(data, languages, size.lower())
    pdf = book.pdf
    draw_cover(book)
    toc = reserve_contents(book)
    by_category: dict[str, list[FlyerData]] = {}
    for offer in data.offers:
        by_category.setdefault(offer.category_slug, []).append(offer)
    total, done = len(data.offers), 0
    progress(0, total, "")
    for category in data.categories:
        offers = by_category.get(category.slug, [])
        if not offers:
            continue
        top = section_band(book, category)
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
            place(book, flows, offer)
            done += 1
            progress(done, total, offer.text(language).title or offer.text(SOURCE_LANGUAGE).title)
    draw_contents(book, toc)
    draw_footers(book, first=2)
    pdf.goto(len(pdf.pages))
    path = write_pdf(pdf, out_path)
    return BrochureResult(path, len(pdf.pages), done, dict(book.section_pages), frozenset(pdf.unprintable))
