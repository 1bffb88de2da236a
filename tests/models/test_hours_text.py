"""Opening hours in office German: generated phrases parse to the week built from the same
parts, or are kept and reported; the parser never invents hours."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from models.hours import Day, Slot, format_hhmm, week_to_json
from models.hours_text import format_hours_text, parse_hours_text

SHORT = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
LONG = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
REMARKS = ["geschlossen in den Ferien", "werktags 9-12", "jeden 1. Samstag im Monat", "in den Ferien nur Mo"]


@st.composite
def slots(draw):
    """One or two slots in one day, the second after the first."""
    points = sorted(draw(st.sets(st.integers(0, 24 * 4 - 1), min_size=2, max_size=4)))
    if len(points) == 3:
        points = points[:2]
    return [(points[i] * 15, points[i + 1] * 15) for i in range(0, len(points), 2)]


def _time(minutes: int, style: int) -> str:
    h, m = divmod(minutes, 60)
    if style == 0 and m == 0:
        return str(h)
    return f"{h}{'.' if style == 2 else ':'}{m:02d}"


@st.composite
def phrases(draw):
    """(text, reference week, remarks): groups of days with their slots, written in one of the ways
    offices do."""
    free = list(range(7))
    groups = []
    for _ in range(draw(st.integers(1, 3))):
        if not free:
            break
        if draw(st.booleans()) and len(free) >= 2:  # a range of consecutive free days
            start = draw(st.sampled_from(free))
            length = 1
            while start + length in free and length < 5 and draw(st.booleans()):
                length += 1
            days = list(range(start, start + length))
        else:
            days = sorted(draw(st.sets(st.sampled_from(free), min_size=1, max_size=3)))
        free = [d for d in free if d not in days]
        groups.append((days, draw(slots())))
    remarks = draw(st.lists(st.sampled_from(REMARKS), max_size=1))
    week = [Day(closed=True) for _ in range(7)]
    parts = []
    for days, times in groups:
        names = LONG if draw(st.booleans()) else SHORT
        consecutive = len(days) > 1 and days == list(range(days[0], days[-1] + 1))
        if consecutive and draw(st.booleans()):
            dash = draw(st.sampled_from(["-", "–", " bis "]))
            day_text = f"{names[days[0]]}{dash}{names[days[-1]]}"
        else:
            day_text = draw(st.sampled_from([", ", " und ", "/"])).join(names[d] for d in days)
        style = draw(st.integers(0, 2))
        dash = draw(st.sampled_from(["-", "–", " - ", " bis "]))
        time_text = draw(st.sampled_from([" und ", ", "])).join(
            f"{_time(a, style)}{dash}{_time(b, style)}" for a, b in times
        )
        parts.append(f"{day_text} {time_text}{draw(st.sampled_from(['', ' Uhr']))}")
        for d in days:
            week[d] = Day(closed=False, slots=[Slot(format_hhmm(a), format_hhmm(b)) for a, b in times])
    text = draw(st.sampled_from(["; ", "\n"])).join(parts + remarks)
    return text, week, remarks


@settings(max_examples=300, deadline=None)
@given(phrases())
def test_generated_phrases_parse_to_the_week_built_from_their_parts(case):
    text, week, remarks = case
    read = parse_hours_text(text)
    assert read.kept == remarks
    assert week_to_json(read.week) == week_to_json(week)
    # what Lotse writes it reads back the same
    assert week_to_json(parse_hours_text(format_hours_text(read.week)).week) == week_to_json(week)


WORDS = st.sampled_from(
    [
        "Mo",
        "Di",
        "Fr",
        "So",
        "täglich",
        "bis",
        "-",
        "–",
        "und",
        ",",
        ";",
        "Uhr",
        "von",
        "ab",
        "Ferien",
        "nach",
    ]
    + ["Vereinbarung", "geschlossen", "werktags", ":", ".", " ", "\n"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(WORDS, st.integers(0, 30).map(str)), max_size=14).map(" ".join))
def test_it_never_invents_hours(text):
    read = parse_hours_text(text)
    numbers = {int(n) for n in re.findall(r"\d+", text)}
    for day in read.week or []:
        for slot in day.slots:
            for value in (slot.start, slot.end):
                hours, minutes = map(int, value.split(":"))
                assert hours in numbers and (minutes == 0 or minutes in numbers)
    # nothing is dropped: every clause either went into the week or is kept verbatim
    clauses = [
        c.strip().rstrip(".").strip() for c in re.split(r"[;\n]+", text) if c.strip().rstrip(".").strip()
    ]
    for clause in read.kept:
        assert clause in clauses
    if read.week is None:
        assert read.kept == clauses


def test_the_forms_in_the_issue():
    cases = {
        "Mo, Mi 9-12 Uhr; Do 14-17 Uhr": "Mo 09:00-12:00; Mi 09:00-12:00; Do 14:00-17:00",
        "Mo-Fr 10-13": "Mo 10:00-13:00; Di 10:00-13:00; Mi 10:00-13:00; Do 10:00-13:00; Fr 10:00-13:00",
        "Di 15:00-17:00": "Di 15:00-17:00",
        "Fr 10.00-12.00 Uhr": "Fr 10:00-12:00",
        "Mo–Do 8:30–12:00 und 13:00–15:30": "; ".join(
            f"{d} 08:30-12:00 und 13:00-15:30" for d in ("Mo", "Di", "Mi", "Do")
        ),
    }
    for text, expected in cases.items():
        read = parse_hours_text(text)
        assert format_hours_text(read.week) == expected and read.kept == []
    daily = parse_hours_text("täglich 8-20")
    assert all(day.slots == [Slot("08:00", "20:00")] for day in daily.week)
    appointment = parse_hours_text("nach Vereinbarung")
    assert all(day.appointment_only and not day.slots and not day.closed for day in appointment.week)
    holidays = parse_hours_text("geschlossen in den Ferien")
    assert holidays.week is None and holidays.kept == ["geschlossen in den Ferien"]
    # a clause that contradicts an earlier one is kept, not merged
    clash = parse_hours_text("Mo 9-12; Mo 11-13")
    assert format_hours_text(clash.week) == "Mo 09:00-12:00" and clash.kept == ["Mo 11-13"]
