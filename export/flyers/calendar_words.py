"""The words of the events calendar and the event flyer in the printed language: dates and
times from CLDR (Babel) in the language's digits, a series as "jeden Dienstag", "كل الثلاثاء",
"alle 2 Wochen am Dienstag", "außer 24. Dezember" from ``resources/flyers/calendar_labels.json``.

A language without a word in that file never gets English: a weekly series reads "↻ ሰሉስ"
(the weekday from CLDR and the repeat sign), the other words are left out, and
:func:`missing_words` names what is missing so someone can supply it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_interval, format_skeleton, get_day_names
from babel.lists import format_list

from models.languages import babel_locale
from models.recurrence import WEEKDAYS, RecurrenceError, Timing, parse_rule

from .wording import clock, local_digits

LABELS_FILE = Path(__file__).resolve().parents[2] / "resources" / "flyers" / "calendar_labels.json"
REPEAT = "↻"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    return data


def word(language: str, key: str) -> str | None:
    """The word (or template) for ``key`` in ``language``, None where the file has none."""
    data = _data()
    own = data["labels"].get(data["same_as"].get(language, language), {})
    value = own.get(key)
    return value if isinstance(value, str) and value else None


def _ordinal(language: str, n: int) -> str | None:
    data = _data()
    own = data["labels"].get(data["same_as"].get(language, language), {})
    return (own.get("ordinals") or {}).get(str(n))


# -- dates and times --------------------------------------------------------------------
def day_heading(language: str, day: date) -> str:
    """ "Dienstag, 2. März 2027" / "الثلاثاء، ٢ مارس ٢٠٢٧" (CLDR's full date)."""
    return local_digits(language, format_date(day, "full", locale=babel_locale(language)))


def long_date(language: str, day: date) -> str:
    return local_digits(language, format_date(day, "long", locale=babel_locale(language)))


def short_date(language: str, day: date) -> str:
    """A date without the year ("24. Dezember"), for exceptions and moved dates."""
    return local_digits(language, format_skeleton("MMMMd", day, locale=babel_locale(language)))


def period_text(language: str, since: date, until: date) -> str:
    """ "März 2027" for a whole month, "1.–15. März 2027" for any other period."""
    locale = babel_locale(language)
    next_day = date.fromordinal(until.toordinal() + 1)
    if since.day == 1 and next_day.day == 1 and (since.year, since.month) == (until.year, until.month):
        return local_digits(language, format_skeleton("yMMMM", since, locale=locale))
    return local_digits(language, format_interval(since, until, "yMMMd", locale=locale))


def time_range(language: str, start: datetime, end: datetime) -> str:
    """ "15:00–17:00" in the language's digits; an end on a later day gets its date."""
    first = clock(language, f"{start:%H:%M}")
    last = clock(language, f"{end:%H:%M}")
    if end.date() != start.date():
        last = f"{short_date(language, end.date())} {last}"
    return f"{first}–{last}" if end != start else first


# -- series -----------------------------------------------------------------------------
def _day_names(language: str, codes: list[str]) -> list[str]:
    names = get_day_names("wide", locale=babel_locale(language))
    return [names[WEEKDAYS.index(code)] for code in codes]


def _joined(language: str, names: list[str]) -> str:
    """ "Dienstag und Donnerstag", "الثلاثاء والخميس", "ሰሉስን ሓሙስን": CLDR's list pattern."""
    return format_list(names, locale=babel_locale(language)) if names else ""


def series_text(language: str, timing: Timing) -> str:
    """The series in words ("jeden Dienstag", "jeden zweiten Mittwoch im Monat"); "" for a
    one-off event or a rule the words do not cover (the dates are printed anyway)."""
    if not timing.rule:
        return ""
    try:
        parts = parse_rule(timing.rule, timing.timezone)
    except RecurrenceError:
        return ""
    if parts.months or parts.monthdays or parts.setpos or parts.yeardays:
        return ""
    plain_days = [d for d in parts.weekdays if d[-2:] == d]
    nth_days = [d for d in parts.weekdays if d[-2:] != d]
    if parts.freq == "DAILY" and parts.interval == 1 and not parts.weekdays:
        return word(language, "daily") or ""
    if parts.freq == "WEEKLY":
        codes = plain_days or [WEEKDAYS[timing.start.weekday()]]
        if nth_days:
            return ""
        days = _joined(language, _day_names(language, codes))
        if parts.interval == 1:
            template = word(language, "weekly")
            return template.format(days=days) if template else f"{REPEAT} {days}"
        template = word(language, "every_n_weeks")
        return template.format(n=local_digits(language, str(parts.interval)), days=days) if template else ""
    if parts.freq == "MONTHLY" and parts.interval == 1 and len(nth_days) == 1 and not plain_days:
        code = nth_days[0]
        template, nth = word(language, "monthly_nth"), _ordinal(language, int(code[:-2]))
        if template and nth:
            return template.format(nth=nth, day=_day_names(language, [code[-2:]])[0])
    return ""


def exceptions_text(language: str, days: list[date]) -> str:
    """ "außer 24. Dezember, 31. Dezember"; "" without the word (the dates are simply absent)."""
    template = word(language, "except")
    if not days or not template:
        return ""
    return template.format(dates=", ".join(short_date(language, d) for d in days))


def moved_text(language: str, original: date) -> str:
    template = word(language, "moved")
    return template.format(date=short_date(language, original)) if template else ""


def until_text(language: str, day: date) -> str:
    template = word(language, "until")
    return template.format(date=long_date(language, day)) if template else ""


# Words each print may use; ``missing_words`` names the ones a language lacks.
CALENDAR_WORDS = ("events", "weekly", "every_n_weeks", "daily", "monthly_nth", "moved", "whole_day")
FLYER_WORDS = ("event", "when", "where", "next_dates", "weekly", "every_n_weeks", "except", "whole_day")


def missing_words(language: str, keys: tuple[str, ...]) -> list[str]:
    """The keys (of ``keys``) the labels file has no word for in ``language``: printed in a
    neutral form or left out, never in another language."""
    return [key for key in keys if word(language, key) is None]


def vocabulary(language: str) -> str:
    """Every character these words may print in ``language`` (to choose the document's fonts)."""
    data = _data()
    own = data["labels"].get(data["same_as"].get(language, language), {})
    words = [v for v in own.values() if isinstance(v, str)] + list((own.get("ordinals") or {}).values())
    words += list(get_day_names("wide", locale=babel_locale(language)).values())
    words += [
        period_text(language, date(2027, 3, 1), date(2027, 3, 31)),
        day_heading(language, date(2027, 9, 29)),
    ]
    return "".join(words) + REPEAT + local_digits(language, "0123456789")
