"""``lotse pages``, ``lotse events`` and ``lotse import ics`` on the demo region: the tree, the
dates (a cancelled and a moved one), the calendar against the app package's events for the
next 31 days, and an iCalendar import that matches by UID and never duplicates."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from sqlmodel import select

from desktop.cli import main
from desktop.publish import publish_package
from export.integreat.api_values import own_id
from models.tables import ContentKind, Offer

BERLIN = ZoneInfo("Europe/Berlin")
REGION = "staedteregion-aachen"


def _json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_pages_list_and_show(demo_db, capsys):
    db = str(demo_db.sqlite_path)
    pages = _json(capsys, "pages", "list", "--db", db, "--json")
    assert len(pages) >= 11 and max(p["depth"] for p in pages) == 2
    by_id = {p["id"]: p for p in pages}
    for page in pages:  # parents before children
        if page["parent_id"] is not None:
            assert pages.index(by_id[page["parent_id"]]) < pages.index(page)
    anmeldung = next(p for p in pages if p["title"] == "Anmeldung beim Bürgerbüro")
    assert anmeldung["statuses"]["en"] == "outdated" and anmeldung["depth"] == 2
    shown = _json(capsys, "pages", "show", str(anmeldung["id"]), "--db", db, "--json")
    assert shown["kind"] == "page" and shown["facts"]["parent_id"] == anmeldung["parent_id"]
    assert main(["offers", "show", str(anmeldung["id"]), "--db", db]) == 1
    assert "vom Typ „Seite“" in capsys.readouterr().err


def test_events_list_shows_moved_and_cancelled_dates(demo_db, capsys):
    db = str(demo_db.sqlite_path)
    found = _json(
        capsys, "events", "list", "--db", db, "--from", "2026-12-20", "--to", "2026-12-31", "--json"
    )
    cafe = [o for o in found if o["title"] == "Sprachcafé"]
    assert [(o["start"][:16], o["moved"]) for o in cafe] == [
        ("2026-12-21T15:00", True)
    ]  # 22nd moved, 29th cancelled
    assert main(["events", "list", "--db", db, "--from", "2027-01-10", "--to", "2026-01-01"]) == 1
    assert "--to" in capsys.readouterr().err


def test_the_calendar_has_the_same_dates_as_the_packages_events_for_31_days(demo_db, tmp_path, capsys):
    today = date.today()
    out = tmp_path / "de.ics"
    assert main(["events", "ics", "--lang", "de", "--out", str(out), "--db", str(demo_db.sqlite_path)]) == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    since = datetime.combine(today, time.min, BERLIN)
    until = since + timedelta(days=31)
    from_ics = set()
    for event in recurring_ical_events.of(calendar).between(since, until):
        start = event["dtstart"].dt
        start = start if isinstance(start, datetime) else datetime.combine(start, time.min, BERLIN)
        if since <= start < until:
            from_ics.add((own_id(int(str(event["uid"]).rsplit("-", 1)[1])), start.isoformat()))
    publish_package(demo_db, tmp_path / "pkg", today=today, local_preview=True)
    items = json.loads((tmp_path / "pkg" / f"api/v3/{REGION}/de/events/index.json").read_text())
    from_json = {
        (e["event"]["id"], e["event"]["start"])
        for e in items
        if since <= datetime.fromisoformat(e["event"]["start"]) < until
    }
    assert from_ics and from_ics == from_json
    assert (tmp_path / "pkg" / f"api/v3/{REGION}/de/events.ics").read_bytes() == out.read_bytes()


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:test\r
BEGIN:VEVENT\r
UID:kurs-123@vhs.example\r
SUMMARY:Nähkurs\r
DESCRIPTION:Nähen für Anfängerinnen\r
LOCATION:Markt 1\\, Aachen\r
DTSTART;TZID=Europe/Berlin:20270106T180000\r
DTEND;TZID=Europe/Berlin:20270106T200000\r
RRULE:FREQ=WEEKLY;BYDAY={day};COUNT=8\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ics_import_matches_by_uid_and_never_duplicates(demo_db, tmp_path, capsys):
    db = str(demo_db.sqlite_path)
    path = tmp_path / "vhs.ics"
    path.write_text(ICS.format(day="WE"), encoding="utf-8")

    def events():
        with demo_db.transaction() as session:
            return session.exec(
                select(Offer).where(Offer.kind == ContentKind.EVENT.value, Offer.ical_uid.is_not(None))
            ).all()

    assert main(["import", "ics", str(path), "--db", db, "--yes"]) == 0
    assert "1 neu" in capsys.readouterr().out
    [row] = events()
    assert row.rrule == "FREQ=WEEKLY;COUNT=8;BYDAY=WE" and row.street == "Markt 1, Aachen"
    assert main(["import", "ics", str(path), "--db", db, "--yes"]) == 0
    assert "0 neu, 0 geändert, 1 unverändert" in capsys.readouterr().out
    path.write_text(ICS.format(day="TH"), encoding="utf-8")  # the series changed: it is updated
    assert main(["import", "ics", str(path), "--db", db, "--yes"]) == 0
    assert "0 neu, 1 geändert" in capsys.readouterr().out
    [again] = events()
    assert again.id == row.id and again.rrule.endswith("BYDAY=TH")
    # our own calendar back into the same region: every event is recognised
    own = tmp_path / "own.ics"
    assert main(["events", "ics", "--lang", "de", "--out", str(own), "--db", db]) == 0
    capsys.readouterr()
    assert main(["import", "ics", str(own), "--db", db, "--yes"]) == 0
    assert "0 neu, 0 geändert" in capsys.readouterr().out


def test_a_bad_calendar_imports_nothing(demo_db, tmp_path, capsys):
    path = tmp_path / "kaputt.ics"
    path.write_text(
        ICS.format(day="WE").replace("DTSTART;TZID=Europe/Berlin:20270106T180000\r\n", ""), encoding="utf-8"
    )
    assert main(["import", "ics", str(path), "--db", str(demo_db.sqlite_path), "--yes"]) == 1
    assert "„Nähkurs“ (UID kurs-123@vhs.example): kein Beginn" in capsys.readouterr().err
