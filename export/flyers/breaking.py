"""Our own line breaker: the very lines fpdf2's ``MultiLineBreak`` makes, with far fewer
width measurements.

fpdf2 adds a paragraph to a line character by character and, before each one, measures the
whole line so far (shaping it with HarfBuzz, or a lookup once it was shaped) plus the
character: about a hundred measurements a line, most of a flyer's time. The line only breaks
where that sum passes the width, so far from the edge the answer is known without measuring:
each fragment is shaped once, its characters' advances summed as an estimate, and only the
characters within a few ems of the edge are measured exactly as fpdf2 measures them (the same
strings, the same float sums, the same tolerance). The rest follows ``get_line`` step by step:
breaks at the last space, a space at the edge dropped, a word longer than the line cut,
new line fragments where the style changes, no-break spaces printed as spaces.

What this does not handle (soft hyphens, letter spacing, stretched type, fonts without
shaping) ``break_lines`` leaves to fpdf2 by returning ``None``.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from fpdf.enums import Align
from fpdf.errors import FPDFException
from fpdf.line_break import (
    BREAKING_SPACE_SYMBOLS_STR,
    FORM_FEED,
    NBSP,
    NEWLINE,
    SOFT_HYPHEN,
    Fragment,
    TextLine,
)

from .remembered import REMEMBERED

_TOLERANCE = 1e-9  # fpdf2's FloatTolerance
# How far from the edge a line is measured exactly, in ems of the largest type on it. The
# estimate differs from the exact width only by the shaping at the cut (kerning of one pair,
# an Arabic letter's final form), a fraction of an em.
_EXACT_EMS = 4.0


class _Source:
    """One fragment of the paragraph: its characters, estimates and exact widths."""

    __slots__ = ("fragment", "chars", "font", "size_pt", "params", "k", "em", "cum", "singles")

    def __init__(self, fragment: Fragment) -> None:
        self.fragment = fragment
        self.chars = fragment.characters
        self.font = fragment.font
        self.size_pt = fragment.font_size_pt
        self.params = fragment.text_shaping_parameters or {}
        self.k = fragment.k
        self.em = fragment.font_size
        scale = self.size_pt * 0.001 / self.k
        self.cum = [0.0, *accumulate(u * scale for u in _units(self.font, "".join(self.chars), self.params))]
        self.singles: dict[str, float] = {}

    def width(self, text: str) -> float:
        """As ``Fragment.get_width`` (no letter spacing, no stretching)."""
        return self.font.get_text_width(text, self.size_pt, self.params)[1] / self.k

    def single(self, char: str) -> float:
        width = self.singles.get(char)
        if width is None:
            width = self.singles[char] = self.width(char)
        return width


def _units(font: Any, text: str, params: dict[str, Any]) -> tuple[int, ...]:
    """Each character's share of the shaped string's advance, in fpdf2's rounded units (a
    ligature's advance on its first character), remembered by font and shaping context."""
    direction, language, script = (
        params.get("fragment_direction"),
        params.get("language"),
        params.get("script"),
    )
    key = ("units", font.fontkey, text, direction, language, script)
    units: tuple[int, ...] | None = REMEMBERED.get(key)
    if units is None:
        per_char = [0] * len(text)
        infos, positions = font.perform_harfbuzz_shaping(text, 10, params)
        for info, position in zip(infos or (), positions or (), strict=False):
            if 0 <= info.cluster < len(per_char):
                per_char[info.cluster] += round(font.scale * position.x_advance + 0.001)
        units = REMEMBERED.put(key, tuple(per_char))
    return units


def _handled(fragment: Fragment) -> bool:
    return (
        type(fragment) is Fragment
        and fragment.char_spacing == 0
        and fragment.font_stretching == 100
        and bool(fragment.text_shaping_parameters)
        and hasattr(fragment.font, "perform_harfbuzz_shaping")
        and SOFT_HYPHEN not in fragment.characters
    )


def break_lines(fragments: list[Fragment], max_width: float, align: Align) -> list[TextLine] | None:
    """The lines ``MultiLineBreak(fragments, max_width, [0, 0], align=align)`` gives (word
    wrapping, no indent, line height 1), or None for a paragraph it leaves to fpdf2."""
    if not all(_handled(f) for f in fragments):
        return None
    breaker = _Breaker([_Source(f) for f in fragments], max_width, align)
    lines = []
    while (line := breaker.line()) is not None:
        lines.append(line)
    return lines


class _Breaker:
    def __init__(self, sources: list[_Source], max_width: float, align: Align) -> None:
        self.sources = sources
        self.max_width = max_width
        self.align = align
        self.fi = 0  # the fragment and character the next line starts at
        self.ci = 0
        self.last_forced: tuple[int, int] | None = None

    def line(self) -> TextLine | None:  # noqa: C901 - get_line's steps, in its order
        forced_before, self.last_forced = self.last_forced, None
        sources, max_width = self.sources, self.max_width
        if self.fi == len(sources):
            return None
        font_height = 0.0
        height = 0.0
        # The line's fragments: [source fragment, characters]; a new one where the style changes.
        groups: list[list[Any]] = []
        group_fi = -1
        spaces = 0
        hint: tuple[int, int, int, int, int] | None = None
        estimate = 0.0
        while self.fi < len(sources):
            source = sources[self.fi]
            if self.ci >= len(source.chars):
                self.ci = 0
                self.fi += 1
                continue
            if source.em - font_height > _TOLERANCE:
                font_height = source.em
            char = source.chars[self.ci]
            char_width = source.single(char)
            if char in (NEWLINE, FORM_FEED):
                self.ci += 1
                height = max(height, font_height)
                return self._line(
                    groups,
                    spaces,
                    height,
                    Align.L if self.align == Align.J else self.align,
                    trailing_nl=char == NEWLINE,
                    trailing_form_feed=char == FORM_FEED,
                )
            if estimate + char_width > max_width - _EXACT_EMS * font_height:
                width = 0.0
                for group in groups:
                    width += group[0].width("".join(group[1]))
                overflow = (width + char_width) - max_width > _TOLERANCE
            else:
                overflow = False
            if overflow:
                if char in BREAKING_SPACE_SYMBOLS_STR:  # a space at the edge is dropped
                    self.ci += 1
                    return self._line(groups, spaces, height, self.align)
                if hint is not None:  # back to the last space
                    self.fi, self.ci, kept_groups, kept_chars, spaces = hint
                    del groups[kept_groups:]
                    if groups:
                        del groups[-1][1][kept_chars:]
                    self.ci += 1
                    return self._line(groups, spaces, height, self.align)
                if forced_before == (self.fi, self.ci):
                    raise FPDFException("Not enough horizontal space to render a single character")
                self.last_forced = (self.fi, self.ci)
                return self._line(groups, spaces, height, Align.L if self.align == Align.J else self.align)
            height = font_height
            link = source.fragment.link
            if not groups or (
                group_fi != self.fi
                and not (source.fragment.has_same_style(groups[-1][0].fragment) and link == groups[-1][2])
            ):
                groups.append([source, [], link])
            group_fi = self.fi
            active = groups[-1][1]
            if char in BREAKING_SPACE_SYMBOLS_STR:
                hint = (self.fi, self.ci, len(groups), len(active), spaces)
                spaces += 1
            elif char == NBSP:  # PDF viewers ignore it for word spacing: a space
                char = " "
                spaces += 1
            active.append(char)
            estimate += source.cum[self.ci + 1] - source.cum[self.ci]
            self.ci += 1
        line = self._line(groups, spaces, height, Align.L if self.align == Align.J else self.align)
        return line if line.text_width else None

    def _line(
        self,
        groups: list[list[Any]],
        spaces: int,
        height: float,
        align: Align,
        *,
        trailing_nl: bool = False,
        trailing_form_feed: bool = False,
    ) -> TextLine:
        fragments = [source.fragment.clone(characters=chars, link=link) for source, chars, link in groups]
        width = 0.0
        for source, chars, _ in groups:
            width += source.width("".join(chars))
        return TextLine(
            fragments=fragments,
            text_width=width,
            number_of_spaces=spaces,
            align=align,
            height=height,
            max_width=self.max_width,
            trailing_nl=trailing_nl,
            trailing_form_feed=trailing_form_feed,
            indent=0,
        )
