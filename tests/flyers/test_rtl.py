"""Right to left done right: the order of words on a printed line is the order Qt's own
layout engine gives for the same line; wrapped paragraphs keep their first line on top;
phone numbers, e-mails, German names and Extended Arabic-Indic digits keep their order."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from export.flyers.content import plain
from export.flyers.flyer import write_pdf
from export.flyers.fonts import ARABIC, FONT_DIR, SANS
from export.flyers.layout import Flow, Frame
from export.flyers.pdf import ShapedPDF

from .support import MARKS, words

LINES = {
    "ar": "اتصلوا بنا على الرقم 0241 94927-310 أو عبر mbe@caritas-aachen.example في Kapitelstraße "
    "3 الغرفة ۱۲",
    "fa": "با شماره 0241 4792-140 تماس بگیرید یا به Jobcenter آخن بروید؛ اتاق ۱۲۳ طبقه ۴ از 9:00 تا 12:00",
    "ps": "د Caritas دفتر ته راشئ، تلیفون 0241 94927-310 او کوټه ۲۵",
}
# A Latin word first: fpdf2 alone would guess a left-to-right paragraph from it.
LATIN_FIRST = "Jobcenter آخن به شما کمک می‌کند: 0241 4792-140"


def render_lines(path, items, width=180.0):
    pdf = ShapedPDF("a4")
    pdf.add_page()
    for index, (language, text, frame_width) in enumerate(items):
        flow = Flow(
            pdf, language, lambda page, i=index, w=frame_width: [Frame(15, 15 + i * 60, w, 290)], first_page=1
        )
        flow.paragraph(text, 11)
    write_pdf(pdf, path)
    return path


def logical_words(text: str) -> list[str]:
    return [w for w in re.split(r"[ \u00a0]+", text.translate(MARKS)) if w]


def match(pdf_word: str, candidates: list[str]) -> str:
    """The logical word a pdftotext word is (right-to-left words come out in visual order)."""
    found = [c for c in candidates if Counter(c) == Counter(pdf_word)]
    assert len(found) == 1, (pdf_word, candidates)
    return found[0]


def qt_visual_order(qapp, text: str) -> list[str]:
    """Words of a right-to-left line from left to right, as QTextLayout lays them out."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QFontDatabase, QTextLayout, QTextLine, QTextOption

    families = []
    for file_name in (ARABIC.regular, SANS.regular):
        font_id = QFontDatabase.addApplicationFont(str(FONT_DIR / file_name))
        families += QFontDatabase.applicationFontFamilies(font_id)
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(11)
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100000)
    layout.endLayout()

    def x_of(position: int, edge) -> float:
        x = line.cursorToX(position, edge)
        return x[0] if isinstance(x, tuple) else x

    # Each character's box lies between its leading and its trailing edge.
    edges = (QTextLine.Edge.Leading, QTextLine.Edge.Trailing)
    spans = []
    for match_ in re.finditer(r"[^ \u00a0]+", text):
        word = match_.group(0).translate(MARKS)
        if word:
            # Bidi marks are left out: an isolate's closing PDI sits outside it, at the far end.
            visible = [i for i in range(match_.start(), match_.end()) if ord(text[i]) not in MARKS]
            spans.append((min(x_of(i, e) for i in visible for e in edges), word))
    return [word for _, word in sorted(spans)]


@pytest.mark.parametrize("language", ["ar", "fa", "ps"])
def test_word_order_on_a_line_matches_qt(qapp, tmp_path, language):
    text = plain(LINES[language], language)
    pdf = render_lines(tmp_path / "line.pdf", [(language, text, 180)])
    candidates = logical_words(text)
    printed = [match(w.text, candidates) for w in sorted(words(pdf), key=lambda w: w.x_min)]
    assert printed == qt_visual_order(qapp, text)
    assert len(printed) == len(candidates)


def test_numbers_and_addresses_keep_their_order(tmp_path):
    pdf = render_lines(
        tmp_path / "line.pdf", [("ar", plain(LINES["ar"], "ar"), 180), ("fa", plain(LINES["fa"], "fa"), 180)]
    )
    texts = [w.text for w in sorted(words(pdf), key=lambda w: (w.y_min, w.x_min))]
    # Extended Arabic-Indic digits read left to right (۱۲ is twelve, never ۲۱) ...
    assert "۱۲" in texts and "۱۲۳" in texts and "۲۱" not in texts and "۳۲۱" not in texts
    # ... and a phone number's parts stay in order: area code left of the number.
    ws = sorted(words(pdf), key=lambda w: w.x_min)
    first_line = [w.text for w in ws if w.y_min < ws[0].y_min + 5]
    assert first_line.index("0241") + 1 == first_line.index("94927-310")
    assert "mbe@caritas-aachen.example" in texts and "Kapitelstraße" in texts


def test_wrapped_paragraph_keeps_its_first_line_on_top_and_right(tmp_path):
    text = plain("السطر الأول يبدأ هنا " + " ".join(["كلمة"] * 40) + " وهذه نهاية الفقرة", "ar")
    pdf = render_lines(tmp_path / "wrap.pdf", [("ar", text, 60)])
    ws = words(pdf)
    lines = sorted({round(w.y_min) for w in ws})
    assert len(lines) >= 4
    top = [w for w in ws if round(w.y_min) == lines[0]]
    bottom = [w for w in ws if round(w.y_min) == lines[-1]]
    # The first words of the paragraph are on the top line, at its right end.
    rightmost_top = max(top, key=lambda w: w.x_max)
    assert Counter(rightmost_top.text) == Counter("السطر")
    assert any(Counter(w.text) == Counter("الفقرة") for w in bottom)
    # Lines are right-aligned: every line ends at the same right edge.
    right_edges = {round(max(w.x_max for w in ws if round(w.y_min) == y)) for y in lines}
    assert max(right_edges) - min(right_edges) <= 1


def test_direction_comes_from_the_language_not_the_first_word(qapp, tmp_path):
    """An Arabic-script paragraph starting with a Latin word is still laid out right to left."""
    text = plain(LATIN_FIRST, "fa")
    pdf = render_lines(tmp_path / "latin-first.pdf", [("fa", text, 180)])
    ws = sorted(words(pdf), key=lambda w: w.x_min)
    assert ws[-1].text == "Jobcenter"  # the first word is at the right edge
    candidates = logical_words(text)
    assert [match(w.text, candidates) for w in ws] == qt_visual_order(qapp, text)


def test_bold_heading_does_not_leak_into_an_isolated_address():
    """A paragraph that starts with a bidi isolate (a German street in Farsi text) is set in
    regular type even right after a bold heading."""
    from export.flyers.content import isolated

    pdf = ShapedPDF("a4")
    pdf.add_page()
    pdf.use("fa", 10, bold=True)
    pdf.get_string_width(plain("نشانی", "fa"), markdown=True)
    pdf.use("fa", 10)
    address = plain(isolated("Peterstraße 21", "fa") + "\n" + isolated("52062 Aachen", "fa"), "fa")
    fragments = pdf._preload_bidirectional_text(address, True)
    assert fragments and {f.font_style for f in fragments} == {""}
