"""Fonts parsed once per process and embedded as HarfBuzz subsets (export/flyers/embedding.py):
each document keeps its own subset, the embedded fonts are real, small subsets with the
glyphs drawn, and the text reads back as written (German, Arabic joined, Tigrinya, symbols)."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import TTFFont
from pypdf import PdfReader

from export.flyers.embedding import subset_font
from export.flyers.fontfile import read_font
from export.flyers.fonts import FAMILIES, FONT_DIR, SANS
from export.flyers.pdf import ShapedPDF

from .support import pdftotext

TEXTS = {
    "de": "Straße 12, Grüße aus Köln",
    "ar": "مرحبا بكم في مركز الاندماج",
    "ti": "ሰላም ንኹሉ",
}


def _write(path, language: str, text: str) -> None:
    pdf = ShapedPDF(language=language, families=FAMILIES)
    pdf.add_page()
    pdf.use(language, 14)
    pdf.set_xy(10, 10)
    pdf.multi_cell(180, 8, text, markdown=True, align="R" if language == "ar" else "L")
    pdf.use("de", 14)
    pdf.set_xy(10, 40)
    pdf.multi_cell(180, 8, "→ ≈ ∞", markdown=True)  # from the Noto Sans Math subset
    path.write_bytes(bytes(pdf.output()))


def _embedded_fonts(path) -> dict[str, TTFont]:
    fonts = {}
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            data = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
            fonts[str(font["/BaseFont"])] = TTFont(io.BytesIO(data))
    return fonts


def test_each_document_reads_back_as_written_with_its_own_subset(tmp_path):
    paths = {}
    for language, text in TEXTS.items():  # one process, one parsed copy of each font file
        paths[language] = tmp_path / f"{language}.pdf"
        _write(paths[language], language, text)
    for language, text in TEXTS.items():
        extracted = pdftotext(paths[language])
        assert text in extracted, (language, extracted)
        assert set("→≈∞") <= set(extracted)  # from the symbol font (poppler orders them by the page)
        # The German document embeds no Arabic glyphs, the Arabic one no German letters.
        fonts = _embedded_fonts(paths[language])
        sans = fonts["/MPDFAA+NotoSans"]
        full = TTFont(FONT_DIR / SANS.regular, lazy=True)
        assert sans["maxp"].numGlyphs < 60 < full["maxp"].numGlyphs
        has_umlaut = any(0xFC in table.cmap for table in sans["cmap"].tables)
        assert has_umlaut == (language == "de")


def test_a_document_reusing_a_font_starts_with_an_empty_subset():
    first = ShapedPDF(language="de")
    first.add_page()
    first.use("de", 12)
    first.cell(100, 8, "Wörter")
    first.output()
    second = ShapedPDF(language="de")
    font, other = second.fonts["notosans"], first.fonts["notosans"]
    assert font is not other and font.subset is not other.subset
    assert font.ttfont is other.ttfont  # parsed once
    assert len(font.subset) < len(other.subset)
    assert font.desc is not other.desc  # becomes a PDF object of its own document


def test_subset_keeps_exactly_the_glyphs_asked_for_and_notdef():
    path = str(FONT_DIR / SANS.regular)
    full = TTFont(path, lazy=True)
    wanted = {full.getGlyphID(full.getBestCmap()[ord(c)]) for c in "Aß"}
    data, new_ids = subset_font(path, wanted)
    font = TTFont(io.BytesIO(data))
    assert font["maxp"].numGlyphs == 3
    assert new_ids[0] == 0 and sorted(new_ids[old] for old in wanted) == [1, 2]
    for old in wanted:  # the same outline under its new number
        name, new_name = full.getGlyphOrder()[old], font.getGlyphOrder()[new_ids[old]]
        assert full["glyf"][name].numberOfContours == font["glyf"][new_name].numberOfContours


@pytest.mark.parametrize("file_name", sorted(p.name for p in FONT_DIR.glob("*.ttf")))
def test_harfbuzz_reads_each_bundled_font_as_fpdf2_does(file_name):
    """fontfile.read_font (HarfBuzz) against fpdf2's TTFFont (fontTools), attribute by attribute."""
    pdf = FPDF()
    theirs = TTFFont(pdf, FONT_DIR / file_name, "f", "B")
    ours = read_font(pdf, str(FONT_DIR / file_name), "f", "B", TTFFont)
    for name in ("scale", "name", "up", "ut", "sp", "ss", "emphasis", "is_cff", "is_symbol"):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert ours.glyph_ids == theirs.glyph_ids
    assert dict(ours.cw) == dict(theirs.cw) and ours.cw[0x10FFFF] == theirs.cw[0x10FFFF]
    assert list(ours.cmap)[:1] == list(theirs.cmap)[:1]  # fpdf2's .notdef entry takes the first
    for field in ("ascent", "descent", "cap_height", "flags", "font_b_box", "italic_angle", "stem_v"):
        assert getattr(ours.desc, field) == getattr(theirs.desc, field), field
    assert ours.desc.missing_width == theirs.desc.missing_width
    # Shaping asks the glyph table for names and advances: the same glyphs, the same widths.
    for gid in range(0, len(theirs.ttfont.getGlyphOrder()), 7):
        name = ours.ttfont.getGlyphName(gid)
        assert ours.ttfont.getGlyphID(name) == gid
        assert (
            ours.ttfont["hmtx"].metrics[name][0]
            == theirs.ttfont["hmtx"].metrics[theirs.ttfont.getGlyphName(gid)][0]
        )
