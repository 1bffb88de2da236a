from datetime import date

import pytest

from models.validation import (
    check_coordinates,
    check_offer_facts,
    check_text,
    check_validity,
    is_email,
    is_phone,
    is_url,
    normalise_phone,
    stored_phones,
)

AACHEN_BOX = ((5.97, 50.49), (6.45, 50.97))


@pytest.mark.parametrize(
    "value", ["a@b.de", "migration@caritas-aachen.example", "vor.name+tag@sub.domain.org"]
)
def test_valid_emails(value):
    assert is_email(value)


@pytest.mark.parametrize("value", ["a@b", "a b@c.de", "@c.de", "a@.de", "a@b..de", "name(at)example.org"])
def test_invalid_emails(value):
    assert not is_email(value)


@pytest.mark.parametrize(
    "value",
    [
        "0241 123456",
        "0241 123456-0",
        "(0241) 12 34 56",
        "+49 241 1234 567",
        "0151 23456789",
        "+963 11 123 4567",
        "0049 2403 12345",
    ],
)
def test_german_and_international_phone_numbers(value):
    assert is_phone(value), value


@pytest.mark.parametrize("value", ["12", "0241", "Telefon", "+49 241 1234567890123456"])
def test_invalid_phone_numbers(value):
    assert not is_phone(value)


def test_phone_numbers_are_normalised_to_international_form():
    assert normalise_phone("0241 123456") == "+49 241 123456"


@pytest.mark.parametrize(
    "value,ok",
    [
        ("https://www.aachen.de/x?y=1", True),
        ("http://a.de", True),
        ("www.aachen.de", False),
        ("javascript:alert(1)", False),
        ("https://localhost", False),
        ("https://a b.de", False),
    ],
)
def test_urls(value, ok):
    assert is_url(value) is ok


def test_coordinates_inside_and_outside_the_region():
    assert check_coordinates(50.7753, 6.0839, AACHEN_BOX) == []
    assert [p.code for p in check_coordinates(52.52, 13.40, AACHEN_BOX)] == ["coordinates_region"]
    assert [p.code for p in check_coordinates(95, 6, None)] == ["coordinates_range"]
    assert [p.code for p in check_coordinates(50.7, None, None)] == ["coordinates_partial"]


def test_valid_from_must_not_be_after_valid_until():
    assert check_validity(date(2026, 1, 1), date(2026, 12, 31)) == []
    (problem,) = check_validity(date(2027, 1, 1), date(2026, 12, 31))
    assert problem.message("de") == "„Gültig ab“ (2027-01-01) liegt nach „Gültig bis“ (2026-12-31)."
    assert problem.message("en") == "“Valid from” (2027-01-01) is after “valid until” (2026-12-31)."


def test_a_draft_needs_only_a_title_a_published_offer_everything():
    assert check_text("Titel", "", "", draft=True) == []
    assert [p.field for p in check_text("", "", "", draft=True)] == ["title"]
    assert [p.field for p in check_text("Titel", "", "", draft=False)] == ["summary", "content"]


def test_offer_facts_collect_every_problem_with_a_message_in_both_languages():
    facts = {
        "category_id": None,
        "postcode": "5206",
        "latitude": 50.0,
        "longitude": 6.0,
        "contacts": [{"email": "x@", "phone": "12", "website": "aachen.de"}],
        "appointment_url": "ftp://x.de",
        "opening_hours": None,
        "valid_from": None,
        "valid_until": None,
    }
    problems = check_offer_facts(facts, AACHEN_BOX, draft=False)
    assert [(p.field, p.code) for p in problems] == [
        ("category", "required"),
        ("postcode", "postcode"),
        ("coordinates", "coordinates_region"),
        ("appointment_url", "url"),
        ("contacts[0].email", "email"),
        ("contacts[0].phone", "phone"),
        ("contacts[0].website", "url"),
    ]
    assert all(p.message("de") and p.message("en") and p.message("de") != p.message("en") for p in problems)


def test_stored_phone_numbers_and_hours_are_not_checked_again_new_ones_are():
    contacts = [{"name": "A", "phone": "12", "mobile": "0241 123456"}, {"name": "B", "phone": "0176 1"}]
    assert stored_phones(contacts) == {"12", "0241 123456", "0176 1"}
    bad_hours = [{"closed": True, "slots": [{"start": "09:00", "end": "12:00"}]}] * 7
    stored = {"contacts": contacts, "opening_hours": bad_hours}
    assert check_offer_facts(dict(stored), draft=True, stored=stored) == []
    changed = {"contacts": [dict(contacts[0], phone="123"), contacts[1]], "opening_hours": bad_hours[:6]}
    problems = check_offer_facts(changed, draft=True, stored=stored)
    assert [(p.field, p.code) for p in problems] == [
        ("contacts[0].phone", "phone"),
        ("opening_hours", "hours"),
    ]
    everything = check_offer_facts(dict(stored), draft=True)  # nothing stored: every value checked
    assert [p.field for p in everything] == ["contacts[0].phone", "contacts[1].phone"] + ["opening_hours"] * 7
