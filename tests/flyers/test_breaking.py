"""Our line breaker (export/flyers/breaking.py) gives exactly the lines fpdf2's MultiLineBreak
gives: the same characters in the same line fragments (style, font, link), the same widths to
the last bit, spaces, alignment, heights and trailing breaks, for any text in any of the
flyer's scripts, with bold, bidi isolates, no-break and other spaces, line breaks and words
longer than the line; and the same error where not even one character fits."""

from __future__ import annotations

from fpdf.enums import Align, WrapMode
from fpdf.errors import FPDFException
from fpdf.line_break import MultiLineBreak
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export.flyers.breaking import break_lines
from export.flyers.pdf import ShapedPDF
from models.bidi import isolate_latin_runs
from models.languages import language_info

WORDS = {
    "de": ["Beratung", "für", "Geflüchtete", "Integrationskurs", "Straße", "Öffnungszeiten", "und", "im"],
    "ar": ["استشارة", "للاجئين", "دورة", "الاندماج", "مجانية", "في", "لا", "الأسبوع"],
    "ti": ["ምኽሪ", "ንስደተኛታት", "ትምህርቲ", "ቋንቋ", "ነጻ", "ኣብ"],
    "uk": ["Консультація", "для", "біженців", "Понеділок", "безкоштовно"],
    "fa": ["مشاوره", "برای", "پناهجویان", "رایگان", "کلاس"],
}
COMMON = [
    "0241 4792-140",
    "https://www.vhs-aachen.de/kurse/integration",
    "12,50 €",
    "52062",
    "Kármán-Straße 17",
    "**fett**",
    "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen",
    "–",
    "(A1–B2)",
    "9:00–12:30",
]
SEPARATORS = [" ", " ", " ", " ", "  ", "\u00a0", "\n", "\t", "\u200b", "\u2009", ", ", ": "]


def _lines_of(breaker) -> list:
    lines = []
    while (line := breaker.get_line()) is not None:
        lines.append(line)
    return lines


def _described(lines) -> list:
    return [
        (
            [(f.characters, f.graphics_state, f.k, f.link) for f in line.fragments],
            line.text_width,
            line.number_of_spaces,
            line.align,
            line.height,
            line.max_width,
            line.trailing_nl,
            line.trailing_form_feed,
            line.indent,
        )
        for line in lines
    ]


_PDF = ShapedPDF("a4", language="de")


@st.composite
def paragraphs(draw):
    language = draw(st.sampled_from(sorted(WORDS)))
    pool = WORDS[language] + COMMON
    words = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=40))
    text = words[0]
    for word in words[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + word
    if language_info(language).is_rtl and draw(st.booleans()):
        text = isolate_latin_runs(text)
    size = draw(st.sampled_from([6.0, 7.5, 8.5, 9.0, 10.0, 10.5, 12.5, 16.0]))
    width = draw(st.floats(min_value=2.0, max_value=180.0, allow_nan=False))
    align = draw(st.sampled_from([Align.L, Align.R, Align.J, Align.C]))
    return language, text, size, draw(st.booleans()), width, align


def _both(language, text, size, bold, width, align):
    pdf = _PDF
    pdf.use(language, size, bold)
    pdf._push_local_stack()
    try:
        fragments = list(pdf._preload_bidirectional_text(text, True))
    finally:
        pdf._pop_local_stack()
    try:
        theirs = _lines_of(MultiLineBreak(fragments, width, [0, 0], align=align, wrapmode=WrapMode.WORD))
    except FPDFException as error:
        theirs = str(error)
    try:
        ours = break_lines(fragments, width, align)
    except FPDFException as error:
        ours = str(error)
    return ours, theirs


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs())
def test_our_lines_are_fpdf2s(paragraph):
    ours, theirs = _both(*paragraph)
    if isinstance(theirs, str):
        assert ours == theirs
    else:
        assert ours is not None
        assert _described(ours) == _described(theirs)


def test_the_flyer_texts_break_alike_at_every_width():
    """The sample texts of every flyer language, at the widths and sizes a flyer uses."""
    from tests.flyers.support import SAMPLES

    for code, sample in SAMPLES.items():
        if code == "note":
            continue
        for text in (sample["title"], sample["summary"], sample["content"]):
            for width in (30.0, 58.7, 86.0, 122.5):
                for size in (7.5, 10.5):
                    ours, theirs = _both(code, text, size, False, width, Align.R)
                    assert _described(ours) == _described(theirs), (code, width, size)


def test_a_soft_hyphen_is_left_to_fpdf2():
    pdf = _PDF
    pdf.use("de", 10)
    fragments = list(pdf._preload_bidirectional_text("Integrations\u00adkurs", True))
    assert break_lines(fragments, 20.0, Align.L) is None
