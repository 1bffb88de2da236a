"""Fonts parsed once per process and embedded as HarfBuzz subsets.

fpdf2 2.8.9 parses every TrueType file with fontTools again for each document (a
fifth of a warm flyer's time) and, when writing, subsets each font with fontTools in
Python (another quarter). Here a font file is parsed once per process: each document
gets a light copy that shares the parsed tables, widths and HarfBuzz face, with a
glyph subset of its own. Writing subsets with HarfBuzz's subsetter (C, milliseconds)
and embeds the result the way fpdf2 does (a Type0 font over a CIDFontType2, a ToUnicode
map and a CIDToGIDMap), so text extraction and the glyphs are unchanged.

The shared parts are only read: the per-document state (subset, missing glyphs, the
font descriptor that becomes a PDF object, the largest size used) is per copy.
"""

from __future__ import annotations

import copy
import threading
from typing import Any, TypeGuard

import uharfbuzz as hb
from fpdf.enums import TextEmphasis
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.output import (
    CIDSystemInfo,
    OutputProducer,
    PDFFont,
    PDFFontStream,
    _build_cmap_blocks,
    _tt_font_widths,
)
from fpdf.syntax import Name, PDFArray, PDFContentStream

from .fontfile import face, read_font

# Tables a PDF viewer never reads from an embedded font (shaping happened before).
_DROPPED = ("GSUB", "GPOS", "GDEF", "MATH", "hdmx", "meta", "FFTM", "SVG ", "COLR", "CPAL", "sbix")
_PROTOTYPES: dict[str, TTFFont] = {}
_LOCK = threading.Lock()


def document_font(pdf: Any, path: str, fontkey: str, style: str, kind: type[TTFFont]) -> TTFFont:
    """The font at ``path`` for this document: a copy of the process's parsed font with an
    empty subset of its own."""
    with _LOCK:
        prototype = _PROTOTYPES.get(path)
        if prototype is None:
            prototype = _PROTOTYPES[path] = read_font(pdf, path, fontkey, style, kind)
    font = copy.copy(prototype)
    font.i = len(pdf.fonts) + 1
    font.fontkey = fontkey
    font.emphasis = TextEmphasis.coerce(style)
    font.biggest_size_pt = 0
    font.missing_glyphs = []
    font.desc = copy.copy(prototype.desc)
    font.subset = SubsetMap(font)
    return font


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


def subset_font(path: str, glyph_ids: set[int]) -> tuple[bytes, dict[int, int]]:
    """The font file cut down to these glyphs (and .notdef), and the old -> new glyph ids."""
    request = hb.SubsetInput()
    request.glyph_set.update(glyph_ids)
    for name in _DROPPED:
        request.drop_table_tag_set.add(_tag(name))
    request.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    plan = hb.SubsetPlan(face(path), request)
    mapping = dict(plan.old_to_new_glyph_mapping.items())
    return bytes(plan.execute().blob.data), mapping


def _utf16(code: int) -> str:
    if code > 0xFFFF:  # a surrogate pair
        return f"{0xD800 | (code - 0x10000) >> 10:04X}{0xDC00 | (code & 0x3FF):04X}"
    return f"{code:04X}"


def _to_unicode(font: TTFFont) -> bytes:
    """The map from the document's codes back to text (copying, searching, reading aloud)."""
    entries = [
        f"<{code:04X}> <{''.join(_utf16(c) for c in glyph.unicode)}>\n"
        for glyph, code in font.subset.items()
        if glyph is not None and isinstance(glyph.unicode, tuple) and glyph.unicode
    ]
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
        "<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{_build_cmap_blocks(entries, 'bfchar')}"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode("latin-1")


def _plain_truetype(font: object) -> TypeGuard[TTFFont]:
    return isinstance(font, TTFFont) and not font.color_font and not font.is_cff and not font.is_compressed


class HarfBuzzSubsetting(OutputProducer):
    """fpdf2's writer with the font subsetting done by HarfBuzz (documents with only plain
    TrueType fonts; anything else goes the fpdf2 way)."""

    def _add_fonts(
        self,
        image_objects_per_index: dict[int, Any],
        gfxstate_objs_per_name: dict[str, Any],
        pattern_objs_per_name: dict[str, Any],
    ) -> dict[int, Any]:
        fonts = sorted(self.fpdf.fonts.values(), key=lambda font: font.i)
        truetype = [font for font in fonts if _plain_truetype(font)]
        if self.fpdf._compliance or len(truetype) != len(fonts):
            return super()._add_fonts(image_objects_per_index, gfxstate_objs_per_name, pattern_objs_per_name)
        embedded: dict[int, Any] = {font.i: self._embed(font) for font in truetype}
        # SubsetMap's memos are process-wide (functools.cache on the methods): fpdf2 clears them too.
        SubsetMap.pick.cache_clear()
        SubsetMap.get_glyph.cache_clear()
        return embedded

    def _embed(self, font: TTFFont) -> PDFFont:
        fontname = f"MPDFAA+{font.name}"
        # By name, as fpdf2 does: the .notdef entry carries a code point, not a glyph id, in its glyph_id.
        gid = font.ttfont.getGlyphID
        used = [(gid(glyph.glyph_name), code) for glyph, code in font.subset.items() if glyph is not None]
        data, new_ids = subset_font(str(font.ttffile), {old for old, _ in used})
        composite = PDFFont(subtype="Type0", base_font=fontname, encoding="Identity-H")
        self._add_pdf_obj(composite, "fonts")
        cid_font = PDFFont(
            subtype="CIDFontType2", base_font=fontname, d_w=font.desc.missing_width, w=_tt_font_widths(font)
        )
        self._add_pdf_obj(cid_font, "fonts")
        composite.descendant_fonts = PDFArray([cid_font])
        to_unicode = PDFContentStream(_to_unicode(font))
        self._add_pdf_obj(to_unicode, "fonts")
        composite.to_unicode = to_unicode
        system_info = CIDSystemInfo()
        self._add_pdf_obj(system_info, "fonts")
        cid_font.c_i_d_system_info = system_info
        descriptor = font.desc
        descriptor.font_name = Name(fontname)
        self._add_pdf_obj(descriptor, "fonts")
        cid_font.font_descriptor = descriptor
        # Code -> glyph in the subset, two bytes big-endian per code from 0 to 0xFFFF.
        cid_to_gid = bytearray(2 * 256 * 256)
        for old, code in used:
            new = new_ids[old]
            cid_to_gid[2 * code] = new >> 8
            cid_to_gid[2 * code + 1] = new & 0xFF
        gid_map = PDFContentStream(contents=bytes(cid_to_gid), compress=True)
        self._add_pdf_obj(gid_map, "fonts")
        cid_font.c_i_d_to_g_i_d_map = gid_map
        stream = PDFFontStream(contents=data)
        self._add_pdf_obj(stream, "fonts")
        descriptor.font_file2 = stream  # type: ignore[attr-defined]
        return composite
