"""A single-offer flyer, A4 or A5, in one language or German beside/above another.

Layouts (all mirrored for right-to-left languages):

* A4, one language: the region's logo strip, the title band, the summary; below it
  the offer's text in the wide column at the start edge and its facts (address,
  opening hours, contacts, languages, target groups, cost) in the narrow column.
* A5, one language: one column, text then facts.
* A4 bilingual: German on the left half, the other language on the right half,
  each in its own direction with its own title band and facts.
* A5 bilingual: German above, the other language below.

Every layout has the footer: the organisation (logo and name), the print date and
a QR code to the offer. The type shrinks step by step until the flyer fits one
page; when it does not fit even at the smallest size, it keeps full-size type and
continues on further pages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from models.languages import language_info

from ..leftovers import partial_file
from .content import FlyerData, isolated, plain
from .coverage import ForeignPart, foreign_parts
from .fonts import families_for
from .layout import Flow, Frame, PageLimit, hex_rgb
from .marks import draw_logo, draw_qr
from .pdf import PAGE_SIZES, ShapedPDF
from .sections import facts, offer_text, title_band
from .wording import label, printed_date, vocabulary

SCALES = (1.0, 0.94, 0.88, 0.82, 0.77, 0.73)
SOURCE_LANGUAGE = "de"


@dataclass
class FlyerResult:
    path: Path
    pages: int
    scale: float
    languages: tuple[str, ...]
    unprintable: frozenset[str] = frozenset()  # characters no bundled font has (printed as boxes)
    # Printed words not in the flyer's language (a category without a name in it, a German cost ...).
    foreign: tuple[ForeignPart, ...] = ()


@dataclass(frozen=True)
class _Geometry:
    width: float
    height: float
    margin: float
    qr: float
    strip: float

    @property
    def footer_top(self) -> float:
        return self.height - self.margin - self.qr

    @property
    def body_bottom(self) -> float:
        return self.footer_top - 4


def _geometry(size: str) -> _Geometry:
    width, height = PAGE_SIZES[size]
    if size == "a5":
        return _Geometry(width, height, margin=9, qr=24, strip=11)
    return _Geometry(width, height, margin=13, qr=30, strip=14)


def flyer_languages(language: str, bilingual: bool) -> tuple[str, ...]:
    if bilingual and language != SOURCE_LANGUAGE:
        return (SOURCE_LANGUAGE, language)
    return (language,)


def _chrome_language(languages: tuple[str, ...]) -> str:
    """The page furniture (logos, QR, footer) follows the one language, or German."""
    return languages[0]


# -- page furniture ----------------------------------------------------------
def _strip(pdf: ShapedPDF, data: FlyerData, g: _Geometry, language: str) -> None:
    """The region's logo (or name) at the end edge of the top strip."""
    rtl = language_info(language).is_rtl
    logo_w = 46
    x = g.margin if rtl else g.width - g.margin - logo_w
    if not draw_logo(pdf, data.region_logo, x, g.margin * 0.5, logo_w, g.strip - 2):
        pdf.use(SOURCE_LANGUAGE, 10, bold=True)
        pdf.set_text_color(60, 60, 60)
        pdf.set_xy(g.margin, g.margin * 0.5 + 2)
        pdf.multi_cell(
            g.width - 2 * g.margin,
            5,
            plain(data.region_name, SOURCE_LANGUAGE),
            align="L" if rtl else "R",
            markdown=True,
            new_x="LMARGIN",
            new_y="NEXT",
        )


def _footer(pdf: ShapedPDF, data: FlyerData, g: _Geometry, languages: tuple[str, ...], with_qr: bool) -> None:
    chrome = _chrome_language(languages)
    rtl = language_info(chrome).is_rtl
    top = g.footer_top
    pdf.set_draw_color(*hex_rgb(data.category_color))
    pdf.set_line_width(0.5)
    pdf.line(g.margin, top - 2, g.width - g.margin, top - 2)
    qr_x = g.margin if rtl else g.width - g.margin - g.qr
    link = data.link(languages[-1])
    if with_qr and link:
        draw_qr(pdf, link, qr_x, top, g.qr)
    # The information block at the start edge, beside the QR code.
    info_w = g.width - 2 * g.margin - g.qr - 4
    info_x = g.width - g.margin - info_w if rtl else g.margin
    y = top + 1
    logo_h = g.qr * 0.42
    logo_x = info_x + info_w - 40 if rtl else info_x
    if draw_logo(pdf, data.organization_logo, logo_x, y, 40, logo_h):
        y += logo_h + 1.5
    small = 7.5 if g.width < 200 else 8.5
    lines: list[tuple[str, str, bool]] = []
    if data.organization_name:
        name = plain(isolated(data.organization_name, chrome), chrome)
        lines.append((chrome, f"{label(chrome, 'by')}: **{name}**", False))
    for language in languages:
        region = isolated(data.region_name, language)
        lines.append(
            (
                language,
                plain(
                    f"{label(language, 'printed')}: {printed_date(language, data.printed_on)} · {region}",
                    language,
                ),
                False,
            )
        )
    if with_qr and link:
        for language in languages:
            lines.append((language, plain(f"{label(language, 'scan')}:", language), True))
        lines.append((SOURCE_LANGUAGE, plain(link, SOURCE_LANGUAGE), True))
    for language, text, muted in lines:
        size = small
        pdf.use(language, size)
        if text == plain(link or "", SOURCE_LANGUAGE):
            while size > 5.5 and pdf.string_width(text) > info_w:  # the address on one line: smaller type
                size -= 0.25
                pdf.use(language, size)
        pdf.set_text_color(*((90, 90, 90) if muted else (40, 40, 40)))
        pdf.set_xy(info_x, y)
        y += (
            pdf.multi_cell(
                info_w,
                size * 0.3528 * 1.3,
                text,
                align="R" if language_info(language).is_rtl else "L",
                markdown=True,
                output="HEIGHT",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            + 0.6
        )


# -- layouts -----------------------------------------------------------------
def _frames(g: _Geometry, columns: list[tuple[float, float]], first_top: float):
    """Frame lists per page: page 1 starts below the header, later pages at the margin."""

    def frames_for_page(page: int) -> list[Frame]:
        top = first_top if page == 1 else g.margin
        return [Frame(x, top, w, g.body_bottom) for x, w in columns]

    return frames_for_page


def _layout(
    pdf: ShapedPDF,
    data: FlyerData,
    g: _Geometry,
    languages: tuple[str, ...],
    scale: float,
    measuring: bool,
    page_limit: int | None = None,
) -> int:
    """Lay the flyer out (or measure it); returns the number of pages it needs, or raises
    ``PageLimit`` as soon as it needs more than ``page_limit``."""
    inner = g.width - 2 * g.margin
    top = g.margin * 0.5 + g.strip + 2
    color = data.category_color
    kwargs = dict(scale=scale, color=color, measuring=measuring, first_page=1, page_limit=page_limit)
    pages = 1
    if len(languages) == 1 and g.width > 200:  # A4, one language: text and facts side by side
        language = languages[0]
        rtl = language_info(language).is_rtl
        head = Flow(pdf, language, _frames(g, [(g.margin, inner)], top), **kwargs)
        title_band(head, data, title_points=22, bleed=g.margin)
        text = data.text(language)
        if text.summary:
            head.paragraph(plain(text.summary, language), 12.5, gap=4, color=(40, 40, 40))
        side_w = inner * 0.36
        main_w = inner - side_w - 7
        main_x = g.margin + side_w + 7 if rtl else g.margin
        side_x = g.margin if rtl else g.margin + main_w + 7
        main = Flow(pdf, language, _frames(g, [(main_x, main_w)], head.y), **kwargs)
        side = Flow(pdf, language, _frames(g, [(side_x, side_w)], head.y), **kwargs)
        offer_text(main, _without_summary(data, language))
        facts(side, data)
        pages = max(head.page, main.page, side.page)
    elif len(languages) == 2 and g.width > 200:  # A4 bilingual: halves side by side
        half = (inner - 8) / 2
        flows = [
            Flow(pdf, language, _frames(g, [(g.margin + index * (half + 8), half)], top), **kwargs)
            for index, language in enumerate(languages)
        ]
        band = max(
            flow._measure(lambda f=flow: title_band(f, data, title_points=16)) or 0.0 for flow in flows
        )
        for flow in flows:
            flow.y = flow.frame.top
            title_band(flow, data, title_points=16, min_height=band)
            offer_text(flow, data, summary_points=10.5)
            flow.space(2)
            facts(flow, data, points=9)
            pages = max(pages, flow.page)
    else:  # A5: one column, the languages one after the other
        previous: Flow | None = None
        for language in languages:
            flow = Flow(pdf, language, _frames(g, [(g.margin, inner)], top), **kwargs)
            if previous is not None:
                flow.page, flow.frame_index, flow.y = previous.page, previous.frame_index, previous.y + 4
            title_band(flow, data, title_points=15, bleed=g.margin)
            offer_text(flow, data, summary_points=10.5)
            flow.space(2)
            facts(flow, data, points=9)
            previous = flow
            pages = max(pages, flow.page)
    return pages


def _without_summary(data: FlyerData, language: str) -> FlyerData:
    texts = dict(data.texts)
    texts[language] = replace(data.text(language), summary="")
    return replace(data, texts=texts)


def render_flyer(
    data: FlyerData,
    out_path: str | os.PathLike,
    language: str = "de",
    *,
    bilingual: bool = False,
    size: str = "a4",
) -> FlyerResult:
    """Render one offer's flyer to ``out_path`` (written atomically); returns what was made."""
    size = size.lower()
    languages = flyer_languages(language, bilingual)
    g = _geometry(size)
    title = data.text(languages[-1]).title or data.text(SOURCE_LANGUAGE).title
    text = repr(data) + "".join(vocabulary(code, data.languages_spoken) for code in languages)
    pdf = ShapedPDF(size, title=title, language=languages[-1], families=families_for(text, languages))
    pdf.add_page()
    chosen = _largest_fitting_scale(lambda scale: _fits_one_page(pdf, data, g, languages, scale))
    _strip(pdf, data, g, _chrome_language(languages))
    pages = _layout(pdf, data, g, languages, chosen, measuring=False)
    for page in range(1, len(pdf.pages) + 1):
        pdf.goto(page)
        _footer(pdf, data, g, languages, with_qr=page == 1)
    pdf.goto(len(pdf.pages))
    return FlyerResult(
        write_pdf(pdf, out_path),
        pages,
        chosen,
        languages,
        frozenset(pdf.unprintable),
        tuple(foreign_parts(data, language)),
    )


def _fits_one_page(
    pdf: ShapedPDF, data: FlyerData, g: _Geometry, languages: tuple[str, ...], scale: float
) -> bool:
    """Measuring asks only whether the flyer fits one page: it stops at the first line on a second."""
    try:
        return _layout(pdf, data, g, languages, scale, measuring=True, page_limit=1) == 1
    except PageLimit:
        return False


def _largest_fitting_scale(fits) -> float:
    """The largest of SCALES at which the flyer fits one page (binary search). When even the
    smallest type does not fit, full-size type on two pages (front and back) reads better.
    When the middle size does not fit, the smallest is tried next: a text that needs two
    pages anyway costs three measurements, any other at most four."""
    if fits(SCALES[0]):
        return SCALES[0]
    middle = len(SCALES) // 2
    if fits(SCALES[middle]):
        return _first_fitting(fits, 1, middle - 1, SCALES[middle])
    if not fits(SCALES[-1]):
        return SCALES[0]
    return _first_fitting(fits, middle + 1, len(SCALES) - 2, SCALES[-1])


def _first_fitting(fits, low: int, high: int, best: float) -> float:
    """The largest fitting of SCALES[low..high] (larger first), else ``best``."""
    while low <= high:
        middle = (low + high) // 2
        if fits(SCALES[middle]):
            best, high = SCALES[middle], middle - 1
        else:
            low = middle + 1
    return best


def write_pdf(pdf: ShapedPDF, out_path: str | os.PathLike) -> Path:
    """Write the PDF beside its final name and rename it: a failed run leaves no half file."""
    path = Path(out_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = partial_file(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(pdf.output())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
