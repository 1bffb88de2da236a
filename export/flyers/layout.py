"""Text flowing through frames on the page, in the language's own direction.

A :class:`Flow` writes headings, paragraphs, list items and two-column tables into
a list of frames (columns); when a frame is full it moves to the next frame and
adds pages as needed. Everything mirrors for right-to-left languages: text is
aligned to the right edge, bullets and table keys sit on the right. The same code
measures (``measuring=True``: nothing is drawn, only heights add up), so a flyer
can shrink its type until it fits and a brochure can keep an offer together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from models.languages import language_info

from .pdf import ShapedPDF

PT = 0.3528  # millimetres per point


@dataclass(frozen=True)
class Frame:
    x: float
    top: float
    width: float
    bottom: float


def hex_rgb(color: str) -> tuple[int, int, int]:
    color = (color or "#4A6FA5").lstrip("#")
    try:
        return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)
    except (ValueError, IndexError):
        return 74, 111, 165


def tint(rgb: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    """The colour mixed with white (amount 0: the colour, 1: white)."""
    return tuple(round(c + (255 - c) * amount) for c in rgb)  # type: ignore[return-value]


class PageLimit(Exception):
    """Measuring went past the last page it may use: the answer (it does not fit) is known."""


class Flow:
    def __init__(
        self,
        pdf: ShapedPDF,
        language: str,
        frames_for_page: Callable[[int], list[Frame]],
        *,
        scale: float = 1.0,
        color: str = "#4A6FA5",
        measuring: bool = False,
        new_page: Callable[[], None] | None = None,
        first_page: int | None = None,
        page_limit: int | None = None,
    ) -> None:
        self.pdf = pdf
        self.language = language
        self.rtl = language_info(language).is_rtl
        self.frames_for_page = frames_for_page
        self.scale = scale
        self.color = hex_rgb(color)
        self.measuring = measuring
        self.new_page = new_page or pdf.add_page
        self.page = first_page if first_page is not None else max(pdf.page, 1)
        self.frame_index = 0
        self.y = self.frame.top
        self.overflowed = False
        # While True, nothing moves on to the next frame: the caller keeps a block together
        # and checks afterwards whether it fitted (see ``overfull``).
        self.keep = False
        # Measuring whether the text fits on so many pages stops at the first page too many.
        self.page_limit = page_limit

    def switch(self, language: str) -> None:
        """Go on writing in another language (its direction) in the same frames."""
        self.language = language
        self.rtl = language_info(language).is_rtl

    # -- frames ------------------------------------------------------------
    @property
    def frame(self) -> Frame:
        return self.frames_for_page(self.page)[self.frame_index]

    @property
    def room(self) -> float:
        return self.frame.bottom - self.y

    def at_frame_top(self) -> bool:
        return abs(self.y - self.frame.top) < 0.01

    def next_frame(self) -> None:
        self.overflowed = True
        if self.frame_index + 1 < len(self.frames_for_page(self.page)):
            self.frame_index += 1
        else:
            self.page += 1
            if self.page_limit is not None and self.page > self.page_limit:
                raise PageLimit
            self.frame_index = 0
            if not self.measuring and self.page > len(self.pdf.pages):
                self.new_page()
        self.y = self.frame.top

    def ensure(self, height: float) -> None:
        """Move on to the next frame unless ``height`` still fits here."""
        if height > self.room and not self.at_frame_top() and not self.keep:
            self.next_frame()

    @property
    def overfull(self) -> bool:
        return self.y > self.frame.bottom + 0.01

    def _goto(self) -> None:
        if not self.measuring:
            self.pdf.goto(self.page)

    # -- geometry: offsets from the start edge (left in LTR, right in RTL) --
    def box_x(self, offset: float, width: float) -> float:
        frame = self.frame
        return frame.x + frame.width - offset - width if self.rtl else frame.x + offset

    # -- text --------------------------------------------------------------
    def size(self, points: float) -> float:
        return points * self.scale

    def _text(
        self,
        text: str,
        points: float,
        *,
        bold: bool = False,
        offset: float = 0.0,
        width: float | None = None,
        color=(30, 30, 30),
        gap: float = 0.0,
        y: float | None = None,
        line: float = 1.35,
    ) -> float:
        """Write (or measure) a paragraph; returns its height without moving ``self.y``."""
        pdf = self.pdf
        width = (self.frame.width - offset) if width is None else width
        line_h = self.size(points) * PT * line
        pdf.use(self.language, self.size(points), bold)
        align = "R" if self.rtl else "L"
        # A short text that fits on one line needs no line breaking (the costly part).
        short = "\n" not in text and len(text) < 120 and pdf.string_width(text) <= width - 0.05
        if self.measuring and short:
            return line_h + gap
        # Measuring sets the colour too: the lines broken while measuring are the ones drawn.
        pdf.set_text_color(*color)
        if self.measuring:
            return pdf.text_height(text, width, line_h, align) + gap
        pdf.set_xy(self.box_x(offset, width), self.y if y is None else y)
        if short:
            pdf.cell(width, line_h, text, align=align, markdown=True)
            return line_h + gap
        return pdf.write_text(text, width, line_h, align) + gap

    def paragraph(
        self,
        text: str,
        points: float = 10,
        *,
        bold: bool = False,
        gap: float = 1.6,
        color=(30, 30, 30),
        offset: float = 0.0,
    ) -> float:
        if not text:
            return 0.0
        height = self._measure(
            lambda: self._text(text, points, bold=bold, gap=gap, color=color, offset=offset)
        )
        self.ensure(height)
        self._goto()
        # Measuring, the paragraph's height is what was just measured (the same call).
        self.y += (
            height
            if self.measuring
            else self._text(text, points, bold=bold, gap=gap, color=color, offset=offset)
        )
        return height

    def _measure(self, draw: Callable[[], float]) -> float:
        was, self.measuring = self.measuring, True
        try:
            return draw()
        finally:
            self.measuring = was

    def heading(self, text: str, points: float = 11.5, keep_with: float = 12.0) -> None:
        """A bold heading in the section colour with a bar at the start edge."""
        height = self._measure(lambda: self._text(text, points, bold=True, offset=3.2))
        self.ensure(height + keep_with)
        self._goto()
        if not self.measuring:
            self.pdf.set_fill_color(*self.color)
            self.pdf.rect(self.box_x(0, 1.4), self.y + 0.8, 1.4, height - 1.4, style="F")
        # Measuring: the height just measured (the colour does not move a line break).
        drawn = (
            height if self.measuring else self._text(text, points, bold=True, offset=3.2, color=(25, 25, 25))
        )
        self.y += drawn + 1.0

    def item(self, text: str, points: float = 10, marker: str = "•") -> None:
        """A list item: the marker at the start edge, the text indented."""
        indent = self.size(points) * 0.5 + 1.5
        height = self._measure(lambda: self._text(text, points, offset=indent, gap=1.0))
        self.ensure(height)
        self._goto()
        if self.measuring:
            self.y += height
            return
        self._text(marker, points, offset=0.5, width=indent - 0.5, color=self.color)
        self.y += self._text(text, points, offset=indent, gap=1.0)

    def table(
        self, rows: list[tuple[str, str]], points: float = 9.5, key_share: float = 0.5, shade: bool = True
    ) -> None:
        """Two columns, keys at the start edge; rows shaded alternately. The key column is as
        wide as the longest key ("Понедельник"), at most ``key_share`` of the width."""
        width = self.frame.width
        self.pdf.use(self.language, self.size(points), bold=True)
        longest = max((self.pdf.string_width(key) for key, _ in rows), default=0.0)
        key_w = min(longest + 4.0, width * key_share)
        val_w = width - key_w - 2
        for index, (key, value) in enumerate(rows):
            row_h = (
                max(
                    self._measure(
                        lambda key=key: self._text(key, points, bold=True, offset=1.5, width=key_w - 1.5)
                    ),
                    self._measure(
                        lambda value=value: self._text(value, points, offset=key_w + 1, width=val_w)
                    ),
                )
                + 1.2
            )
            self.ensure(row_h)
            self._goto()
            if not self.measuring:
                if shade and index % 2 == 0:
                    self.pdf.set_fill_color(*tint(self.color, 0.88))
                    self.pdf.rect(self.frame.x, self.y, width, row_h, style="F")
                top = self.y + 0.6
                self._text(key, points, bold=True, offset=1.5, width=key_w - 1.5, y=top)
                self._text(value, points, offset=key_w + 1, width=val_w, y=top)
            self.y += row_h
        self.y += 1.8

    def space(self, millimetres: float) -> None:
        if not self.at_frame_top():
            self.y = min(self.y + millimetres * self.scale, self.frame.bottom)
