"""Shown dates (ui/dates.py) as the interface language writes them, in local time: the
patterns are looked up once per language and the moment handed to Qt as its wall-clock
fields, which must write exactly what Qt writes for the same moment in local time."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDateTime, QLocale

from ui.dates import day_text, edit_format, moment_text, time_text
from ui.i18n import language, set_language

MOMENTS = [
    datetime(2026, 12, 7, 13, 5, 9, tzinfo=UTC),  # winter
    datetime(2026, 7, 1, 22, 30, 0, tzinfo=UTC),  # summer, past midnight in Berlin
    datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC),  # the hour before the clocks go forward
    datetime(2026, 10, 25, 1, 0, 0, tzinfo=UTC),  # the hour the clocks go back
]


def _as_qt_writes_it(code: str, moment: datetime, seconds: bool) -> str:
    """Qt's own answer: the moment as a QDateTime in local time, the locale's short pattern."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    pattern = QLocale(code).dateTimeFormat(QLocale.FormatType.ShortFormat)
    pattern = pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")
    if seconds:
        pattern = pattern.replace("mm", "mm:ss", 1)
    return QLocale(code).toString(local, pattern)


@pytest.fixture
def berlin_time():
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Berlin"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.mark.parametrize("code", ["de", "en"])
def test_moments_are_written_as_qt_writes_local_time(qapp, berlin_time, code):
    before = language()
    try:
        set_language(code)
        for moment in MOMENTS:
            for seconds in (False, True):
                assert moment_text(moment, seconds=seconds) == _as_qt_writes_it(code, moment, seconds)
    finally:
        set_language(before)


def test_dates_follow_a_switch_of_the_interface_language(qapp, berlin_time):
    before = language()
    moment = MOMENTS[0]  # 14:05:09 in Berlin
    try:
        set_language("de")
        assert moment_text(moment) == "07.12.2026 14:05"
        assert moment_text(moment, seconds=True) == "07.12.2026 14:05:09"
        assert day_text(date(2026, 12, 7)) == "07.12.2026"
        assert time_text(moment.astimezone(), seconds=True) == "14:05:09"
        assert edit_format(with_time=True) == "dd.MM.yyyy HH:mm"
        set_language("en")
        assert moment_text(moment).replace("\u202f", " ") == "12/7/2026 2:05 PM"
        assert day_text(date(2026, 12, 7)) == "12/7/2026"
        assert time_text(moment.astimezone()).endswith("PM")
    finally:
        set_language(before)
