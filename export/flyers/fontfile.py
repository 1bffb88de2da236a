"""A bundled TrueType font read with HarfBuzz, as fpdf2's ``TTFFont`` holds it.

fpdf2 2.8.9 reads a font with fontTools in Python: the first flyer of a process spent
about a second importing fontTools' table modules and decoding cmap, hmtx, glyf, name
and post for four fonts. HarfBuzz (already loaded for shaping) answers the same
questions from C: the character map, advances, glyph names and the few header fields
of the PDF font descriptor. ``tests/flyers/test_embedding.py`` checks that every
bundled font reads the same both ways.
"""

from __future__ import annotations

import re
import struct
import threading
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import uharfbuzz as hb
from fpdf.enums import FontDescriptorFlags, TextEmphasis
from fpdf.fonts import HarfBuzzFont, PDFFontDescriptor, SubsetMap, TTFFont

_FACES: dict[str, hb.Face] = {}
_LOCK = threading.Lock()


def face(path: str) -> hb.Face:
    """The font file's HarfBuzz face, made once per process."""
    with _LOCK:
        found = _FACES.get(path)
        if found is None:
            found = _FACES[path] = hb.Face(hb.Blob.from_file_path(path))
        return found


def code_points(path: str) -> frozenset[int]:
    """The characters the font has a glyph for."""
    return frozenset(face(path).unicodes)


class GlyphTable:
    """What fpdf2 and ``embedding`` ask of ``TTFFont.ttfont`` once the font is read:
    glyph names and ids both ways and the advances."""

    def __init__(self, names: list[str], advances: list[int]) -> None:
        self.names = names
        self.ids = {name: gid for gid, name in enumerate(names)}
        # ``ttfont["hmtx"].metrics[name]``: (advance, left side bearing); only the advance is read.
        self._hmtx = SimpleNamespace(
            metrics={name: (width, 0) for name, width in zip(names, advances, strict=True)}
        )

    def getGlyphName(self, gid: int) -> str:  # noqa: N802 - fontTools' name, as fpdf2 calls it
        return self.names[gid]

    def getGlyphID(self, name: str) -> int:  # noqa: N802
        return self.ids[name]

    def __getitem__(self, table: str) -> Any:
        if table != "hmtx":
            raise KeyError(table)
        return self._hmtx

    def __contains__(self, table: str) -> bool:
        return table == "hmtx"

    def close(self) -> None:
        return None


def _full_name(source: hb.Face) -> str:
    """fontTools' ``getBestFullName``: the (typographic) family and subfamily, "Regular" left out."""
    for family_id, sub_id in ((21, 22), (16, 17), (1, 2)):
        family, sub = source.get_name(family_id), source.get_name(sub_id)
        if family and sub:
            return family if sub.lower() == "regular" else f"{family} {sub}"
    return source.get_name(4) or source.get_name(6) or ""


def _fields(source: hb.Face, tag: str, layout: str, offset: int = 0) -> tuple[Any, ...]:
    return struct.unpack_from(">" + layout, source.reference_table(tag).data, offset)


def read_font(pdf: Any, path: str, fontkey: str, style: str, kind: type[TTFFont]) -> TTFFont:
    """A ``TTFFont`` (of class ``kind``) with every attribute fpdf2's constructor sets, read
    with HarfBuzz. Only plain TrueType (glyf) fonts, which is what ``FONT_DIR`` holds."""
    source = face(path)
    tags = set(source.table_tags)
    if "glyf" not in tags:
        raise ValueError(f"{path}: not a TrueType (glyf) font")
    shaper = HarfBuzzFont(source)
    count = source.glyph_count
    names: list[str] = []
    seen: set[str] = set()
    for gid in range(count):
        name = shaper.get_glyph_name(gid) or (".notdef" if gid == 0 else "")
        if not name or name in seen:  # as fontTools names a glyph the post table leaves unnamed
            name = f"glyph{gid:05d}"
        seen.add(name)
        names.append(name)
    advances = [shaper.get_glyph_h_advance(gid) for gid in range(count)]
    font = kind.__new__(kind)
    font.i = len(pdf.fonts) + 1
    font.type = "TTF"
    font.ttffile = Path(path)
    font.is_compressed = False
    font._hbfont = shaper
    font.fontkey = fontkey
    font.biggest_size_pt = 0
    font.collection_font_number = 0
    font.ttfont = GlyphTable(names, advances)
    font.is_cff = font.is_cid_keyed = font.is_symbol = False
    font.cff_ros = None
    font.scale = scale = 1000 / source.upem
    x_min, y_min, x_max, y_max = _fields(source, "head", "4h", 36)
    ascent, descent = _fields(source, "hhea", "2h", 4)
    (weight,) = _fields(source, "OS/2", "H", 4)
    strike_size, strike_position = _fields(source, "OS/2", "2h", 26)
    os2_version = _fields(source, "OS/2", "H")[0]
    cap_height = _fields(source, "OS/2", "h", 88)[0] if os2_version >= 2 else ascent
    italic_fixed, underline_position, underline_thickness, fixed_pitch = _fields(source, "post", "i2hI", 4)
    italic_angle = italic_fixed / 65536
    flags = FontDescriptorFlags.SYMBOLIC
    if fixed_pitch:
        flags |= FontDescriptorFlags.FIXED_PITCH
    if italic_angle != 0:
        flags |= FontDescriptorFlags.ITALIC
    if weight >= 600:
        flags |= FontDescriptorFlags.FORCE_BOLD
    default_width = round(scale * advances[0])
    font.desc = PDFFontDescriptor(
        ascent=round(ascent * scale),
        descent=round(descent * scale),
        cap_height=round(cap_height * scale),
        flags=flags,
        font_b_box=f"[{x_min * scale:.0f} {y_min * scale:.0f} {x_max * scale:.0f} {y_max * scale:.0f}]",
        italic_angle=int(italic_angle),
        stem_v=round(50 + int(pow((weight / 65), 2))),
        missing_width=default_width,
    )
    font.cw = defaultdict(lambda: default_width)
    font.cmap = {}
    font.glyph_ids = {}
    for code in sorted(source.unicodes):
        gid = shaper.get_nominal_glyph(code)
        if gid is None:
            continue
        font.cmap[code] = names[gid]
        font.glyph_ids[code] = gid
        width = advances[gid]
        font.cw[code] = round(scale * (0 if width == 65535 else width) + 0.001)
    font.missing_glyphs = []
    font.name = re.sub("[ ()]", "", _full_name(source))
    font.up = round(underline_position * scale)
    font.ut = round(underline_thickness * scale)
    font.sp = round(strike_position * scale)
    font.ss = round(strike_size * scale)
    font.emphasis = TextEmphasis.coerce(style)
    font.subset = SubsetMap(font)
    font.palette_index = 0
    font.color_font = None
    return font
