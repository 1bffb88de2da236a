"""The events calendar to print and pin on a wall: a month (or any period) of a region's
events in one language, or German beside it, as a list by day (an agenda) in two columns.

Every occurrence of a series stands on its own day (cancelled dates are absent, a moved
date stands on its new day, marked "verlegt vom 22. Dezember"), times in the event's own
time zone, the place and its address kept whole inside right-to-left text. The page
furniture (the region's logo, the footer with the QR code to the region's events in the
app) is the offer flyer's; fonts, shaping and text flow are the flyers' (``pdf``, ``layout``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path

from models.languages import language_info

from .calendar_words import (
    CALENDAR_WORDS,
    day_heading,
    missing_words,
    moved_text,
    period_text,
    time_range,
    vocabulary,
    word,
)
from .content import FlyerData, isolated, plain
from .flyer import _footer, _frames, _Geometry, _geometry, _strip, flyer_languages, write_pdf
from .fonts import families_for
from .layout import Flow, Frame, tint
from .pdf import ShapedPDF

SOURCE_LANGUAGE = "de"
# (language, text, points, bold, colour) of one printed line
Line = tuple[str, str, float, bool, tuple[int, int, int]]
COLOR = "#4A6FA5"


@dataclass(frozen=True)
class CalendarEntry:
    """One occurrence: ``start``/``end`` are aware datetimes in the event's time zone."""

    event_id: int
    start: datetime
    end: datetime
    titles: dict[str, str]  # language -> title
    all_day: bool = False
    series: dict[str, str] = field(default_factory=dict)  # language -> "jeden Dienstag"
    places: dict[str, str] = field(default_factory=dict)  # language -> the place's name
    address: str = ""  # "Kapitelstraße 3, 52062 Aachen"
    online: bool = False
    moved_from: date | None = None  # the date the series had it on
    zone_note: str = ""  # the time zone, where it is not the region's


@dataclass
class CalendarData:
    region_name: str
    since: date
    until: date  # inclusive
    entries: list[CalendarEntry]
    region_logo: str | None = None
    link: str | None = None  # the QR code: the region's events in the app; "{lang}" filled in
    subtitle: str = ""  # e.g. the municipalities chosen
    color: str = COLOR
    printed_on: date = field(default_factory=date.today)

    def days(self) -> list[tuple[date, list[CalendarEntry]]]:
        """Entries by day, in order; an event that began before the period stands on its first day."""
        by_day: dict[date, list[CalendarEntry]] = {}
        for entry in sorted(self.entries, key=lambda e: (e.start, e.event_id)):
            by_day.setdefault(max(entry.start.date(), self.since), []).append(entry)
        return sorted(by_day.items())


@dataclass
class CalendarResult:
    path: Path
    pages: int
    languages: tuple[str, ...]
    occurrences: int
    unprintable: frozenset[str] = frozenset()
    missing_words: tuple[str, ...] = ()  # calendar words the language lacks (printed neutrally)


def _chrome(data: CalendarData) -> FlyerData:
    """The offer flyer's page furniture (strip, footer) needs only these of a flyer's data."""
    return FlyerData(
        offer_id=0,
        slug="",
        texts={},
        region_name=data.region_name,
        region_logo=data.region_logo,
        category_color=data.color,
        link_template=data.link,
        printed_on=data.printed_on,
    )


def _title(flow: Flow, data: CalendarData, languages: tuple[str, ...], g: _Geometry) -> None:
    """The band: "Veranstaltungen" and the period, in each language, white on the colour."""
    lines: list[tuple[str, str, float, tuple[int, int, int]]] = []
    for language in languages:
        heading = word(language, "events")
        period = period_text(language, data.since, data.until)
        if heading:
            lines.append((language, plain(heading, language), 20, (255, 255, 255)))
        lines.append((language, plain(period, language), 13 if heading else 20, tint(flow.color, 0.8)))
    if data.subtitle:
        lines.append(
            (languages[0], plain(isolated(data.subtitle, languages[0]), languages[0]), 10, (240, 240, 240))
        )
    pad = 3.0
    heights: list[float] = []
    for language, text, points, _color in lines:
        flow.switch(language)
        heights.append(flow._measure(partial(flow._text, text, points, bold=True, offset=pad)))
    height = sum(heights) + 2 * pad
    if not flow.measuring:
        flow.pdf.set_fill_color(*flow.color)
        flow.pdf.rect(flow.frame.x - g.margin, flow.y, flow.frame.width + 2 * g.margin, height, style="F")
    y = flow.y + pad
    for (language, text, points, color), line_h in zip(lines, heights, strict=True):
        flow.switch(language)
        if not flow.measuring:
            flow._text(
                text, points, bold=True, offset=pad, y=y, color=color, width=flow.frame.width - 2 * pad
            )
        y += line_h
    flow.y += height + 4


def _entry_lines(entry: CalendarEntry, languages: tuple[str, ...]) -> list[Line]:
    """(language, text, points, bold, colour) of one occurrence, in print order."""
    lines: list[Line] = []
    for language in languages:
        if entry.all_day:
            when = word(language, "whole_day") or ""
        else:
            when = time_range(language, entry.start, entry.end)
        if entry.zone_note and not entry.all_day:
            when = f"{when} ({entry.zone_note})"
        title = plain(entry.titles.get(language) or "", language)
        head = f"**{plain(when, language)}**  {title}" if when else f"**{title}**"
        lines.append((language, head, 9.5, False, (25, 25, 25)))
    place = [entry.places.get(languages[-1]) or "", entry.address]
    where = ", ".join(isolated(p, languages[-1]) for p in place if p)
    if entry.online:
        where = ", ".join(p for p in (where, word(languages[-1], "online") or "") if p)
    if where:
        lines.append((languages[-1], plain(where, languages[-1]), 8.5, False, (60, 60, 60)))
    for language in languages:
        notes = [entry.series.get(language, "")]
        if entry.moved_from is not None:
            notes.append(moved_text(language, entry.moved_from))
        note = " · ".join(n for n in notes if n)
        if note:
            lines.append((language, plain(note, language), 8, False, (95, 95, 95)))
    return lines


def _write_lines(flow: Flow, lines: list[Line], indent: float) -> None:
    for language, text, points, bold, color in lines:
        flow.switch(language)
        flow.paragraph(text, points, bold=bold, gap=0.5, color=color, offset=indent)


def _lines_height(flow: Flow, lines: list[Line], indent: float) -> float:
    total = 0.0
    for language, text, points, bold, _color in lines:
        flow.switch(language)
        total += flow._measure(partial(flow._text, text, points, bold=bold, gap=0.5, offset=indent))
    return total


def _layout(
    pdf: ShapedPDF, data: CalendarData, g: _Geometry, languages: tuple[str, ...], measuring: bool
) -> int:
    inner = g.width - 2 * g.margin
    top = g.margin * 0.5 + g.strip + 2
    main = languages[-1]
    head = Flow(
        pdf, main, _frames(g, [(g.margin, inner)], top), color=data.color, measuring=measuring, first_page=1
    )
    _title(head, data, languages, g)
    gap = 7.0
    column = (inner - gap) / 2
    columns = [(g.margin, column), (g.margin + column + gap, column)]
    if g.width < 200:  # A5: one column (two would be 60 mm narrow)
        columns = [(g.margin, inner)]
    if language_info(main).is_rtl:  # the first column is the one at the start edge
        columns.reverse()
    first_top = head.y

    def frames_for_page(page: int) -> list[Frame]:
        top = first_top if page == 1 else g.margin
        return [Frame(x, top, w, g.body_bottom) for x, w in columns]

    flow = Flow(pdf, main, frames_for_page, color=data.color, measuring=measuring, first_page=1)
    indent = 2.5
    for day, entries in data.days():
        headings = [(code, plain(day_heading(code, day), code)) for code in languages]
        first = _lines_height(flow, _entry_lines(entries[0], languages), indent)
        # The day's headings (one per language) stay together and with the day's first entry.
        tall = 0.0
        for code, text in headings:
            flow.switch(code)
            tall += flow._measure(partial(flow._text, text, 10.5, bold=True, offset=3.2)) + 1.0
        flow.ensure(tall + first + 4)
        for code, text in headings:
            flow.switch(code)
            flow.heading(text, 10.5, keep_with=0)
        for entry in entries:
            lines = _entry_lines(entry, languages)
            flow.ensure(_lines_height(flow, lines, indent) + 1.5)
            _write_lines(flow, lines, indent)
            flow.space(1.8)
        flow.space(1.5)
    return max(head.page, flow.page)


def render_calendar(
    data: CalendarData,
    out_path: str | os.PathLike[str],
    language: str = "de",
    *,
    bilingual: bool = False,
    size: str = "a4",
) -> CalendarResult:
    """Write the calendar to ``out_path`` (atomically); returns what was made."""
    size = size.lower()
    languages = flyer_languages(language, bilingual)
    g = _geometry(size)
    text = repr(data) + "".join(vocabulary(code) for code in languages)
    heading = word(languages[-1], "events") or ""
    title = f"{heading} {period_text(languages[-1], data.since, data.until)}".strip()
    pdf = ShapedPDF(size, title=title, language=languages[-1], families=families_for(text, languages))
    pdf.add_page()
    _strip(pdf, _chrome(data), g, languages[-1])
    pages = _layout(pdf, data, g, languages, measuring=False)
    chrome = _chrome(data)
    for page in range(1, len(pdf.pages) + 1):
        pdf.goto(page)
        _footer(pdf, chrome, g, languages, with_qr=True)
        _page_number(pdf, g, page, len(pdf.pages), languages[-1])
    pdf.goto(len(pdf.pages))
    missing = sorted({key for code in languages for key in missing_words(code, CALENDAR_WORDS)})
    return CalendarResult(
        write_pdf(pdf, out_path),
        pages,
        languages,
        len(data.entries),
        frozenset(pdf.unprintable),
        tuple(missing),
    )


def _page_number(pdf: ShapedPDF, g: _Geometry, page: int, total: int, language: str) -> None:
    if total < 2:
        return
    from .wording import label, local_digits

    pdf.use(language, 7.5)
    pdf.set_text_color(110, 110, 110)
    text = plain(f"{label(language, 'page')} {local_digits(language, f'{page}/{total}')}", language)
    pdf.set_xy(g.margin, g.height - g.margin * 0.6)
    pdf.cell(g.width - 2 * g.margin, 4, text, align="C", markdown=True)
