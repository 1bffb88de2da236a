import pytest

from models.hours import Day, Slot, split_at_midnight, week_from_json, week_problems, week_to_json

OPEN = {"closed": False, "all_day": False, "appointment_only": False}
CLOSED = {"closed": True, "all_day": False, "appointment_only": False, "slots": []}


def week(**days):
    result = [dict(CLOSED) for _ in range(7)]
    for index, slots in days.items():
        result[int(index[1:])] = dict(OPEN, slots=slots)
    return result


def test_a_normal_week_has_no_problems():
    assert week_problems(week(d0=[["09:00", "12:00"], ["14:00", "16:30"]], d3=[["08:00", "20:00"]])) == []


def test_overlapping_slots_are_reported():
    problems = week_problems(week(d1=[["09:00", "12:00"], ["11:30", "14:00"]]))
    assert problems == ["day 2: slots 09:00–12:00 and 11:30–14:00 overlap"]


@pytest.mark.parametrize("bad", ["9", "25:00", "12:60", "", "abc"])
def test_invalid_times_are_reported(bad):
    problems = week_problems(week(d0=[[bad, "12:00"]]))
    assert len(problems) == 1 and "time of day" in problems[0]


def test_week_needs_seven_days():
    assert week_problems([CLOSED] * 6) == ["opening hours need exactly 7 days, not 6"]


def test_overnight_slot_is_allowed_and_split_at_midnight():
    days = week(d4=[["20:00", "02:00"]])
    assert week_problems(days) == []
    split = split_at_midnight(week_from_json(days))
    assert [(s.start, s.end) for s in split[4].slots] == [("20:00", "23:59")]
    assert [(s.start, s.end) for s in split[5].slots] == [("00:00", "02:00")]
    assert split[5].closed is False


def test_sunday_overnight_wraps_to_monday():
    split = split_at_midnight(week_from_json(week(d6=[["22:00", "01:00"]], d0=[["09:00", "12:00"]])))
    assert [(s.start, s.end) for s in split[0].slots] == [("00:00", "01:00"), ("09:00", "12:00")]


def test_overnight_slot_running_into_next_morning_is_reported():
    problems = week_problems(week(d0=[["22:00", "10:00"]], d1=[["09:00", "12:00"]]))
    assert problems == ["day 1: the overnight slot runs into the next day's hours"]


def test_json_round_trip():
    days = [Day(closed=False, slots=[Slot("09:00", "12:00")])] + [Day() for _ in range(6)]
    assert week_to_json(week_from_json(week_to_json(days))) == week_to_json(days)
