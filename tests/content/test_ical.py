"""iCalendar out and in (export/ical.py, export/ical_read.py): what calendar programs and the
Integreat CMS's importer read, and hostile files refused with the item named."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest
import recurring_ical_events

from export.ical import CalEvent, write_ics
from export.ical_read import MAX_ICS_BYTES, IcsError, read_ics, read_ics_file
from models.recurrence import Timing, build_rule, expand
from tests.content.test_recurrence import _window

SERIES = Timing(
    datetime(2027, 1, 5, 15),
    datetime(2027, 1, 5, 17),
    rule=build_rule("WEEKLY", weekdays=["TU"], until=date(2027, 6, 29)),
    exdates=(date(2027, 2, 16),),
    moved={date(2027, 3, 2): (datetime(2027, 3, 3, 18), datetime(2027, 3, 3, 20))},
)
EVENTS = [
    CalEvent(
        "lotse-1@aachen",
        SERIES,
        "Sprachcafé",
        "Deutsch üben",
        "Markt 1, Aachen",
        last_modified=datetime(2026, 12, 1, tzinfo=UTC),
    ),
    CalEvent(
        "lotse-2@aachen", Timing(datetime(2027, 2, 1), datetime(2027, 2, 2), all_day=True), "Aktionstag"
    ),
    CalEvent(
        "lotse-3@aachen",
        Timing(datetime(2027, 1, 4, 9), datetime(2027, 1, 4, 10), rule="FREQ=DAILY;COUNT=10"),
        "Kurs",
    ),
    CalEvent(
        "lotse-4@aachen",
        Timing(
            datetime(2027, 1, 12, 10),
            datetime(2027, 1, 12, 12),
            rule=build_rule("MONTHLY", weekdays=["TU"], nth=2),
        ),
        "Beratung",
    ),
]


def _occurrences_by_library(data: bytes, a: date, b: date) -> list[tuple[str, str]]:
    calendar = icalendar.Calendar.from_ical(data)
    found = recurring_ical_events.of(calendar).between(a, b)
    return sorted((str(e["uid"]), e["dtstart"].dt.isoformat()) for e in found)


def test_calendar_programs_see_the_same_occurrences_as_lotse():
    result = write_ics(EVENTS, timezone="Europe/Berlin", name="Aachen")
    a, b = date(2027, 1, 1), date(2027, 7, 1)
    ours = []
    for event in EVENTS:
        for o in expand(event.timing, *_window(a, b)):
            value = o.start.date().isoformat() if event.timing.all_day else o.start.isoformat()
            if o.start.date() < b:
                ours.append((event.uid, value))
    assert _occurrences_by_library(result.data, a, b) == sorted(ours)
    text = result.data.decode()
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Berlin" in text
    assert "RECURRENCE-ID;TZID=Europe/Berlin:20270302T150000" in text
    assert "EXDATE;TZID=Europe/Berlin:20270216T150000" in text


def test_output_is_stable_and_reads_back_to_the_same_timings():
    first = write_ics(EVENTS, timezone="Europe/Berlin", name="Aachen").data
    assert write_ics(list(reversed(EVENTS)), timezone="Europe/Berlin", name="Aachen").data == first
    back = {e.uid: e for e in read_ics(first).events}
    assert set(back) == {e.uid for e in EVENTS}
    for event in EVENTS:
        got = back[event.uid].timing
        assert (got.start, got.end, got.all_day, got.exdates, got.moved) == (
            event.timing.start,
            event.timing.end,
            event.timing.all_day,
            event.timing.exdates,
            event.timing.moved,
        )
        assert expand(got, *_window(date(2027, 1, 1), date(2027, 12, 31))) == expand(
            event.timing, *_window(date(2027, 1, 1), date(2027, 12, 31))
        )
    assert back["lotse-1@aachen"].location == "Markt 1, Aachen"


def test_the_cms_feed_follows_the_importers_rules():
    result = write_ics(EVENTS, timezone="Europe/Berlin", name="Aachen", cms=True)
    calendar = icalendar.Calendar.from_ical(result.data)
    vevents = calendar.walk("VEVENT")
    assert all(v.get("categories").cats == ["integreat"] for v in vevents)
    rules = [v["rrule"].to_ical().decode() for v in vevents if v.get("rrule")]
    assert rules and all("WKST=MO" in r and "COUNT" not in r and "FREQ=DAILY" not in r for r in rules)
    course = next(v for v in vevents if str(v["uid"]) == "lotse-3@aachen")
    assert (
        "FREQ=WEEKLY" in course["rrule"].to_ical().decode()
        and "BYDAY=MO,TU,WE,TH,FR,SA,SU" in course["rrule"].to_ical().decode()
    )
    assert not any(v.get("recurrence-id") for v in vevents)
    # the moved date is a one-off of its own, cancelled in the series
    assert any(str(v["uid"]) == "lotse-1@aachen-20270302" for v in vevents)
    # the same occurrences as the calendar meant for people
    plain = write_ics(EVENTS, timezone="Europe/Berlin", name="Aachen").data
    strip = lambda pairs: sorted(t for _, t in pairs)  # noqa: E731
    assert strip(_occurrences_by_library(result.data, date(2027, 1, 1), date(2027, 7, 1))) == strip(
        _occurrences_by_library(plain, date(2027, 1, 1), date(2027, 7, 1))
    )
    every_third_day = CalEvent(
        "x",
        Timing(datetime(2027, 1, 1, 9), datetime(2027, 1, 1, 10), rule="FREQ=DAILY;INTERVAL=3"),
        "Alle drei Tage",
    )
    left_out = write_ics([every_third_day], timezone="Europe/Berlin", name="A", cms=True)
    assert left_out.events == 0 and "Alle drei Tage" in left_out.notes[0].render("de")


CAL = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{body}END:VCALENDAR\r\n"


def _cal(*vevents: str) -> bytes:
    return CAL.format(body="".join(f"BEGIN:VEVENT\r\n{v}END:VEVENT\r\n" for v in vevents)).encode()


def test_bad_items_are_named_and_nothing_is_taken():
    data = _cal(
        "UID:ok\r\nSUMMARY:Gut\r\nDTSTART;TZID=Europe/Berlin:20270105T150000\r\n",
        "UID:no-start\r\nSUMMARY:Ohne Beginn\r\n",
        "UID:mars\r\nSUMMARY:Marszeit\r\nDTSTART;TZID=Mars/Olympus:20270105T150000\r\n",
        "UID:many\r\nSUMMARY:Sekündlich\r\nDTSTART:20270105T150000Z\r\nRRULE:FREQ=SECONDLY\r\n",
        "UID:huge\r\nSUMMARY:Riesig\r\nDTSTART:20270105T150000Z\r\nRRULE:FREQ=DAILY;COUNT=50000000\r\n",
    )
    with pytest.raises(IcsError) as caught:
        read_ics(data)
    message = caught.value.de
    assert "4 Termin(e)" in message and "nichts übernommen" in message
    for expected in ("„Ohne Beginn“ (UID no-start): kein Beginn", "Mars/Olympus", "„Sekündlich“", "„Riesig“"):
        assert expected in message
    assert "„Gut“" not in message


def test_floating_times_and_never_ending_rules_are_taken_with_a_warning():
    read = read_ics(_cal("UID:f\r\nSUMMARY:Frei\r\nDTSTART:20270105T150000\r\nRRULE:FREQ=WEEKLY\r\n"))
    assert (
        read.events[0].timing.start == datetime(2027, 1, 5, 15)
        and read.events[0].timing.timezone == "Europe/Berlin"
    )
    warnings = " ".join(w.render("en") for w in read.warnings)
    assert "never ends" in warnings and "without a time zone" in warnings
    utc = read_ics(
        _cal("UID:u\r\nSUMMARY:UTC\r\nDTSTART:20270705T130000Z\r\nDTEND:20270705T140000Z\r\n")
    ).events[0]
    assert utc.timing.start == datetime(2027, 7, 5, 15) and utc.timing.end == datetime(2027, 7, 5, 16)


def test_a_200_mb_calendar_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "riesig.ics"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(IcsError) as caught:
        read_ics_file(path)
    assert "riesig.ics" in caught.value.de and "zu groß" in caught.value.de
    with pytest.raises(IcsError):
        read_ics(b"x" * (MAX_ICS_BYTES + 1))
    with pytest.raises(IcsError, match="not a readable"):
        read_ics(b"BEGIN:VCALENDAR\r\nthis is not\r\n")


def test_a_cancelled_occurrence_becomes_an_exdate():
    read = read_ics(
        _cal(
            "UID:s\r\nSUMMARY:Serie\r\nDTSTART;TZID=Europe/Berlin:20271203T150000\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\n",
            "UID:s\r\nSUMMARY:Serie\r\nRECURRENCE-ID;TZID=Europe/Berlin:20271224T150000\r\nDTSTART;TZID=Europe/Berlin:20271224T150000\r\nSTATUS:CANCELLED\r\n",
        )
    )
    assert read.events[0].timing.exdates == (date(2027, 12, 24),)
