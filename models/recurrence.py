"""When an event takes place: one date or a series (RFC 5545 RRULE through python-dateutil),
with cancelled dates (EXDATE) and single occurrences moved to another time (RECURRENCE-ID).

Times are kept as the wall-clock time of the event's time zone (naive datetimes plus a
zone name), so "every Tuesday 15:00" stays 15:00 across daylight saving time. Every
expansion is bounded: a rule that would produce millions of dates is refused, never
iterated to the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.numbers import format_decimal
from dateutil.rrule import rrulestr

from .i18n import N_, Localized, Message, MessageError, Text

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# What a rule may say: sub-day parts (BYHOUR...) would turn one event into thousands a day.
ALLOWED_PARTS = frozenset(
    {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST", "BYYEARDAY"}
)
MAX_RULE_LENGTH = 500
MAX_COUNT = 10_000
MAX_INTERVAL = 1000
# Dates a rule may produce before the end of the asked window (a daily series since 1900
# is ~46,000): past that the rule is refused instead of iterated.
MAX_STEPS = 200_000
# Occurrences one expansion may return.
MAX_OCCURRENCES = 5_000
LAST_DAY = time(23, 59, 59)


class RecurrenceError(MessageError, ValueError):
    """A rule or time that cannot be used; the message says why."""


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise RecurrenceError(N_("Unknown time zone “{zone}”.", zone=str(name)[:60])) from exc


@dataclass(frozen=True)
class RuleParts:
    """A rule read into its parts; ``until`` is local wall-clock time (inclusive)."""

    freq: str
    interval: int = 1
    weekdays: tuple[str, ...] = ()  # "TU", "2TU", "-1FR"
    monthdays: tuple[int, ...] = ()
    months: tuple[int, ...] = ()
    setpos: tuple[int, ...] = ()
    yeardays: tuple[int, ...] = ()
    until: datetime | None = None
    count: int | None = None
    wkst: str | None = None

    @property
    def indefinite(self) -> bool:
        return self.until is None and self.count is None

    def text(self, *, until: str | None = None, wkst: str | None = None) -> str:
        """The RRULE value; ``until`` overrides how UNTIL is written (e.g. in UTC for iCal)."""
        out = [f"FREQ={self.freq}"]
        if self.interval != 1:
            out.append(f"INTERVAL={self.interval}")
        if self.count is not None:
            out.append(f"COUNT={self.count}")
        if self.until is not None:
            out.append(f"UNTIL={until or self.until.strftime('%Y%m%dT%H%M%S')}")
        for key, values in (
            ("BYMONTH", self.months),
            ("BYMONTHDAY", self.monthdays),
            ("BYYEARDAY", self.yeardays),
            ("BYDAY", self.weekdays),
            ("BYSETPOS", self.setpos),
        ):
            if values:
                out.append(f"{key}={','.join(str(v) for v in values)}")
        if wkst or self.wkst:
            out.append(f"WKST={wkst or self.wkst}")
        return ";".join(out)


def _bad(text: str, problem: Message) -> RecurrenceError:
    return RecurrenceError(N_("Recurrence rule “{rule}”: {problem}", rule=text[:80], problem=problem))


def _ints(text: str, key: str, value: str, low: int, high: int) -> tuple[int, ...]:
    try:
        numbers = tuple(int(v) for v in value.split(","))
    except ValueError as exc:
        raise _bad(text, N_("{key} must be numbers.", key=key)) from exc
    if any(not (low <= abs(n) <= high) for n in numbers):
        raise _bad(text, N_("{key} outside {low}–{high}.", key=key, low=low, high=high))
    return numbers


def _until(text: str, value: str, tz: ZoneInfo) -> datetime:
    raw = value.strip()
    try:
        if len(raw) == 8:  # a date: the whole day counts
            return datetime.combine(datetime.strptime(raw, "%Y%m%d").date(), LAST_DAY)
        utc = raw.endswith("Z")
        moment = datetime.strptime(raw.rstrip("Z"), "%Y%m%dT%H%M%S")
    except ValueError as exc:
        raise _bad(text, N_("UNTIL is not a valid date.")) from exc
    if utc:  # RFC 5545: UNTIL in UTC when DTSTART has a zone; kept as local wall time
        moment = moment.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)
    return moment


def parse_rule(text: str, timezone: str = "Europe/Berlin") -> RuleParts:
    """Read an RRULE value ("FREQ=WEEKLY;BYDAY=TU", an optional "RRULE:" in front)."""
    if not isinstance(text, str) or not text.strip():
        raise RecurrenceError(N_("The recurrence rule is empty."))
    if len(text) > MAX_RULE_LENGTH:
        raise RecurrenceError(N_("The recurrence rule is too long."))
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        key, sep, value = piece.partition("=")
        key = key.strip().upper()
        if not sep or not value.strip():
            raise _bad(text, N_("“{piece}” is not part of a rule.", piece=piece[:30]))
        if key not in ALLOWED_PARTS:
            raise _bad(text, N_("{key} is not supported (events at most once a day).", key=key[:20]))
        parts[key] = value.strip().upper()
    freq = parts.get("FREQ")
    if freq not in FREQUENCIES:
        raise _bad(text, N_("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY."))
    if "COUNT" in parts and "UNTIL" in parts:
        raise _bad(text, N_("COUNT and UNTIL exclude each other."))
    weekdays = tuple(w.strip() for w in parts["BYDAY"].split(",")) if "BYDAY" in parts else ()
    for w in weekdays:
        nth = w[:-2]
        if w[-2:] not in WEEKDAYS or (nth and not _is_nth(nth)):
            raise _bad(text, N_("“{w}” is not a weekday.", w=w[:10]))
    wkst = parts.get("WKST")
    if wkst is not None and wkst not in WEEKDAYS:
        raise _bad(text, N_("WKST is not a weekday."))
    count = _ints(text, "COUNT", parts["COUNT"], 1, MAX_COUNT)[0] if "COUNT" in parts else None
    if count is not None and count < 1:
        raise _bad(text, N_("COUNT must be at least 1."))
    interval = _ints(text, "INTERVAL", parts.get("INTERVAL", "1"), 1, MAX_INTERVAL)[0]
    if interval < 1:
        raise _bad(text, N_("INTERVAL must be at least 1."))
    return RuleParts(
        freq=freq,
        interval=interval,
        weekdays=weekdays,
        monthdays=_ints(text, "BYMONTHDAY", parts["BYMONTHDAY"], 1, 31) if "BYMONTHDAY" in parts else (),
        months=_ints(text, "BYMONTH", parts["BYMONTH"], 1, 12) if "BYMONTH" in parts else (),
        setpos=_ints(text, "BYSETPOS", parts["BYSETPOS"], 1, 366) if "BYSETPOS" in parts else (),
        yeardays=_ints(text, "BYYEARDAY", parts["BYYEARDAY"], 1, 366) if "BYYEARDAY" in parts else (),
        until=_until(text, parts["UNTIL"], zone(timezone)) if "UNTIL" in parts else None,
        count=count,
        wkst=wkst,
    )


def _is_nth(text: str) -> bool:
    try:
        return 1 <= abs(int(text)) <= 53
    except ValueError:
        return False


def build_rule(
    freq: str,
    *,
    interval: int = 1,
    weekdays: tuple[str, ...] | list[str] = (),
    nth: int | None = None,
    monthday: int | None = None,
    until: date | None = None,
    count: int | None = None,
) -> str:
    """A rule from the editor's choices: ``nth`` 2 with weekdays ("TU",) is "the 2nd Tuesday",
    -1 with ("FR",) "the last Friday"; ``until`` a last date (inclusive)."""
    days = tuple(f"{nth}{d}" if nth else d for d in weekdays)
    parts = RuleParts(
        freq=freq.upper(),
        interval=interval,
        weekdays=days,
        monthdays=(monthday,) if monthday else (),
        until=datetime.combine(until, LAST_DAY) if until else None,
        count=count,
    )
    text = parts.text()
    parse_rule(text)  # the same checks as for a rule read from a file
    return text


@dataclass
class Timing:
    """When an event is: ``start``/``end`` are wall-clock times in ``timezone``; for an all-day
    event only their dates count (``end`` is the last day, inclusive). ``moved`` maps an
    occurrence's original date to its new (start, end)."""

    start: datetime
    end: datetime
    timezone: str = "Europe/Berlin"
    all_day: bool = False
    rule: str | None = None
    exdates: tuple[date, ...] = ()
    moved: dict[date, tuple[datetime, datetime]] = field(default_factory=dict)

    @property
    def duration(self) -> timedelta:
        if self.all_day:
            return timedelta(days=(self.end.date() - self.start.date()).days)
        return self.end - self.start


@dataclass(frozen=True)
class Occurrence:
    start: datetime  # aware, in the event's zone
    end: datetime
    original: date  # the date the rule gave it (RECURRENCE-ID)
    moved: bool = False


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    return moment.replace(tzinfo=tz)


def _overlaps(start: datetime, end: datetime, since: datetime, until: datetime) -> bool:
    # an event that has not ended yet still counts (a course running since February)
    return end >= since and start <= until


def _skip_ahead(parts: RuleParts, start: datetime, since: date | None) -> datetime:
    """A later start of the same daily/weekly series, whole periods on, so that a series begun
    decades ago is not iterated from its first date (not for COUNT: it counts from the start)."""
    if since is None or parts.count is not None or parts.freq not in ("DAILY", "WEEKLY"):
        return start
    period = parts.interval * (7 if parts.freq == "WEEKLY" else 1)
    periods = (since - start.date()).days // period - 1
    return start + timedelta(days=periods * period) if periods > 0 else start


def rule_dates(timing: Timing, stop: date, *, since: date | None = None, max_steps: int = MAX_STEPS):
    """The rule's start times (naive, local) up to ``stop`` (from about ``since`` on when given);
    bounded by ``max_steps``."""
    parts = parse_rule(timing.rule or "", timing.timezone)
    start = _skip_ahead(parts, timing.start.replace(second=0, microsecond=0), since)
    rule = rrulestr(parts.text(), dtstart=start)
    steps = 0
    for moment in rule:
        steps += 1
        if steps > max_steps:
            raise RecurrenceError(
                N_(
                    "The recurrence rule “{rule}” produces too many dates (over {steps}).",
                    rule=(timing.rule or "")[:60],
                    steps=Localized(lambda language: format_decimal(max_steps, locale=language)),
                )
            )
        if moment.date() > stop:
            return
        yield moment


def expand(
    timing: Timing, since: datetime, until: datetime, *, limit: int = MAX_OCCURRENCES
) -> list[Occurrence]:
    """Every occurrence that overlaps [since, until] (aware datetimes), moved ones at their new
    time, cancelled ones left out, sorted by start."""
    tz = zone(timing.timezone)
    if timing.end < timing.start:
        raise RecurrenceError(N_("The end is before the start."))
    duration = timing.duration
    if timing.all_day:
        duration += timedelta(hours=23, minutes=59, seconds=59)
    if not timing.rule:
        start = _local(timing.start, tz)
        end = start + duration
        return [Occurrence(start, end, timing.start.date())] if _overlaps(start, end, since, until) else []
    excluded = set(timing.exdates)
    last_original = max(timing.moved, default=date.min)
    stop = max(until.astimezone(tz).date(), last_original)
    found: list[Occurrence] = []
    earliest = min([since.astimezone(tz).date() - duration - timedelta(days=1), *timing.moved])
    for moment in rule_dates(timing, stop, since=earliest):
        original = moment.date()
        if original in excluded:
            continue
        if original in timing.moved:
            new_start, new_end = timing.moved[original]
            start, end, moved = _local(new_start, tz), _local(new_end, tz), True
        else:
            start = _local(moment, tz)
            end, moved = start + duration, False
        if _overlaps(start, end, since, until):
            found.append(Occurrence(start, end, original, moved))
            if len(found) > limit:
                raise RecurrenceError(N_("More than {limit} dates in the chosen period.", limit=limit))
    return sorted(found, key=lambda o: o.start)


def last_date(timing: Timing) -> date | None:
    """The date of the series' last occurrence, None when it never ends (bounded)."""
    if not timing.rule:
        return timing.end.date()
    parts = parse_rule(timing.rule, timing.timezone)
    if parts.indefinite:
        return None
    stop = parts.until.date() if parts.until else date.max
    last = None
    for moment in rule_dates(timing, stop):
        last = moment
    return last.date() if last else None


def timing_problems(timing: Timing) -> list[tuple[str, str, str]]:
    """(field, German, English) for what the editor shows beside a field: end before start, an
    unknown zone, a rule that cannot be read or that produces no date at all. The words come
    from the catalogue (``problem_messages`` has them as messages)."""
    return [(name, text.render("de"), text.render("en")) for name, text in problem_messages(timing)]


def problem_messages(timing: Timing) -> list[tuple[str, Text]]:
    """(field, message) for every problem of ``timing`` (see ``timing_problems``)."""
    problems: list[tuple[str, Text]] = []
    if timing.end < timing.start:
        problems.append(("end", N_("The end is before the start.")))
    try:
        zone(timing.timezone)
    except RecurrenceError as exc:
        problems.append(("timezone", exc.text))
        return problems
    if timing.rule:
        try:
            first = next(iter(rule_dates(timing, date.max)), None)
        except RecurrenceError as exc:
            problems.append(("rule", exc.text))
            return problems
        except ValueError as exc:  # dateutil's own refusals
            problems.append(("rule", N_("The rule is invalid ({error}).", error=str(exc))))
            return problems
        if first is None:
            problems.append(("rule", N_("The recurrence rule produces no date at all.")))
        for original in timing.moved:
            start, end = timing.moved[original]
            if end < start:
                problems.append(
                    (
                        "moved",
                        N_(
                            "Moved date of {original:%Y-%m-%d}: the end is before the start.",
                            original=original,
                        ),
                    )
                )
    return problems
