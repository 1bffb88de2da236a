"""The glyphs fpdf2 draws for a run of text, shaped once per process.

fpdf2's ``TTFFont.shape_text`` shapes every line it draws with HarfBuzz and looks every glyph's
name and width up in the font: a sixth of a flyer's time, the same for the same line in the
next flyer of a print run. Here the result of that work (glyph, characters, width, position) is
kept by font, text, size and shaping context (within the byte budget of ``remembered``), and
each document only registers the glyphs in its own subset, in the same order as fpdf2 would
(so the same codes and the same PDF). A glyph
standing for several characters in a right-to-left run gets them in visual order (see pdf.py).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from fpdf.enums import TextDirection

from .remembered import REMEMBERED

# (glyph id, characters, glyph name, width, x advance, y advance, x offset, y offset, positioned)
Shaped = tuple[tuple[Any, ...], ...]


def shape_text(
    font: Any, text: str, font_size_pt: float, params: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """What ``TTFFont.shape_text`` returns, the glyphs added to the font's subset on the way."""
    if not text:
        return []
    shaping = params or {}
    features = shaping.get("features") or {}
    key = (
        "shaped",
        font.fontkey,
        text,
        font_size_pt,
        shaping.get("fragment_direction"),
        shaping.get("language"),
        shaping.get("script"),
        tuple(sorted(features.items())),
    )
    shaped = REMEMBERED.get(key)
    if shaped is None:
        shaped = REMEMBERED.put(key, _shape(font, text, font_size_pt, params))
    get_glyph, pick = font.subset.get_glyph, font.subset.pick_glyph
    out = []
    for glyph_id, unicode, name, width, x_advance, y_advance, x_offset, y_offset, positioned in shaped:
        glyph = get_glyph(glyph=glyph_id, unicode=unicode, glyph_name=name, glyph_width=width)
        if glyph is None:
            continue
        out.append(
            {
                "mapped_char": pick(glyph),
                "x_advance": x_advance,
                "y_advance": y_advance,
                "x_offset": x_offset,
                "y_offset": y_offset,
                "force_positioning": positioned,
            }
        )
    return out


def _shape(font: Any, text: str, font_size_pt: float, params: dict[str, Any] | None) -> Shaped:
    """fpdf2 2.8.9's ``shape_text`` up to the subset: clusters to characters, names, widths."""
    infos, positions = font.perform_harfbuzz_shaping(text, font_size_pt, params)
    rtl = (params or {}).get("fragment_direction") == TextDirection.RTL
    clusters = sorted(int(info.cluster) for info in infos)
    by_cluster: dict[int, list[int]] = {}
    for index in range(len(text)):
        at = bisect_left(clusters, index)
        if at == 0:
            cluster = clusters[0]
        elif at == len(clusters) or clusters[at] != index:
            cluster = clusters[at - 1]
        else:
            cluster = clusters[at]
        by_cluster.setdefault(cluster, []).append(index)
    hmtx = font.ttfont["hmtx"].metrics
    shaped = []
    for sequence, info in enumerate(infos):
        characters: tuple[int, ...] = ()
        if info.cluster in by_cluster:
            characters = tuple(ord(text[i]) for i in by_cluster.pop(info.cluster))
        if rtl and len(characters) > 1:
            characters = characters[::-1]
        name = font.ttfont.getGlyphName(info.codepoint)
        width = round(font.scale * hmtx[name][0])
        position = positions[sequence]
        positioned = (
            width != position.x_advance
            or position.x_offset != 0
            or position.y_offset != 0
            or position.y_advance != 0
        )
        shaped.append(
            (
                info.codepoint,
                characters,
                name,
                width,
                position.x_advance,
                position.y_advance,
                position.x_offset,
                position.y_offset,
                positioned,
            )
        )
    return tuple(shaped)
