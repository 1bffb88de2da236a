"""Rows for the CMS's place import, without the CMS: the combinations its form refuses are
turned into ones it accepts, and each change is reported (the CMS test judges the whole file)."""

from __future__ import annotations

from desktop.integreat.places_csv import COLUMNS, csv_bytes, place_row


def day(closed=False, all_day=False, appointment=False, slots=()):
    return {
        "closed": closed,
        "allDay": all_day,
        "appointmentOnly": appointment,
        "timeSlots": [{"start": a, "end": b, "timezone": "Europe/Berlin"} for a, b in slots],
    }


def place(hours=None, phone=None, website=None):
    return {
        "title": "Beratung",
        "location": {
            "address": "Markt 1",
            "postcode": "52062",
            "town": "Aachen",
            "latitude": 50.7,
            "longitude": 6.1,
        },
        "contacts": [{"phone_number": phone, "website": website, "email": None}],
        "category": {"name": "Beratung"},
        "opening_hours": hours,
        "barrier_free": None,
    }


def test_hours_the_cms_form_accepts():
    notes = []
    hours = [
        day(slots=[("09:00", "12:00"), ("14:00", "16:00")]),
        day(appointment=True),
        day(closed=True),
        day(all_day=True),
        day(),
        day(slots=[("22:00", "24:00")]),
        day(closed=True),
    ]
    row = place_row(place(hours), notes)
    assert (row["monday_start"], row["monday_end"], row["monday_closed"]) == ("09:00", "12:00", "false")
    assert (row["tuesday_all_day"], row["tuesday_appointment_only"], row["tuesday_closed"]) == (
        "true",
        "true",
        "false",
    )
    assert row["wednesday_closed"] == "true" and row["thursday_all_day"] == "true"
    assert row["friday_closed"] == "true"  # neither open nor closed, no times: nothing to say
    assert row["saturday_start"] == "22:00"
    english = " ".join(note.render("en") for note in notes)
    assert "Monday keeps 09:00–12:00" in english and "Tuesday “by appointment” without times" in english


def test_no_hours_is_the_cms_default_closed_every_day():
    row = place_row(place(None), [])
    assert all(row[f"{d}_closed"] == "true" for d in ("monday", "sunday"))


def test_phone_and_website_in_forms_the_cms_accepts():
    notes = []
    assert place_row(place(phone="+49 241 / 51 98-0"), notes)["phone_number"] == "+4924151980"
    assert place_row(place(phone="0241 123 45"), notes)["phone_number"] == "024112345"
    assert place_row(place(phone="Zentrale"), notes)["phone_number"] == ""
    assert "Zentrale" in notes[0].render("en")
    assert place_row(place(website="www.example.org"), [])["website"] == ""


def test_header_is_the_commands_column_layout():
    text = csv_bytes([place_row(place(), [])]).decode()
    header = text.splitlines()[0].split(",")
    assert header == COLUMNS and header[:3] == ["name", "street_address", "postal_code"]
    assert header[-5:] == [
        "sunday_start",
        "sunday_end",
        "sunday_all_day",
        "sunday_closed",
        "sunday_appointment_only",
    ]
