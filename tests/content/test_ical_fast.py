"""The events calendars made fast (export/ical_fold.py, export/ical.py): the same bytes as the
icalendar library's own ``to_ical()``, both calendars of a language made from one set of
events, and what calendar programs read back."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser.string import _foldline

from export import ical
from export.ical import CalEvent, write_calendars, write_ics
from export.ical_fold import fold
from models.recurrence import Timing, build_rule

# what the lines hold: escapes (\ and ^ are never split from what they escape), separators,
# characters of one to four octets, a right-to-left mark
PIECES = list('ab \\^;,:"') + ["é", "ü", "ش", "ت", "日", "😀", "\u200f"]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(PIECES), max_size=400))
def test_a_line_folds_as_icalendar_folds_it(line):
    assert fold(line) == _foldline(line).encode("utf-8")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300).filter(lambda s: "\n" not in s and "\r" not in s))
def test_any_text_folds_as_icalendar_folds_it(line):
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: neither writes it
        return
    assert fold(line) == _foldline(line).encode("utf-8")


def test_folded_lines_are_at_most_75_octets_and_unfold_to_the_line():
    line = "DESCRIPTION:" + "Sprachcafé für alle, مقهى اللغة 😀 \\n" * 20
    folded = fold(line)
    assert all(len(part) <= 75 for part in folded.split(b"\r\n"))
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line


LONG = "Beratung für Familien, مشاوره برای خانواده‌ها; Consultation; " * 4
EVENTS = [
    CalEvent(
        "lotse-aachen-event-1",
        Timing(
            datetime(2027, 1, 5, 15),
            datetime(2027, 1, 5, 17),
            rule=build_rule("WEEKLY", weekdays=["TU"], until=date(2027, 6, 29)),
            exdates=(date(2027, 2, 16),),
            moved={date(2027, 3, 2): (datetime(2027, 3, 3, 18), datetime(2027, 3, 3, 20))},
        ),
        "Sprachcafé " + LONG,
        "Deutsch üben\n\nmit Kaffee; Kuchen, \\ und mehr " + LONG,
        "Markt 1, 52062 Aachen",
        url="https://app.example/aachen/de/events/sprachcafe/",
        meeting_url="https://meet.example/sprachcafe",
        last_modified=datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
    ),
    CalEvent(
        "lotse-aachen-event-2", Timing(datetime(2027, 2, 1), datetime(2027, 2, 2), all_day=True), "Aktionstag"
    ),
    CalEvent(
        "lotse-aachen-event-3",
        Timing(datetime(2027, 1, 4, 9), datetime(2027, 1, 4, 10), rule="FREQ=DAILY;COUNT=10"),
        "Kurs",
    ),
    CalEvent(
        "lotse-aachen-event-4",
        Timing(datetime(2027, 1, 12, 10), datetime(2027, 1, 12, 12), rule="FREQ=MONTHLY;BYDAY=2TU,4TU"),
        "Beratung (the CMS cannot take this rule)",
    ),
    CalEvent(
        "lotse-aachen-event-5",
        Timing(datetime(2027, 1, 12, 10), datetime(2027, 1, 12, 12), rule="FREQ=NONSENSE"),
        "A broken rule",
    ),
]


def test_the_calendars_are_the_bytes_icalendar_writes():
    built = ical._build(EVENTS, "Europe/Berlin", "StädteRegion Aachen", "ar", (True, True))
    shared: dict = {}
    for made in built:
        assert made is not None
        calendar = made[0]
        assert ical._lines(calendar, {}) == calendar.to_ical()
        assert ical._lines(calendar, shared) == calendar.to_ical()  # lines reused from the other calendar


def test_both_calendars_made_together_are_the_ones_made_alone():
    people, integreat = write_calendars(EVENTS, timezone="Europe/Berlin", name="Aachen", language="de")
    alone = write_ics(EVENTS, timezone="Europe/Berlin", name="Aachen", language="de")
    cms = write_ics(EVENTS, timezone="Europe/Berlin", name="Aachen", language="de", cms=True)
    assert people.data == alone.data and integreat.data == cms.data
    assert (people.events, integreat.events) == (alone.events, cms.events) == (5, 4)
    assert [str(n) for n in people.notes] == [str(n) for n in alone.notes]
    assert [str(n) for n in integreat.notes] == [str(n) for n in cms.notes]
    assert len(integreat.notes) == 2 and len(people.notes) == 1  # the rule the CMS cannot take, the bad one


def test_calendar_programs_read_both_back():
    people, integreat = write_calendars(EVENTS, timezone="Europe/Berlin", name="Aachen", language="de")
    read = icalendar.Calendar.from_ical(people.data)
    events = read.walk("VEVENT")
    assert len(events) == people.events
    first = [e for e in events if str(e["uid"]) == "lotse-aachen-event-1" and "RECURRENCE-ID" not in e][0]
    assert str(first["summary"]) == "Sprachcafé " + " ".join(LONG.split())
    assert str(first["description"]).startswith("Deutsch üben\n\nmit Kaffee; Kuchen, \\ und mehr")
    assert str(first["description"]).endswith("https://meet.example/sprachcafe")
    cms = icalendar.Calendar.from_ical(integreat.data).walk("VEVENT")
    assert {str(e["uid"]) for e in cms} == {
        "lotse-aachen-event-1",
        "lotse-aachen-event-1-20270302",
        "lotse-aachen-event-2",
        "lotse-aachen-event-3",
    }
