"""Events as iCalendar (RFC 5545), pure: no database, no Qt.

``write_ics`` makes a calendar a calendar program reads: the region's VTIMEZONE, one VEVENT
per event with a stable UID, RRULE and EXDATE for a series, one more VEVENT with
RECURRENCE-ID for each moved occurrence. With ``cms=True`` it makes the feed the Integreat
CMS's external-calendar import accepts (its ``import_events``): every VEVENT carries
``CATEGORIES:integreat``; a daily series becomes a weekly one on seven days, COUNT becomes
UNTIL, weeks start on Monday; moved occurrences become EXDATE plus a one-off event of their
own (the importer knows no RECURRENCE-ID). What the CMS cannot hold is left out and said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, vRecur

from models.i18n import N_, Message
from models.recurrence import RecurrenceError, RuleParts, Timing, last_date, parse_rule, zone

from .ical_fold import fold

PRODID = "-//Lotse//Lotse Veranstaltungen//DE"
CMS_CATEGORY = "integreat"


@dataclass
class CalEvent:
    uid: str
    timing: Timing
    title: str
    description: str = ""  # plain text
    location: str = ""
    url: str | None = None
    meeting_url: str | None = None
    last_modified: datetime | None = None  # aware; also DTSTAMP, so the output is stable


@dataclass
class IcsResult:
    data: bytes
    events: int
    notes: list[Message] = field(default_factory=list)  # what was left out


def _line(text: str) -> str:
    """One line (a title, a place, a calendar name): iCalendar's properties hold no line breaks."""
    return " ".join(str(text).split())


def _stamp(event: CalEvent) -> datetime:
    return (event.last_modified or datetime(2000, 1, 1, tzinfo=UTC)).astimezone(UTC).replace(microsecond=0)


def _set_times(vevent: Event, timing: Timing, start: datetime, end: datetime) -> None:
    tz = zone(timing.timezone)
    if timing.all_day:
        vevent.add("dtstart", start.date())
        vevent.add("dtend", end.date() + timedelta(days=1))  # DTEND of a date is exclusive
    else:
        vevent.add("dtstart", start.replace(tzinfo=tz))
        vevent.add("dtend", end.replace(tzinfo=tz))


def _until_utc(parts: RuleParts, timing: Timing) -> str | None:
    if parts.until is None:
        return None
    if timing.all_day:
        return parts.until.strftime("%Y%m%d")
    return parts.until.replace(tzinfo=zone(timing.timezone)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _cms_rule(event: CalEvent, parts: RuleParts) -> tuple[RuleParts | None, Message | None]:
    """The rule as the CMS's importer takes it, or None and why not."""
    title = event.title[:60]
    if parts.freq == "DAILY":
        if parts.interval != 1 or parts.weekdays:
            return None, N_(
                "“{title}”: the CMS cannot take a daily series with an interval or weekdays.", title=title
            )
        parts = RuleParts(
            "WEEKLY",
            weekdays=tuple(("MO", "TU", "WE", "TH", "FR", "SA", "SU")),
            until=parts.until,
            count=parts.count,
        )
    relative = [w for w in parts.weekdays if len(w) > 2]
    if len(relative) > 1 or parts.setpos or parts.yeardays:
        return None, N_("“{title}”: the CMS cannot take this rule ({text}).", title=title, text=parts.text())
    if parts.count is not None:
        last = last_date(event.timing)
        until = datetime.combine(last, datetime.max.time()).replace(microsecond=0) if last else None
        parts = RuleParts(
            parts.freq, parts.interval, parts.weekdays, parts.monthdays, parts.months, until=until
        )
    return RuleParts(
        parts.freq,
        parts.interval,
        parts.weekdays,
        parts.monthdays,
        parts.months,
        until=parts.until,
        wkst="MO",
    ), None


def _common(event: CalEvent, start: datetime, end: datetime, description: str, *, main: bool) -> Event:
    """What both calendars say of an event (``main``) or of one of its moved occurrences."""
    vevent = Event()
    if main:
        vevent.add("uid", event.uid)
    vevent.add("dtstamp", _stamp(event))
    vevent.add("summary", _line(event.title))
    if main and event.last_modified:
        vevent.add("last-modified", _stamp(event))
    if description:
        vevent.add("description", description)
    if event.location:
        vevent.add("location", _line(event.location))
    if main and event.url:
        vevent.add("url", event.url)
    _set_times(vevent, event.timing, start, end)
    return vevent


@dataclass
class _Shared:
    """An event's properties both calendars hold, made once: the calendar for people and the
    CMS's take the same property values (and so their serialised lines, see ``_lines``)."""

    event: CalEvent
    main: Event
    moved: dict[date, Event]

    @classmethod
    def of(cls, event: CalEvent) -> _Shared:
        timing = event.timing
        description = event.description
        if event.meeting_url:
            description = (description + "\n\n" + event.meeting_url).strip()
        main = _common(event, timing.start, timing.end, description, main=True)
        moved = {
            original: _common(event, new_start, new_end, description, main=False)
            for original, (new_start, new_end) in sorted(timing.moved.items())
        }
        return cls(event, main, moved)


def _copy(component: Event) -> Event:
    copy = Event()
    for name, value in component.items():
        copy[name] = value
    return copy


def _vevent(shared: _Shared, *, cms: bool, notes: list) -> list[Event]:
    event = shared.event
    timing = event.timing
    vevent = _copy(shared.main)
    if cms:
        vevent.add("categories", [CMS_CATEGORY])
    out = [vevent]
    if not timing.rule:
        return out
    parts = parse_rule(timing.rule, timing.timezone)
    if cms:
        parts, why = _cms_rule(event, parts)
        if parts is None:
            notes.append(why)
            return []
    vevent.add("rrule", vRecur.from_ical(parts.text(until=_until_utc(parts, timing))))
    tz = zone(timing.timezone)
    start_time = timing.start.time()
    cancelled = sorted(set(timing.exdates) | (set(timing.moved) if cms else set()))
    for day in cancelled:
        vevent.add("exdate", day if timing.all_day else datetime.combine(day, start_time).replace(tzinfo=tz))
    for original, common in shared.moved.items():
        moved = _copy(common)
        moved.add("uid", f"{event.uid}-{original:%Y%m%d}" if cms else event.uid)
        if cms:
            moved.add("categories", [CMS_CATEGORY])
        else:
            moved.add(
                "recurrence-id",
                original if timing.all_day else datetime.combine(original, start_time).replace(tzinfo=tz),
            )
        out.append(moved)
    return out


def write_ics(
    events: list[CalEvent], *, timezone: str, name: str, language: str = "de", cms: bool = False
) -> IcsResult:
    """A calendar of ``events`` (sorted by UID for a stable file)."""
    people, integreat = _calendars(events, timezone, name, language, (not cms, cms))
    result = integreat if cms else people
    assert result is not None
    return result


def write_calendars(
    events: list[CalEvent], *, timezone: str, name: str, language: str = "de"
) -> tuple[IcsResult, IcsResult]:
    """Both calendars of ``events``: for people's calendar programs and for the CMS's import,
    each event's shared properties made and serialised once."""
    people, integreat = _calendars(events, timezone, name, language, (True, True))
    assert people is not None and integreat is not None
    return people, integreat


def _calendars(
    events: list[CalEvent], timezone: str, name: str, language: str, wanted: tuple[bool, bool]
) -> tuple[IcsResult | None, IcsResult | None]:
    lines: dict[tuple[str, int], tuple[object, bytes]] = {}
    people, integreat = (
        None if made is None else IcsResult(_lines(made[0], lines), made[1], made[2])
        for made in _build(events, timezone, name, language, wanted)
    )
    return people, integreat


def _build(
    events: list[CalEvent], timezone: str, name: str, language: str, wanted: tuple[bool, bool]
) -> list[tuple[Calendar, int, list[Message]] | None]:
    """The calendar for people and the CMS's (those ``wanted``): their events and VTIMEZONEs
    made once, each calendar's VEVENTs taking the shared property values."""
    zone(timezone)
    ordered = sorted(events, key=lambda e: e.uid)
    shared: list[_Shared | RecurrenceError] = []
    for event in ordered:
        try:
            shared.append(_Shared.of(event))
        except RecurrenceError as exc:
            shared.append(exc)
    zones = sorted({e.timing.timezone for e in events if not e.timing.all_day} | {timezone})
    this_year = date.today().year
    years = [e.timing.start.year for e in events] + [this_year]
    # the transitions of the years the events use (a full 1970-2038 table is 20 times larger)
    timezones = [
        Timezone.from_tzid(tzid, first_date=date(min(years), 1, 1), last_date=date(max(years) + 10, 1, 1))
        for tzid in zones
    ]
    built: list[tuple[Calendar, int, list[Message]] | None] = []
    for cms, want in zip((False, True), wanted, strict=True):
        if not want:
            built.append(None)
            continue
        notes: list[Message] = []
        components: list[Event] = []
        for item, event in zip(shared, ordered, strict=True):
            try:
                if isinstance(item, RecurrenceError):
                    raise item
                components.extend(_vevent(item, cms=cms, notes=notes))
            except RecurrenceError as exc:
                notes.append(N_("“{title}”: {problem}", title=event.title[:60], problem=exc.text))
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", _line(name))
        calendar.add("x-wr-timezone", timezone)
        for component in [*timezones, *components]:
            calendar.add_component(component)
        if language:
            calendar.add("x-lotse-language", language)
        built.append((calendar, len(components), notes))
    return built


def _lines(calendar: Calendar, done: dict[tuple[str, int], tuple[object, bytes]]) -> bytes:
    """``calendar.to_ical()``: the same bytes, each line folded fast (export/ical_fold.py), and a
    property value both calendars hold serialised once (``done`` keeps the value, so its id
    cannot be reused by another while it is there)."""
    out = []
    for name, value in calendar.property_items():
        if name in ("BEGIN", "END"):  # a new value each time: nothing to reuse
            out.append(fold(calendar.content_line(name, value)))
            continue
        known = done.get((name, id(value)))
        if known is None or known[0] is not value:
            known = done[(name, id(value))] = (value, fold(calendar.content_line(name, value)))
        out.append(known[1])
    return b"\r\n".join(out) + b"\r\n"
