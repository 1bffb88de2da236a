"""One event's flyer (or one series': "jeden Dienstag, 15:00–17:00, außer 24. Dezember"), A4
or A5, in one language or German beside/above it, like the offer flyer: the same page
furniture (logo strip, footer with the QR code, here to the event in the app), title band,
text flow and type that shrinks until it fits; instead of opening hours it says when (the
series in words, its time, cancelled dates, the next dates) and where (the place's name in
the language, its address kept whole, an online meeting).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path

from models.languages import language_info
from models.recurrence import Occurrence, Timing

from .calendar_words import (
    FLYER_WORDS,
    day_heading,
    exceptions_text,
    long_date,
    missing_words,
    moved_text,
    series_text,
    time_range,
    until_text,
    vocabulary,
    word,
)
from .content import FlyerData, isolated, plain
from .flyer import (
    _footer,
    _frames,
    _Geometry,
    _geometry,
    _largest_fitting_scale,
    _strip,
    _without_summary,
    flyer_languages,
    write_pdf,
)
from .fonts import families_for
from .layout import Flow, Frame
from .pdf import ShapedPDF
from .sections import offer_text, title_band

NEXT_DATES = 6


@dataclass
class EventFlyerData:
    """``flyer`` holds the texts, the region, the organisation, the address (street,
    postcode, town) and the QR code's address; the rest is the event's time."""

    flyer: FlyerData
    timing: Timing
    upcoming: list[Occurrence] = field(default_factory=list)  # the next dates, moved ones included
    cancelled: list[date] = field(default_factory=list)  # cancelled dates from today on
    last_day: date | None = None  # a series' last date (None: no end)
    place_names: dict[str, str] = field(default_factory=dict)  # language -> the place's name
    meeting_url: str | None = None


@dataclass
class EventFlyerResult:
    path: Path
    pages: int
    scale: float
    languages: tuple[str, ...]
    unprintable: frozenset[str] = frozenset()
    missing_words: tuple[str, ...] = ()


def _when(flow: Flow, data: EventFlyerData, points: float) -> None:
    language, timing = flow.language, data.timing
    if word(language, "when"):
        flow.heading(plain(word(language, "when") or "", language), 10.5)
    if timing.all_day:
        hours = word(language, "whole_day") or ""
    else:
        hours = time_range(language, timing.start, timing.end)
    if timing.rule:
        series = series_text(language, timing)
        flow.paragraph(plain(", ".join(p for p in (series, hours) if p), language), points + 1, bold=True)
        for line in (
            exceptions_text(language, data.cancelled),
            until_text(language, data.last_day) if data.last_day else "",
        ):
            if line:
                flow.paragraph(plain(line, language), points)
    else:
        first = day_heading(language, timing.start.date())
        if timing.end.date() != timing.start.date():
            first = f"{first} – {long_date(language, timing.end.date())}"
        flow.paragraph(plain(first, language), points + 1, bold=True)
        if hours and timing.end.date() == timing.start.date():
            flow.paragraph(plain(hours, language), points + 1, bold=True)
    if timing.rule and data.upcoming:
        heading = word(language, "next_dates")
        if heading:
            flow.heading(plain(heading, language), 10.5)
        for occurrence in data.upcoming[:NEXT_DATES]:
            line = day_heading(language, occurrence.start.date())
            if occurrence.moved:
                when = time_range(language, occurrence.start, occurrence.end)
                note = moved_text(language, occurrence.original)
                line = ", ".join(p for p in (line, when, note) if p)
            flow.item(plain(line, language), points)


def _where(flow: Flow, data: EventFlyerData, points: float) -> None:
    language, flyer = flow.language, data.flyer
    town = " ".join(p for p in (flyer.postcode, flyer.town) if p)
    lines = [data.place_names.get(language, ""), flyer.street, town]
    lines = [isolated(line, language) for line in lines if line]
    if data.meeting_url:
        lines.append(
            " ".join(p for p in (word(language, "online") or "", isolated(data.meeting_url, language)) if p)
        )
    if not lines:
        return
    if word(language, "where"):
        flow.heading(plain(word(language, "where") or "", language), 10.5)
    flow.paragraph(plain("\n".join(lines), language), points)


def _band_data(data: EventFlyerData, language: str) -> FlyerData:
    """The title band's small line says "Veranstaltung" in the language, or nothing."""
    name = word(language, "event")
    return replace(data.flyer, category_names={language: name} if name else {})


def _layout(
    pdf: ShapedPDF,
    data: EventFlyerData,
    g: _Geometry,
    languages: tuple[str, ...],
    scale: float,
    measuring: bool,
) -> int:
    inner = g.width - 2 * g.margin
    top = g.margin * 0.5 + g.strip + 2

    def new_flow(language: str, frames: Callable[[int], list[Frame]]) -> Flow:
        return Flow(
            pdf,
            language,
            frames,
            scale=scale,
            color=data.flyer.category_color,
            measuring=measuring,
            first_page=1,
        )

    if len(languages) == 1 and g.width > 200:  # A4: the text at the start edge, when and where beside it
        language = languages[0]
        rtl = language_info(language).is_rtl
        head = new_flow(language, _frames(g, [(g.margin, inner)], top))
        title_band(head, _band_data(data, language), title_points=22, bleed=g.margin)
        summary = data.flyer.text(language).summary
        if summary:
            head.paragraph(plain(summary, language), 12.5, gap=4, color=(40, 40, 40))
        side_w = inner * 0.4
        main_w = inner - side_w - 7
        main_x = g.margin + side_w + 7 if rtl else g.margin
        side_x = g.margin if rtl else g.margin + main_w + 7
        main = new_flow(language, _frames(g, [(main_x, main_w)], head.y))
        side = new_flow(language, _frames(g, [(side_x, side_w)], head.y))
        offer_text(main, _without_summary(data.flyer, language), with_heading=False)
        _when(side, data, 9.5)
        _where(side, data, 9.5)
        return max(head.page, main.page, side.page)
    pages = 1
    if len(languages) == 2 and g.width > 200:  # A4 bilingual: halves side by side
        half = (inner - 8) / 2
        flows = [
            new_flow(code, _frames(g, [(g.margin + index * (half + 8), half)], top))
            for index, code in enumerate(languages)
        ]
        band = max(
            flow._measure(partial(title_band, flow, _band_data(data, flow.language), title_points=16))
            for flow in flows
        )
        for flow in flows:
            flow.y = flow.frame.top
            title_band(flow, _band_data(data, flow.language), title_points=16, min_height=band)
            _when(flow, data, 9)
            _where(flow, data, 9)
            flow.space(2)
            offer_text(flow, data.flyer, summary_points=10.5, with_heading=False)
            pages = max(pages, flow.page)
        return pages
    previous: Flow | None = None  # A5: one column, the languages one after the other
    for code in languages:
        flow = new_flow(code, _frames(g, [(g.margin, inner)], top))
        if previous is not None:
            flow.page, flow.frame_index, flow.y = previous.page, previous.frame_index, previous.y + 4
        title_band(flow, _band_data(data, code), title_points=15, bleed=g.margin)
        _when(flow, data, 9)
        _where(flow, data, 9)
        flow.space(2)
        offer_text(flow, data.flyer, summary_points=10.5, with_heading=False)
        previous = flow
        pages = max(pages, flow.page)
    return pages


def render_event_flyer(
    data: EventFlyerData,
    out_path: str | os.PathLike[str],
    language: str = "de",
    *,
    bilingual: bool = False,
    size: str = "a4",
) -> EventFlyerResult:
    """Write the event's flyer to ``out_path`` (atomically); returns what was made."""
    size = size.lower()
    languages = flyer_languages(language, bilingual)
    g = _geometry(size)
    flyer = data.flyer
    title = flyer.text(languages[-1]).title or flyer.text(languages[0]).title
    text = repr(data) + "".join(vocabulary(code) for code in languages)
    pdf = ShapedPDF(size, title=title, language=languages[-1], families=families_for(text, languages))
    pdf.add_page()
    chosen = _largest_fitting_scale(
        lambda scale: _layout(pdf, data, g, languages, scale, measuring=True) == 1
    )
    _strip(pdf, flyer, g, languages[0])
    pages = _layout(pdf, data, g, languages, chosen, measuring=False)
    for page in range(1, len(pdf.pages) + 1):
        pdf.goto(page)
        _footer(pdf, flyer, g, languages, with_qr=page == 1)
    pdf.goto(len(pdf.pages))
    missing = sorted({key for code in languages for key in missing_words(code, FLYER_WORDS)})
    return EventFlyerResult(
        write_pdf(pdf, out_path), pages, chosen, languages, frozenset(pdf.unprintable), tuple(missing)
    )
