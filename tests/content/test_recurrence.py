"""Recurrence rules and their bounded expansion (models/recurrence.py), checked against
dateutil's and icalendar's reading of the same rules."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from models.recurrence import (
    MAX_COUNT,
    RecurrenceError,
    Timing,
    build_rule,
    expand,
    last_date,
    parse_rule,
    timing_problems,
)

BERLIN = ZoneInfo("Europe/Berlin")


def _window(a: date, b: date) -> tuple[datetime, datetime]:
    return datetime.combine(a, datetime.min.time(), BERLIN), datetime.combine(b, datetime.max.time(), BERLIN)


def _starts(timing: Timing, a: date, b: date) -> list[str]:
    return [o.start.strftime("%Y-%m-%d %H:%M") for o in expand(timing, *_window(a, b))]


def test_weekly_every_second_week_on_two_days_keeps_wall_clock_time_across_dst():
    t = Timing(
        datetime(2027, 3, 16, 15),
        datetime(2027, 3, 16, 17),
        rule=build_rule("WEEKLY", interval=2, weekdays=["TU", "TH"]),
    )
    occurrences = expand(t, *_window(date(2027, 3, 1), date(2027, 4, 20)))
    assert [o.start.strftime("%m-%d %H:%M %z") for o in occurrences] == [
        "03-16 15:00 +0100",
        "03-18 15:00 +0100",
        "03-30 15:00 +0200",
        "04-01 15:00 +0200",
        "04-13 15:00 +0200",
        "04-15 15:00 +0200",
    ]
    assert all(o.end - o.start == timedelta(hours=2) for o in occurrences)


def test_second_tuesday_and_last_friday_of_the_month():
    second_tuesday = Timing(
        datetime(2027, 1, 12, 10),
        datetime(2027, 1, 12, 12),
        rule=build_rule("MONTHLY", weekdays=["TU"], nth=2),
    )
    assert _starts(second_tuesday, date(2027, 1, 1), date(2027, 4, 30)) == [
        "2027-01-12 10:00",
        "2027-02-09 10:00",
        "2027-03-09 10:00",
        "2027-04-13 10:00",
    ]
    last_friday = Timing(
        datetime(2027, 1, 29, 18),
        datetime(2027, 1, 29, 20),
        rule=build_rule("MONTHLY", weekdays=["FR"], nth=-1, until=date(2027, 4, 30)),
    )
    assert _starts(last_friday, date(2027, 1, 1), date(2027, 12, 31)) == [
        "2027-01-29 18:00",
        "2027-02-26 18:00",
        "2027-03-26 18:00",
        "2027-04-30 18:00",
    ]


def test_daily_yearly_until_and_count():
    daily = Timing(datetime(2027, 5, 1, 9), datetime(2027, 5, 1, 10), rule=build_rule("DAILY", count=3))
    assert _starts(daily, date(2027, 1, 1), date(2027, 12, 31)) == [
        "2027-05-01 09:00",
        "2027-05-02 09:00",
        "2027-05-03 09:00",
    ]
    assert last_date(daily) == date(2027, 5, 3)
    yearly = Timing(
        datetime(2027, 10, 3, 11),
        datetime(2027, 10, 3, 14),
        rule=build_rule("YEARLY", until=date(2029, 10, 3)),
    )
    assert _starts(yearly, date(2027, 1, 1), date(2035, 1, 1)) == [
        "2027-10-03 11:00",
        "2028-10-03 11:00",
        "2029-10-03 11:00",
    ]
    forever = Timing(datetime(2027, 1, 4, 9), datetime(2027, 1, 4, 10), rule="FREQ=WEEKLY;BYDAY=MO")
    assert last_date(forever) is None and parse_rule(forever.rule).indefinite


def test_exdate_and_moved_occurrence():
    t = Timing(
        datetime(2027, 12, 3, 15),
        datetime(2027, 12, 3, 17),
        rule="FREQ=WEEKLY;BYDAY=FR",
        exdates=(date(2027, 12, 24),),
        moved={date(2027, 12, 31): (datetime(2027, 12, 30, 15), datetime(2027, 12, 30, 17))},
    )
    occurrences = expand(t, *_window(date(2027, 12, 1), date(2028, 1, 10)))
    assert [(o.start.strftime("%m-%d"), o.original.strftime("%m-%d"), o.moved) for o in occurrences] == [
        ("12-03", "12-03", False),
        ("12-10", "12-10", False),
        ("12-17", "12-17", False),
        ("12-30", "12-31", True),
        ("01-07", "01-07", False),
    ]
    # a moved occurrence whose new time is inside the window although its original is not
    assert [o.original for o in expand(t, *_window(date(2027, 12, 30), date(2027, 12, 30)))] == [
        date(2027, 12, 31)
    ]


def test_all_day_event_spanning_days_overlaps_the_window():
    t = Timing(datetime(2027, 6, 1), datetime(2027, 6, 3), all_day=True)
    assert len(expand(t, *_window(date(2027, 6, 3), date(2027, 6, 10)))) == 1
    assert expand(t, *_window(date(2027, 6, 4), date(2027, 6, 10))) == []


def test_skipping_ahead_gives_the_same_dates_as_iterating_from_the_start():
    for rule in (
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
        "FREQ=WEEKLY;INTERVAL=5;BYDAY=SU",
    ):
        start = datetime(1990, 1, 3, 9, 30)
        t = Timing(start, start + timedelta(hours=1), rule=rule)
        full = rrulestr(rule, dtstart=start).between(
            datetime(2027, 3, 1), datetime(2027, 5, 1, 23, 59), inc=True
        )
        assert _starts(t, date(2027, 3, 1), date(2027, 5, 1)) == [d.strftime("%Y-%m-%d %H:%M") for d in full]


def test_a_rule_producing_millions_of_dates_is_refused_quickly():
    with pytest.raises(RecurrenceError, match="COUNT"):
        parse_rule(f"FREQ=DAILY;COUNT={MAX_COUNT * 100}")
    for rule in ("FREQ=SECONDLY", "FREQ=DAILY;BYHOUR=1,2,3", "FREQ=MINUTELY;COUNT=5"):
        with pytest.raises(RecurrenceError):
            parse_rule(rule)
    # monthly since the year 1000 cannot be skipped ahead: bounded, refused, fast
    t = Timing(
        datetime(1000, 1, 1, 9),
        datetime(1000, 1, 1, 10),
        rule="FREQ=MONTHLY;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20",
    )
    began = time.monotonic()
    with pytest.raises(RecurrenceError) as caught:
        expand(t, *_window(date(2027, 1, 1), date(2027, 2, 1)))
    assert "zu viele Termine" in caught.value.de
    assert time.monotonic() - began < 10


def test_problems_beside_the_fields():
    assert timing_problems(Timing(datetime(2027, 1, 2, 10), datetime(2027, 1, 2, 9)))[0][0] == "end"
    no_date = timing_problems(
        Timing(datetime(2027, 1, 1, 9), datetime(2027, 1, 1, 10), rule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    )
    assert no_date[0][0] == "rule" and "keinen einzigen Termin" in no_date[0][1]
    ended = timing_problems(
        Timing(datetime(2027, 5, 1, 9), datetime(2027, 5, 1, 10), rule="FREQ=WEEKLY;UNTIL=20270101")
    )
    assert ended[0][0] == "rule"
    assert (
        timing_problems(Timing(datetime(2027, 1, 1), datetime(2027, 1, 1), timezone="Mars/Olympus"))[0][0]
        == "timezone"
    )
    assert (
        timing_problems(
            Timing(datetime(2027, 1, 1, 9), datetime(2027, 1, 1, 10), rule="FREQ=WEEKLY;BYDAY=MO")
        )
        == []
    )


def test_until_in_utc_is_read_as_local_time():
    parts = parse_rule("RRULE:FREQ=WEEKLY;UNTIL=20270629T215959Z;BYDAY=TU", "Europe/Berlin")
    assert parts.until == datetime(2027, 6, 29, 23, 59, 59)
    assert parse_rule("FREQ=WEEKLY;UNTIL=20270629").until == datetime(2027, 6, 29, 23, 59, 59)
