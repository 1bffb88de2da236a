"""An fpdf2 document that shapes every language with HarfBuzz and falls back per glyph.

Two corrections to fpdf2 2.8.9, both covered by tests:

* Bidi marks (LRM/RLM and the isolates, which ``models.bidi`` puts around phone
  numbers) steer fpdf2's bidi algorithm and are then dropped, not drawn: drawn as
  zero-width glyphs they split a phone number in two for text extraction.
* A glyph that stands for several characters (the lam-alef ligature) inside a
  right-to-left run gets its ToUnicode text in visual order. Text extractors
  (poppler's pdftotext, Acrobat) reverse right-to-left runs character by character,
  so the logical order would come out as "اال" instead of "الا".
"""

from __future__ import annotations

import re
from typing import Any

from fpdf import FPDF
from fpdf.enums import Align, TextDirection, WrapMode, XPos, YPos
from fpdf.fonts import TTFFont
from fpdf.line_break import MultiLineBreak, TextLine

from models.languages import language_info

from .breaking import break_lines
from .embedding import HarfBuzzSubsetting, document_font
from .fonts import BIDI_MARKS, FAMILIES, FONT_DIR, INVISIBLE, Family, family_for
from .preloaded import Preloaded, state_key
from .remembered import REMEMBERED
from .shaping import shape_text

_DROP_MARKS = str.maketrans("", "", BIDI_MARKS)
# Characters that can make text right to left (Hebrew, Arabic, Syriac, Thaana, NKo, ...,
# their presentation forms, and the right-to-left marks and embeddings).
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067\U00010800-\U00010fff\U0001e800-\U0001efff]"
)

PAGE_SIZES = {"a4": (210.0, 297.0), "a5": (148.0, 210.0)}

# fpdf2 turns strings into its enums on every call, through an exception when the string is a
# name rather than a value (about 10 µs each, a thousand times a flyer): members are handed in.
_DIRECTIONS = {"ltr": TextDirection.LTR, "rtl": TextDirection.RTL}
_ENUMS: dict[str, dict[Any, Any]] = {
    "align": {**{a.value: a for a in Align}, **{a.name: a for a in Align}},
    "new_x": {x.name: x for x in XPos},
    "new_y": {y.name: y for y in YPos},
}


def _members(kwargs: dict[str, Any]) -> dict[str, Any]:
    for name, members in _ENUMS.items():
        value = kwargs.get(name)
        if isinstance(value, str):
            kwargs[name] = members.get(value, value)
    return kwargs


class _ShapedFont(TTFFont):
    __slots__ = ()

    def shaped_text_width(self, text, font_size_pt, text_shaping_params):
        # Widths of shaped strings, shared by every document (within the byte budget of
        # ``remembered``): fpdf2's line breaker asks for the width of the same fragments again
        # and again as it adds characters to a line. The advances in font units are kept
        # whatever the size: a flyer measured at six type sizes, or a brochure's headings and
        # body, shape each string once.
        params = text_shaping_params or {}
        direction, language = params.get("fragment_direction"), params.get("language")
        key = ("width", self.fontkey, text, font_size_pt, direction, language)
        width = REMEMBERED.get(key)
        if width is None:
            unsized = ("advances", self.fontkey, text, direction, language)
            advances = REMEMBERED.get(unsized)
            if advances is None:
                positions = self.perform_harfbuzz_shaping(text, font_size_pt, text_shaping_params)[1] or ()
                advances = REMEMBERED.put(
                    unsized, tuple(round(self.scale * pos.x_advance + 0.001) for pos in positions)
                )
            # Summed as fpdf2 sums them (the same float, so the same line breaks).
            total = 0.0
            for advance in advances:
                total += advance * font_size_pt * 0.001
            width = REMEMBERED.put(key, (len(advances), total))
        return width

    def shape_text(self, text, font_size_pt, text_shaping_params):
        return shape_text(self, text, font_size_pt, text_shaping_params)


class ShapedPDF(FPDF):
    """A PDF in millimetres with the bundled fonts, shaping on, nothing automatic."""

    def __init__(
        self,
        size: str = "a4",
        *,
        title: str = "",
        language: str = "de",
        families: tuple[Family, ...] = FAMILIES,
    ) -> None:
        width, height = PAGE_SIZES[size.lower()]
        super().__init__(unit="mm", format=(width, height))
        self.size_name = size.lower()
        self.set_auto_page_break(False)
        self.set_margins(0, 0, 0)
        self.c_margin = 0
        # Only the families the document needs: every font costs time to load and to subset.
        for family in families:
            self.add_font(family.name, "", str(FONT_DIR / family.regular))
            self.add_font(family.name, "B", str(FONT_DIR / family.bold))
        self.set_fallback_fonts([f.name for f in families], exact_match=False)
        self.language = language
        # Paragraph heights measured before drawing, by text, size, weight and width.
        self.heights: dict[tuple, float] = {}
        self.widths: dict[tuple, float] = {}
        # Paragraphs broken into lines, by font, colour, language, text and width: measuring
        # and drawing (a flyer measures at several sizes, then draws at one) break each once.
        self.broken: dict[tuple, list[TextLine]] = {}
        self.language_now = language
        # Texts prepared for drawing (bidi runs, emphasis, fallback fonts), at any size.
        self.preloaded = Preloaded()
        # Characters written in a font without a glyph for them (they would print as boxes).
        self.unprintable: set[str] = set()
        self.set_lang(language_info(language).bcp47_tag)
        self.set_title(title)
        self.set_creator("Lotse")
        self.set_producer("Lotse (fpdf2, HarfBuzz, Noto fonts)")
        self.use(language)

    def add_font(self, family=None, style="", fname=None, **kwargs):
        """A bundled font: parsed once per process, shared by every document (``embedding``)."""
        key = f"{family.lower()}{style}"
        if key not in self.fonts:
            self.fonts[key] = document_font(self, str(fname), key, style, _ShapedFont)

    def cell(self, *args: Any, **kwargs: Any) -> Any:
        return super().cell(*args, **_members(kwargs))

    def multi_cell(self, *args: Any, **kwargs: Any) -> Any:
        return super().multi_cell(*args, **_members(kwargs))

    def output(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("output_producer_class", HarfBuzzSubsetting)
        return super().output(*args, **kwargs)

    def goto(self, page: int) -> None:
        """Continue drawing on an earlier (or later) page. fpdf2 remembers font, colours and
        line width per document, not per page: state them again on the page switched to."""
        if page != self.page:
            self.rollback((page, len(self.pages[page].contents)))

    def checkpoint(self) -> tuple[int, int]:
        """Where the current page's drawing stands, to :meth:`rollback` to."""
        return self.page, len(self.pages[self.page].contents)

    def rollback(self, point: tuple[int, int]) -> None:
        """Forget what was drawn on that page since the checkpoint (a block that did not fit)."""
        page, length = point
        del self.pages[page].contents[length:]
        self.page = page
        self.current_font_is_set_on_page = False
        self._out(self.draw_color.serialize().upper())
        self._out(self.fill_color.serialize().lower())
        self._out(f"{self.line_width * self.k:.2f} w")

    def use(self, language: str, size: float | None = None, bold: bool = False) -> None:
        """Write the next text in this language: its font, its direction, its shaping."""
        info = language_info(language)
        self.set_font(family_for(language).name, "B" if bold else "", size or self.font_size_pt or 10)
        self.set_text_shaping(
            True,
            direction=_DIRECTIONS.get(info.direction, info.direction),
            language=info.bcp47_tag.split("-")[0],
        )
        self.direction = info.direction
        self.language_now = language

    def _preload_bidirectional_text(self, text, markdown):
        # The state as it is (fpdf2's stack top), not a copy of it: the key only reads it.
        key = (text, markdown, state_key(self._GraphicsStateMixin__statestack[-1]))
        if key[2] is None:
            return self._prepare(text, markdown)
        fragments = self.preloaded.get(self, key)
        if fragments is None:
            emphasis = getattr(self, "_markdown_emphasis", None)
            fragments = self._prepare(text, markdown)
            self.preloaded.put(self, key, fragments, emphasis)
        return fragments

    def _prepare(self, text, markdown):
        # Left-to-right text without a single right-to-left character has one level: the
        # bidi algorithm (a third of the time for German text) would change nothing.
        if (
            self.text_shaping
            and self.text_shaping["direction"] == TextDirection.LTR
            and not _RTL.search(text)
        ):
            self.text_shaping["paragraph_direction"] = TextDirection.LTR
            self.text_shaping["fragment_direction"] = TextDirection.LTR
            return tuple(self._preload_font_styles(text, markdown))
        return super()._preload_bidirectional_text(text, markdown)

    def string_width(self, text: str) -> float:
        """The width of one line of (markdown) text in the current font, remembered."""
        key = (self.font_family, self.font_style, self.font_size_pt, self.language_now, text)
        width = self.widths.get(key)
        if width is None:
            width = self.widths[key] = self.get_string_width(text, markdown=True)
        return width

    def text_lines(self, text: str, width: float, align: str) -> list[TextLine]:
        """The (markdown) paragraph broken into lines in the current font, colour and language,
        exactly as ``multi_cell`` breaks it; remembered for this document."""
        key = (
            self.font_family,
            self.font_style,
            self.font_size_pt,
            self.language_now,
            self.text_color,
            text,
            width,
            align,
        )
        lines = self.broken.get(key)
        if lines is None:
            # As multi_cell's dry run: the state that breaking touches is put back afterwards.
            self._push_local_stack()
            try:
                fragments = self._preload_bidirectional_text(text.replace("\r", ""), True)
                alignment = _ENUMS["align"].get(align) or Align.coerce(align)
                found = break_lines(list(fragments), width, alignment) if not self.c_margin else None
                if found is None:
                    breaker = MultiLineBreak(
                        fragments,
                        width,
                        [self.c_margin, self.c_margin],
                        align=alignment,
                        wrapmode=WrapMode.WORD,
                    )
                    found = []
                    while (line := breaker.get_line()) is not None:
                        found.append(line)
                lines = found
            finally:
                self._pop_local_stack()
            self.broken[key] = lines
        return lines

    def text_height(self, text: str, width: float, line_height: float, align: str) -> float:
        """The height ``multi_cell`` would give the paragraph, without shaping it for drawing."""
        return max(1, len(self.text_lines(text, width, align))) * line_height

    def write_text(self, text: str, width: float, line_height: float, align: str) -> float:
        """Draw the paragraph at the current position as ``multi_cell(..., markdown=True)``
        does, from the lines it was measured with; returns its height."""
        lines = self.text_lines(text, width, align)
        font, style, underline = self.current_font, self.font_style, self.underline
        for index, line in enumerate(lines):
            last = index == len(lines) - 1
            self._render_styled_text_line(
                line,
                h=line_height,
                new_x=XPos.LMARGIN if last else XPos.LEFT,
                new_y=YPos.NEXT,
                link=None,
                prevent_font_change=True,
            )
        # Markdown may have switched to bold on the way: back to the paragraph's font.
        self.current_font, self.font_style, self.underline = font, style, underline
        return max(1, len(lines)) * line_height

    def _preload_font_styles(self, text, markdown, _initial_emphasis=None):
        if text:
            text = text.translate(_DROP_MARKS)
        if not text:
            # fpdf2 carries the bold state from one bidi fragment to the next through
            # _markdown_emphasis; a fragment that was only marks must pass it on unchanged,
            # or the previous paragraph's bold (a heading) leaks into this one.
            if _initial_emphasis is not None:
                self._markdown_emphasis = _initial_emphasis
            return ()
        fragments = super()._preload_font_styles(text, markdown, _initial_emphasis=_initial_emphasis)
        for fragment in fragments:
            cmap = getattr(fragment.font, "cmap", None)
            if cmap is not None:
                self.unprintable.update(
                    c for c in fragment.characters if ord(c) not in cmap and c not in INVISIBLE
                )
        return fragments
