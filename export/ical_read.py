"""Reading an iCalendar file into events (pure). Hostile input is bounded before it costs
memory or time: the file's size, the number of VEVENTs, every rule through the bounded
checks of ``models.recurrence``. A calendar with an item that cannot be read is refused
as a whole, with every such item named: nothing is half-imported.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from icalendar import Calendar

from models.i18n import N_, Joined, Message, MessageError
from models.recurrence import RecurrenceError, Timing, parse_rule, problem_messages, zone

MAX_ICS_BYTES = 20 * 1024 * 1024
MAX_EVENTS = 20_000
MAX_ERRORS_SHOWN = 10


class IcsError(MessageError, ValueError):
    """The calendar cannot be read; nothing of it is imported."""


@dataclass
class ReadEvent:
    uid: str
    title: str
    timing: Timing
    description: str = ""
    location: str = ""
    url: str | None = None
    last_modified: datetime | None = None


@dataclass
class IcsRead:
    events: list[ReadEvent]
    warnings: list[Message] = field(default_factory=list)


def _text(component, name: str, limit: int) -> str:
    value = component.get(name)
    return str(value).strip()[:limit] if value is not None else ""


def _label(component) -> Message:
    title = _text(component, "summary", 60) or "?"
    uid = _text(component, "uid", 80)
    return N_("“{title}” (UID {uid})", title=title, uid=uid) if uid else N_("“{title}”", title=title)


class _Item(MessageError):
    """One event that cannot be read."""


def _moment(prop, local_zone: str, floating: list) -> tuple[datetime | date, str]:
    """(value, zone name); an aware time is kept in its own zone where it has a name."""
    value = prop.dt
    if not isinstance(value, datetime):
        return value, local_zone
    if value.tzinfo is None:
        tzid = prop.params.get("TZID")
        if tzid:
            try:
                zone(tzid)
            except RecurrenceError as exc:
                raise _Item(N_("unknown time zone “{zone}”", zone=str(tzid)[:60])) from exc
            return value, str(tzid)
        floating.append(True)
        return value, local_zone
    key = getattr(value.tzinfo, "key", None)
    if key and key != "UTC":
        return value.replace(tzinfo=None), key
    return value.astimezone(zone(local_zone)).replace(tzinfo=None), local_zone


def _local(value: datetime | date, tz_name: str, target: str) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, datetime.min.time())
    if tz_name == target:
        return value
    return value.replace(tzinfo=zone(tz_name)).astimezone(zone(target)).replace(tzinfo=None)


def _timing(component, local_zone: str, floating: list) -> Timing:
    start_prop = component.get("dtstart")
    if start_prop is None:
        raise _Item(N_("no start (DTSTART is missing)"))
    start, tz_name = _moment(start_prop, local_zone, floating)
    all_day = not isinstance(start, datetime)
    if component.get("dtend") is not None:
        end, end_zone = _moment(component["dtend"], tz_name, floating)
        end = _local(end, end_zone, tz_name)
        if all_day:
            end = end - timedelta(days=1)  # DTEND of a date is exclusive
    elif component.get("duration") is not None:
        end = _local(start, tz_name, tz_name) + component["duration"].dt
        if all_day:
            end -= timedelta(days=1)
    else:
        end = start
    start = _local(start, tz_name, tz_name)
    end = _local(end, tz_name, tz_name)
    if end < start:
        end = start if all_day else end
    rules = component.get("rrule")
    if isinstance(rules, list):
        raise _Item(N_("more than one RRULE"))
    rule = None
    if rules is not None:
        try:
            rule = parse_rule(rules.to_ical().decode(), tz_name).text()
        except RecurrenceError as exc:
            raise _Item(exc.text) from exc
    exdates: set[date] = set()
    lists = component.get("exdate")
    for entry in lists if isinstance(lists, list) else [lists] if lists is not None else []:
        for item in entry.dts:
            value, value_zone = _moment(item, tz_name, [])
            exdates.add(_local(value, value_zone, tz_name).date())
    return Timing(start, end, tz_name, all_day, rule, tuple(sorted(exdates)))


def _uid(component) -> str:
    uid = _text(component, "uid", 255)
    if uid:
        return uid
    seed = f"{_text(component, 'summary', 200)}|{component.get('dtstart') and component['dtstart'].to_ical()}"
    return "lotse-" + hashlib.sha256(seed.encode()).hexdigest()[:24]


def read_ics(data: bytes, *, default_timezone: str = "Europe/Berlin", name: str = "Kalender") -> IcsRead:
    if len(data) > MAX_ICS_BYTES:
        raise IcsError(
            N_(
                "{name} is too large at {size:.0f} MB (at most {most} MB).",
                name=name,
                size=len(data) / 1e6,
                most=MAX_ICS_BYTES // 1_048_576,
            )
        )
    if data.count(b"BEGIN:VEVENT") > MAX_EVENTS:
        raise IcsError(N_("{name} holds more than {most} events.", name=name, most=MAX_EVENTS))
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, UnicodeDecodeError) as exc:
        raise IcsError(
            N_("{name} is not a readable iCalendar file ({error}).", name=name, error=str(exc)[:120])
        ) from exc
    calendar_zone = str(calendar.get("x-wr-timezone") or default_timezone)
    try:
        zone(calendar_zone)
    except RecurrenceError:
        calendar_zone = default_timezone
    masters: dict[str, ReadEvent] = {}
    exceptions: list[tuple[str, object]] = []
    errors: list[Message] = []
    warnings: list[Message] = []
    floating: list = []
    for component in calendar.walk("VEVENT"):
        label = _label(component)
        try:
            if component.get("recurrence-id") is not None:
                exceptions.append((_uid(component), component))
                continue
            timing = _timing(component, calendar_zone, floating)
            uid = _uid(component)
            if uid in masters:
                warnings.append(N_("{event}: appears twice; the first counts.", event=label))
                continue
            modified = component.get("last-modified")
            masters[uid] = ReadEvent(
                uid=uid,
                title=_text(component, "summary", 500) or "?",
                timing=timing,
                description=_text(component, "description", 20_000),
                location=_text(component, "location", 500),
                url=_text(component, "url", 500) or None,
                last_modified=modified.dt
                if modified is not None and isinstance(modified.dt, datetime)
                else None,
            )
        except _Item as exc:
            errors.append(N_("{event}: {problem}", event=label, problem=exc.text))
    for uid, component in exceptions:
        label = _label(component)
        master = masters.get(uid)
        if master is None or not master.timing.rule:
            warnings.append(N_("{event}: changed date without a series; skipped.", event=label))
            continue
        try:
            tz_name = master.timing.timezone
            original, original_zone = _moment(component["recurrence-id"], tz_name, [])
            day = _local(original, original_zone, tz_name).date()
            if str(component.get("status", "")).upper() == "CANCELLED":
                master.timing.exdates = tuple(sorted(set(master.timing.exdates) | {day}))
                continue
            moved = _timing(component, tz_name, floating)
            master.timing.moved[day] = (
                _local(moved.start, moved.timezone, tz_name),
                _local(moved.end, moved.timezone, tz_name),
            )
        except _Item as exc:
            errors.append(N_("{event}: {problem}", event=label, problem=exc.text))
    for event in masters.values():
        label = N_("“{title}” (UID {uid})", title=event.title[:60], uid=event.uid[:80])
        for _field, problem in problem_messages(event.timing):
            errors.append(N_("{event}: {problem}", event=label, problem=problem))
        if event.timing.rule and parse_rule(event.timing.rule, event.timing.timezone).indefinite:
            warnings.append(
                N_("“{title}”: the series never ends (no UNTIL, no COUNT).", title=event.title[:60])
            )
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = len(errors) - len(shown)
        listed = Joined(shown + ([N_("and {more} more", more=more)] if more else []))
        raise IcsError(
            N_(
                "{name}: {count} event(s) cannot be read, nothing imported: {errors}",
                name=name,
                count=len(errors),
                errors=listed,
            )
        )
    if floating:
        warnings.append(N_("Times without a time zone read as local time {zone}.", zone=calendar_zone))
    return IcsRead(list(masters.values()), warnings)


def read_ics_file(path, *, default_timezone: str = "Europe/Berlin") -> IcsRead:
    """``read_ics`` for a file; its size is checked before a byte is read."""
    from pathlib import Path

    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_ICS_BYTES:
            raise IcsError(
                N_(
                    "{name} is too large at {size:.0f} MB (at most {most} MB).",
                    name=source.name,
                    size=size / 1e6,
                    most=MAX_ICS_BYTES // 1_048_576,
                )
            )
        with source.open("rb") as handle:
            data = handle.read(MAX_ICS_BYTES + 1)
    except OSError as exc:
        raise IcsError(
            N_("“{source}” cannot be read ({error}).", source=source, error=exc.strerror or exc)
        ) from exc
    return read_ics(data, default_timezone=default_timezone, name=source.name)
