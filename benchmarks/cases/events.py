"""Events in the region with pages and events (``benchmarks.content_region``): the events tab's
list for a month and its search as you type, the events files of the app package for all
languages, and the events calendar PDF of a month against WeasyPrint.

Baselines, each doing the same work with bare libraries in the same run:
- the month's list: sqlite3 reading the same event rows and titles, dateutil expanding the
  same rules and exceptions (what ``list_occurrences`` does, without the ORM and our models);
- the search: one frame (16 ms) per keystroke, as the offer list's search;
- ``events.json``/``events.ics``: ``json.dumps`` of the same objects and the ``icalendar``
  library serialising the same events (rule, cancelled dates) to the same files;
- the calendar PDF: WeasyPrint rendering the same days and entries from HTML.
"""

from __future__ import annotations

import html
import json
import sqlite3
import time
from datetime import date, datetime, timedelta

from ..harness import Result, Stats, alternate, ms, timed

WHAT = "events: the month's list and search, events.json/.ics, the calendar PDF"
FRAME_MS = 16.0
QUERIES = ["beratung", "kurs 1", "xyz"]
CSS = """@page { size: A4; margin: 15mm }
body { font-family: 'Noto Sans', sans-serif; font-size: 9pt; columns: 2; column-gap: 8mm }
h2 { font-size: 11pt; color: #4A6FA5; break-after: avoid } .e { break-inside: avoid; margin-bottom: 2mm }"""


def missing() -> str | None:
    return None


def _month(today: date) -> tuple[date, date]:
    """The events tab's default period: today and the 31 days after."""
    return today, today + timedelta(days=31)


def run(bench) -> list[Result]:
    from ..content_region import cached_content_region
    from ..suite import CACHE

    content = cached_content_region(CACHE, bench.size)
    bench.say(
        f"region with {content.pages} pages and {content.events} events ({content.recurring} recurring)"
    )
    return [
        *_listing(bench, content),
        *_search(bench, content),
        *_files(bench, content),
        *_calendar(bench, content),
    ]


def _plain_occurrences(path: str, since: date, until: date) -> list[tuple]:
    """The baseline: the rows by sqlite3, the rules by dateutil."""
    from zoneinfo import ZoneInfo

    from dateutil.rrule import rrulestr

    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT o.id, t.title, o.event_start, o.event_end, o.timezone, o.rrule, o.exdates, o.moved "
            "FROM offer o LEFT JOIN offer_text t ON t.offer_id = o.id AND t.language_code = 'de' "
            "WHERE o.kind = 'event' AND o.state != 'archived'"
        ).fetchall()
    finally:
        conn.close()
    out = []
    for eid, title, start, end, tz_name, rule, exdates, moved in rows:
        tz = ZoneInfo(tz_name or "Europe/Berlin")
        begin, finish = datetime.fromisoformat(start), datetime.fromisoformat(end)
        low = datetime.combine(since, datetime.min.time())
        high = datetime.combine(until, datetime.max.time())
        if not rule:
            if finish >= low and begin <= high:
                out.append((begin.replace(tzinfo=tz), eid, title))
            continue
        shifted = json.loads(moved or "{}")
        skipped = set(json.loads(exdates or "[]")) | set(shifted)
        for new_start, new_end in shifted.values():
            when, ends = datetime.fromisoformat(new_start), datetime.fromisoformat(new_end)
            if ends >= low and when <= high:
                out.append((when.replace(tzinfo=tz), eid, title))
        for when in rrulestr(rule, dtstart=begin).between(low - (finish - begin), high, inc=True):
            if when.date().isoformat() not in skipped:
                out.append((when.replace(tzinfo=tz), eid, title))
    return sorted(out, key=lambda o: (o[0], o[1]))


def _listing(bench, content) -> list[Result]:
    from desktop.content import list_occurrences
    from desktop.db import open_database

    db = open_database(content.url)
    since, until = _month(content.today)
    found: dict[str, int] = {}
    try:
        mine, theirs = alternate(
            lambda: timed(lambda: found.update(ours=len(list_occurrences(db, since, until)))),
            lambda: timed(
                lambda: found.update(plain=len(_plain_occurrences(str(content.path), since, until)))
            ),
            bench.runs["slow"] * 3,
        )
    finally:
        db.dispose()
    return [
        Result(
            "events",
            f"list a month of events ({content.events} events, {found['ours']} occurrences)",
            "ms",
            Stats.of(ms(mine)),
            f"sqlite3 + dateutil, the same rows and rules ({found['plain']} occurrences)",
            Stats.of(ms(theirs)),
            notes="ours: list_occurrences (the events tab's query through the ORM, rules expanded by "
            "models.recurrence with moved dates and time zones)",
        )
    ]


def _search(bench, content) -> list[Result]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext
    from desktop.db import open_database
    from ui.events_panel import EventsPanel, read_events
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    db = open_database(content.url)
    window = MainWindow(AppContext(db=db, user="bench"))
    samples: list[float] = []
    try:
        panel = window.findChild(EventsPanel)
        since, until = panel.period_range(content.today)
        panel._show(read_events(db, since, until))  # what load() shows
        panel.show()
        app.processEvents()
        for _ in range(max(1, bench.runs["fast"] // 10)):
            for query in QUERIES:
                for key in [*query, *[Qt.Key.Key_Backspace] * len(query)]:
                    started = time.perf_counter()
                    QTest.keyClick(panel.search, key)
                    app.processEvents()
                    samples.append(time.perf_counter() - started)
        rows = len(panel.occurrences)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        db.dispose()
    stats = Stats.of(ms(samples))
    return [
        Result(
            "events",
            f"search events as you type, median ({rows} occurrences listed)",
            "ms",
            stats,
            "one frame: 16 ms",
            budget=FRAME_MS,
        ),
        Result(
            "events",
            f"search events as you type, p95 ({rows} occurrences listed)",
            "ms",
            stats,
            "one frame: 16 ms",
            budget=FRAME_MS,
            use_p95=True,
            notes="the events tab filters its list and refills the table on every keystroke",
        ),
    ]


def _events_inputs(db, today: date):
    from desktop.publish import DEFAULT_BASE_URL, failed_checks, load_snapshot
    from export.integreat.policy import plan_publication

    with db.transaction() as session:
        snapshot = load_snapshot(session)
        failed = failed_checks(session, snapshot, None)
    plan = plan_publication(snapshot, today=today, failed_checks=failed)
    return snapshot, plan, DEFAULT_BASE_URL


def _plain_ics(items: list[dict]) -> bytes:
    """The baseline calendar: icalendar serialising the same events."""
    from icalendar import Calendar, Event, vRecur

    cal = Calendar()
    cal.add("prodid", "-//bench//")
    cal.add("version", "2.0")
    for item in items:
        event = Event()
        event.add("uid", item["uid"])
        event.add("summary", item["title"])
        event.add("description", item["description"])
        event.add("location", item["location"])
        event.add("dtstart", item["start"])
        event.add("dtend", item["end"])
        if item["rule"]:
            event.add("rrule", vRecur.from_ical(item["rule"]))
            for cancelled in item["exdates"]:
                event.add("exdate", datetime.combine(date.fromisoformat(cancelled), item["start"].time()))
        cal.add_component(event)
    return cal.to_ical()


def _files(bench, content) -> list[Result]:
    from desktop.db import open_database
    from export.integreat.content_objects import ContentObjects, content_files
    from export.integreat.objects import Builder
    from models.richtext import html_to_text

    db = open_database(content.url)
    try:
        snapshot, plan, base_url = _events_inputs(db, content.today)
    finally:
        db.dispose()
    codes = [lang.code for lang in snapshot.languages]
    out, plain_out = bench.scratch / "events-ours", bench.scratch / "events-plain"
    events = {e.id: e for e in snapshot.events}

    def write(folder, relpath: str, value) -> None:
        target = folder / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, bytes):
            target.write_bytes(value)
        else:
            target.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")

    def ours() -> None:
        content_objects = ContentObjects(Builder(snapshot, plan, base_url, {}), content.today)
        for code in codes:
            for relpath, value in content_files(content_objects, code, code):
                write(out, relpath, value)

    # The baseline's inputs: the same JSON objects and the same events' fields, made once.
    objects = ContentObjects(Builder(snapshot, plan, base_url, {}), content.today)
    same = {
        code: (
            objects.event_list(code, combined=False),
            objects.event_list(code, combined=True),
            [
                {
                    "uid": f"event-{eid}",
                    "title": events[eid].texts[code].title,
                    "description": html_to_text(events[eid].texts[code].content),
                    "location": events[eid].town or "",
                    "start": events[eid].event_start,
                    "end": events[eid].event_end,
                    "rule": events[eid].rrule,
                    "exdates": events[eid].exdates or [],
                }
                for eid in plan.events.get(code, [])
            ],
        )
        for code in codes
    }

    def plain() -> None:
        for code, (occurrences, combined, items) in same.items():
            write(plain_out, f"{code}/events/index.json", occurrences)
            write(plain_out, f"{code}/events/combine_recurring/index.json", combined)
            calendar = _plain_ics(items)
            write(plain_out, f"{code}/events.ics", calendar)
            write(plain_out, f"{code}/events-integreat.ics", calendar)

    mine, theirs = alternate(lambda: timed(ours), lambda: timed(plain), bench.runs["slow"])
    count = sum(len(v[2]) for v in same.values())
    return [
        Result(
            "events",
            f"events.json and events.ics, all {len(codes)} languages ({count} event texts)",
            "s",
            Stats.of(mine),
            "json.dumps of the same objects + icalendar serialising the same events",
            Stats.of(theirs),
            notes="ours builds the API objects (occurrences of every series for the app's window, "
            "places, links) and both calendars (for people and for the CMS import) per language; the "
            "baseline only serialises what ours built",
        )
    ]


def _calendar_html(data) -> str:
    parts = []
    for day, entries in data.days():
        parts.append(f"<h2>{day:%A, %d. %B %Y}</h2>")
        for entry in entries:
            title = html.escape(entry.titles.get("de", ""))
            place = html.escape(entry.places.get("de", "") or entry.address)
            series = html.escape(entry.series.get("de", ""))
            parts.append(
                f'<div class="e"><b>{entry.start:%H:%M}–{entry.end:%H:%M}</b> {title}'
                f"<br>{series} {place}</div>"
            )
    return (
        f"<html><head><style>{CSS}</style></head><body><h1>{html.escape(data.region_name)}</h1>"
        + "".join(parts)
        + "</body></html>"
    )


def _calendar(bench, content) -> list[Result]:
    from weasyprint import HTML

    from desktop.db import open_database
    from desktop.event_print import _read, render_event_calendar
    from export.flyers.calendar_data import calendar_from_snapshot

    db = open_database(content.url)
    since, until = content.today, content.today + timedelta(days=30)
    out = bench.scratch / "calendar.pdf"
    try:
        _region, snapshot, plan = _read(db, None, since)
        data = calendar_from_snapshot(snapshot, plan, "de", since, until)
        document = _calendar_html(data)
        pages: dict[str, int] = {}

        def ours() -> float:
            return timed(lambda: pages.update(ours=render_event_calendar(db, out, "de", since, until).pages))

        pages["weasy"] = len(HTML(string=document).render().pages)

        def weasy() -> float:
            return timed(lambda: HTML(string=document).write_pdf(bench.scratch / "calendar-weasy.pdf"))

        mine, theirs = alternate(ours, weasy, bench.runs["slow"])
    finally:
        db.dispose()
    return [
        Result(
            "events",
            f"events calendar PDF of a month ({len(data.entries)} occurrences, {pages['ours']} pages)",
            "s",
            Stats.of(mine),
            f"WeasyPrint, the same days and entries from HTML ({pages['weasy']} pages)",
            Stats.of(theirs),
            notes="ours reads the region and plans the publication too, shapes with HarfBuzz, adds the "
            "logo and QR footer; the baseline renders plain HTML of the entries",
        )
    ]
