"""Validation of an offer's fields, as pure functions the editor calls while typing.

Each check returns :class:`Problem` objects: the field, a stable code and the
values to put into the message. The messages are English msgids translated through the one
catalogue (models/i18n.py), so the command line, the importers and the editor say the same thing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from .hours import week_problems
from .i18n import N_, Message, Verbatim

_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_POSTCODE_DE = re.compile(r"^\d{5}$")

MESSAGES: dict[str, Message] = {
    "required": N_("{label} is missing. Please fill it in."),
    "email": N_("“{value}” is not a valid e-mail address (example: name@example.org)."),
    "phone": N_("“{value}” is not a valid phone number. Write e.g. 0241 123456 or +49 241 123456."),
    "url": N_("“{value}” is not a valid web address. It must start with https:// or http://."),
    "postcode": N_("“{value}” is not a German postcode (five digits)."),
    "coordinates_range": N_("The coordinates ({lat}, {lon}) are not a valid latitude and longitude."),
    "coordinates_region": N_(
        "The place ({lat}, {lon}) lies outside the region. Please check the address or coordinates."
    ),
    "coordinates_partial": N_("Please give both latitude and longitude, or leave both empty."),
    "validity": N_("“Valid from” ({start}) is after “valid until” ({end})."),
    "hours": N_("Opening hours: {detail}"),
    "too_long": N_("{label} is too long ({length} characters, at most {limit})."),
}

LABELS: dict[str, Message] = {
    "title": N_("The title"),
    "summary": N_("The summary"),
    "content": N_("The content"),
    "category": N_("The category"),
    "organization": N_("The organization"),
}

TITLE_MAX = 200
SUMMARY_MAX = 500


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    values: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    def text(self) -> Message:
        """The message to show, rendered where it is shown (see models/i18n.py)."""
        values = dict(self.values)
        if "label" not in values:
            values["label"] = LABELS.get(self.field, Verbatim(self.field))
        return Message(MESSAGES[self.code].msgid, **values)

    def message(self, language: str | None = None) -> str:
        return self.text().render(language)


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip())) and len(value) <= 254


@lru_cache(maxsize=4096)  # phonenumbers takes about a millisecond; a region repeats its few hundred numbers
def normalise_phone(value: str, default_region: str = "DE") -> str | None:
    """The number in international format, or None when it is not a possible number."""
    import phonenumbers  # ~0.1 s to import: on the first number checked, not at every start

    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def is_phone(value: str) -> bool:
    return normalise_phone(value) is not None


def is_url(value: str) -> bool:
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and " " not in value.strip()


def check_email(field_name: str, value: str | None) -> list[Problem]:
    if value and not is_email(value):
        return [Problem(field_name, "email", {"value": value})]
    return []


def check_phone(field_name: str, value: str | None) -> list[Problem]:
    if value and not is_phone(value):
        return [Problem(field_name, "phone", {"value": value})]
    return []


def check_url(field_name: str, value: str | None) -> list[Problem]:
    if value and not is_url(value):
        return [Problem(field_name, "url", {"value": value})]
    return []


def check_postcode(value: str | None) -> list[Problem]:
    if value and not _POSTCODE_DE.match(value.strip()):
        return [Problem("postcode", "postcode", {"value": value})]
    return []


def check_coordinates(
    latitude: float | None,
    longitude: float | None,
    bounding_box: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> list[Problem]:
    if latitude is None and longitude is None:
        return []
    if latitude is None or longitude is None:
        return [Problem("coordinates", "coordinates_partial")]
    values = {"lat": latitude, "lon": longitude}
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return [Problem("coordinates", "coordinates_range", values)]
    if bounding_box:
        (lon_min, lat_min), (lon_max, lat_max) = bounding_box
        if not (lat_min <= latitude <= lat_max and lon_min <= longitude <= lon_max):
            return [Problem("coordinates", "coordinates_region", values)]
    return []


def check_validity(valid_from: date | None, valid_until: date | None) -> list[Problem]:
    if valid_from and valid_until and valid_from > valid_until:
        return [
            Problem(
                "valid_until", "validity", {"start": valid_from.isoformat(), "end": valid_until.isoformat()}
            )
        ]
    return []


def check_opening_hours(days: list[dict[str, Any]] | None) -> list[Problem]:
    return [Problem("opening_hours", "hours", {"detail": d}) for d in week_problems(days)]


def stored_phones(contacts: list[dict[str, Any]] | None) -> frozenset[str]:
    """The phone numbers the contacts hold (what :func:`check_contacts` may take as known)."""
    return frozenset(number for c in contacts or [] for number in (c.get("phone"), c.get("mobile")) if number)


def check_contacts(
    contacts: list[dict[str, Any]] | None, known_phones: Collection[str] = ()
) -> list[Problem]:
    """``known_phones``: numbers already stored, not parsed again (phonenumbers takes ~30 µs to
    ~1 ms a number, the biggest part of a save's check; a text save changes none of them, and
    publishing checks every number of what it publishes)."""
    problems: list[Problem] = []
    for index, contact in enumerate(contacts or []):
        prefix = f"contacts[{index}]."
        problems += check_email(prefix + "email", contact.get("email"))
        for name in ("phone", "mobile"):
            if contact.get(name) not in known_phones:
                problems += check_phone(prefix + name, contact.get(name))
        problems += check_url(prefix + "website", contact.get("website"))
    return problems


def check_text(title: str | None, summary: str | None, content: str | None, *, draft: bool) -> list[Problem]:
    problems: list[Problem] = []
    if not draft:
        for name, value in (("title", title), ("summary", summary), ("content", content)):
            if not (value or "").strip():
                problems.append(Problem(name, "required"))
    elif not (title or "").strip():
        problems.append(Problem("title", "required"))
    for name, value, limit in (("title", title, TITLE_MAX), ("summary", summary, SUMMARY_MAX)):
        if value and len(value) > limit:
            problems.append(Problem(name, "too_long", {"length": len(value), "limit": limit}))
    return problems


def check_offer_facts(
    facts: dict[str, Any],
    bounding_box: tuple[tuple[float, float], tuple[float, float]] | None = None,
    *,
    draft: bool,
    stored: Mapping[str, Any] | None = None,
) -> list[Problem]:
    """All language-independent checks on an offer's facts (a dict of field values).

    ``stored``: the facts as stored (on a save). Of those, the costly checks are not made again
    on values the save leaves as they are: phone numbers (phonenumbers) and the opening hours
    (parsed day by day). A save checks what it brings; publishing checks every value."""
    problems: list[Problem] = []
    if not draft and not facts.get("category_id"):
        problems.append(Problem("category", "required"))
    problems += check_postcode(facts.get("postcode"))
    problems += check_coordinates(facts.get("latitude"), facts.get("longitude"), bounding_box)
    problems += check_url("appointment_url", facts.get("appointment_url"))
    known_phones = stored_phones(stored.get("contacts")) if stored else frozenset()
    problems += check_contacts(facts.get("contacts"), known_phones)
    hours = facts.get("opening_hours")
    if stored is None or hours != stored.get("opening_hours"):
        problems += check_opening_hours(hours)
    problems += check_validity(facts.get("valid_from"), facts.get("valid_until"))
    return problems
