"""Dates and times as the interface language writes them (Qt's CLDR data through QLocale, the
language from the one language path): the date and time fields of the editors and every date
the window shows ("07.12.2026 14:05" / "12/7/2026 2:05 PM"), in one form. QLocale, not Babel:
Qt has its CLDR data built in, while Babel loads a locale's (4 MiB) on first use, which the
first offer opened would pay. A language switch re-formats the fields (``localize``); shown
texts are made again by their owners.

Shown dates are many (a tooltip per language of the open offer, a cell per row of the list): the
locale's patterns are looked up once per language, and a moment is handed to Qt as the wall-clock
time it already is (a QDateTime in local time made Qt look up the local zone: 60 of the 100 µs)."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit

from .i18n import language, on_language_change

_SHORT = QLocale.FormatType.ShortFormat
# Only a carrier of the wall-clock fields: the patterns print no zone.
_WALL_CLOCK = QTimeZone(QTimeZone.Initialization.UTC)


def qt_locale() -> QLocale:
    """Qt's locale for the interface language (month names in a calendar, AM/PM)."""
    return QLocale(language())


def _full_year(pattern: str) -> str:
    """CLDR's short dates have two-digit years ("dd.MM.yy", "M/d/yy"): we write four."""
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def _with_seconds(pattern: str) -> str:
    return pattern.replace("mm", "mm:ss", 1)


def edit_format(*, with_time: bool) -> str:
    """A field's display format: "dd.MM.yyyy HH:mm" / "M/d/yyyy h:mm AP"."""
    return _patterns(language())[0 if with_time else 1]


@cache
def _patterns(code: str) -> tuple[str, str, str]:
    """A language's date-time, date and time patterns (full years); a dozen languages at most."""
    locale = QLocale(code)
    return (
        _full_year(locale.dateTimeFormat(_SHORT)),
        _full_year(locale.dateFormat(_SHORT)),
        locale.timeFormat(_SHORT),
    )


def localize(edit: QDateTimeEdit, *, with_time: bool) -> None:
    """Show ``edit`` (a date, or a date and a time) in the interface language, now and after
    every switch; its value stays as it is."""

    def apply() -> None:
        edit.setLocale(qt_locale())
        edit.setDisplayFormat(edit_format(with_time=with_time))

    apply()
    on_language_change(edit, apply)


def day_text(day: date) -> str:
    """ "07.12.2026" / "12/7/2026"."""
    code = language()
    return QLocale(code).toString(QDate(day.year, day.month, day.day), _patterns(code)[1])


def time_text(moment: datetime, *, seconds: bool = False) -> str:
    """ "14:05" / "2:05 PM" (with seconds: "14:05:09" / "2:05:09 PM"), as the moment is given."""
    code = language()
    pattern = _patterns(code)[2]
    when = QTime(moment.hour, moment.minute, moment.second)
    return QLocale(code).toString(when, _with_seconds(pattern) if seconds else pattern)


def moment_text(moment: datetime, *, seconds: bool = False) -> str:
    """ "07.12.2026 14:05" / "12/7/2026 2:05 PM": a stored moment in local time."""
    local = moment.astimezone()
    code = language()
    pattern = _patterns(code)[0]
    when = QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second), _WALL_CLOCK
    )
    return QLocale(code).toString(when, _with_seconds(pattern) if seconds else pattern)
