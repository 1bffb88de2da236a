"""Dates and times as the interface language writes them (CLDR through Babel and QLocale, the
language from the one language path): the date and time fields of the editors and every date
the window shows ("07.12.2026, 14:05" / "Dec 7, 2026, 2:05 PM"). A language switch re-formats
the fields (``localize``); shown texts are made again by their owners."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDateTimeEdit

from models.languages import babel_locale

from .i18n import language, on_language_change


def qt_locale() -> QLocale:
    """Qt's locale for the interface language (month names in a calendar, AM/PM)."""
    return QLocale(str(babel_locale(language())))


def _full_year(pattern: str) -> str:
    """CLDR's short dates have two-digit years ("dd.MM.yy", "M/d/yy"): a field edits four."""
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def edit_format(*, with_time: bool) -> str:
    """A QDateTimeEdit's display format: "dd.MM.yyyy HH:mm" / "M/d/yyyy h:mm AP"."""
    locale, short = qt_locale(), QLocale.FormatType.ShortFormat
    day = _full_year(locale.dateFormat(short))
    return f"{day} {locale.timeFormat(short)}" if with_time else day


def localize(edit: QDateTimeEdit, *, with_time: bool) -> None:
    """Show ``edit`` (a date, or a date and a time) in the interface language, now and after
    every switch; its value stays as it is."""

    def apply() -> None:
        edit.setLocale(qt_locale())
        edit.setDisplayFormat(edit_format(with_time=with_time))

    apply()
    on_language_change(edit, apply)


def day_text(day: date) -> str:
    """ "07.12.2026" / "Dec 7, 2026"."""
    return format_date(day, "medium", locale=babel_locale(language()))


def time_text(moment: datetime, *, seconds: bool = False) -> str:
    """ "14:05" / "2:05 PM" (with seconds: "14:05:09" / "2:05:09 PM")."""
    return format_time(moment, "medium" if seconds else "short", locale=babel_locale(language()))


def moment_text(moment: datetime, *, seconds: bool = False) -> str:
    """ "07.12.2026, 14:05" / "Dec 7, 2026, 2:05 PM": a stored moment (UTC or aware) in local time,
    date and time joined the language's own way ("{1}, {0}")."""
    local = moment.astimezone()
    locale = babel_locale(language())
    pattern = str(locale.datetime_formats["short"]).replace("'", "")
    return pattern.replace("{1}", day_text(local)).replace("{0}", time_text(local, seconds=seconds))
