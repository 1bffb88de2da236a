"""An event's times in words a person reads, in any interface language: a moment ("Mon, Dec 7,
2026, 2:00 PM"), a date, and a recurrence rule ("every 2 weeks, on Mon, Thu, until Mar 1, 2027")
instead of its RRULE text. The versions dialog says with them what a save changed."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_skeleton, format_time, get_day_names

from .i18n import N_, Joined, Localized, Message, Verbatim
from .languages import babel_locale
from .recurrence import WEEKDAYS, RecurrenceError, parse_rule


def moment_words(value: datetime | date | str | None, *, all_day: bool = False) -> Localized | Verbatim:
    """A wall-clock time (or an ISO text of one, as a version stores it) in the reader's language."""
    if value is None or value == "":
        return Verbatim("—")
    try:
        moment = value if isinstance(value, date) else datetime.fromisoformat(str(value))
    except ValueError:
        return Verbatim(str(value))  # kept as stored rather than guessed
    if all_day or not isinstance(moment, datetime):
        day = moment.date() if isinstance(moment, datetime) else moment
        return Localized(lambda ui: format_date(day, "medium", locale=babel_locale(ui)))
    return Localized(
        lambda ui: (
            f"{format_skeleton('yMMMEd', moment, locale=babel_locale(ui))}, "
            f"{format_time(moment, 'short', locale=babel_locale(ui))}"
        )
    )


def _how_often(freq: str, n: int) -> Message:
    if freq == "DAILY":
        return N_("daily") if n == 1 else N_("every {n} days", n=n)
    if freq == "WEEKLY":
        return N_("weekly") if n == 1 else N_("every {n} weeks", n=n)
    if freq == "MONTHLY":
        return N_("monthly") if n == 1 else N_("every {n} months", n=n)
    return N_("yearly") if n == 1 else N_("every {n} years", n=n)


def _day(code: str) -> Localized:
    index = WEEKDAYS.index(code)
    return Localized(lambda ui: get_day_names("abbreviated", locale=babel_locale(ui))[index])


NTH = {1: N_("1st"), 2: N_("2nd"), 3: N_("3rd"), 4: N_("4th"), -1: N_("last")}


def _weekday(text: str) -> Message | Localized:
    nth, code = text[:-2], text[-2:]
    if not nth:
        return _day(code)
    number = int(nth)
    which: Message | Verbatim = NTH.get(number) or Verbatim(f"{number}.")
    return N_("the {nth} {day}", nth=which, day=_day(code))


def rule_words(rule: str | None, timezone: str = "Europe/Berlin") -> Message | Joined | Verbatim:
    """The rule as a person says it; a rule Lotse cannot read is shown as written."""
    if not rule:
        return N_("does not repeat")
    try:
        parts = parse_rule(rule, timezone)
    except RecurrenceError:
        return Verbatim(rule)
    words: list[object] = [_how_often(parts.freq, parts.interval)]
    if parts.weekdays:
        words.append(N_("on {days}", days=Joined([_weekday(w) for w in parts.weekdays], ", ")))
    if parts.monthdays:
        words.append(N_("on day {days}", days=", ".join(str(d) for d in parts.monthdays)))
    if parts.until is not None:
        words.append(N_("until {date}", date=moment_words(parts.until, all_day=True)))
    if parts.count is not None:
        words.append(N_("{count} times", count=parts.count))
    return Joined(words, ", ")
