"""Validation of an offer's fields, as pure functions the editor calls while typing.

Each check returns :class:`Problem` objects: the field, a stable code and the
values to put into the message. Messages exist in German and English here, so
the command line, the importers and the editor say the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from .hours import week_problems

_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_POSTCODE_DE = re.compile(r"^\d{5}$")

MESSAGES: dict[str, dict[str, str]] = {
    "required": {
        "de": "{label} fehlt. Bitte ausfüllen.",
        "en": "{label} is missing. Please fill it in.",
    },
    "email": {
        "de": "„{value}“ ist keine gültige E-Mail-Adresse (Beispiel: name@beispiel.de).",
        "en": "“{value}” is not a valid e-mail address (example: name@example.org).",
    },
    "phone": {
        "de": "„{value}“ ist keine gültige Telefonnummer. Schreiben Sie z. B. 0241 123456 oder +49 241 123456.",
        "en": "“{value}” is not a valid phone number. Write e.g. 0241 123456 or +49 241 123456.",
    },
    "url": {
        "de": "„{value}“ ist keine gültige Web-Adresse. Sie muss mit https:// oder http:// beginnen.",
        "en": "“{value}” is not a valid web address. It must start with https:// or http://.",
    },
    "postcode": {
        "de": "„{value}“ ist keine deutsche Postleitzahl (fünf Ziffern).",
        "en": "“{value}” is not a German postcode (five digits).",
    },
    "coordinates_range": {
        "de": "Die Koordinaten ({lat}, {lon}) sind keine gültigen Breiten- und Längengrade.",
        "en": "The coordinates ({lat}, {lon}) are not a valid latitude and longitude.",
    },
    "coordinates_region": {
        "de": "Der Ort ({lat}, {lon}) liegt außerhalb der Region. Bitte Adresse oder Koordinaten prüfen.",
        "en": "The place ({lat}, {lon}) lies outside the region. Please check the address or coordinates.",
    },
    "coordinates_partial": {
        "de": "Bitte Breite und Länge angeben, oder beide leer lassen.",
        "en": "Please give both latitude and longitude, or leave both empty.",
    },
    "validity": {
        "de": "„Gültig ab“ ({start}) liegt nach „Gültig bis“ ({end}).",
        "en": "“Valid from” ({start}) is after “valid until” ({end}).",
    },
    "hours": {
        "de": "Öffnungszeiten: {detail}",
        "en": "Opening hours: {detail}",
    },
    "too_long": {
        "de": "{label} ist zu lang ({length} Zeichen, höchstens {limit}).",
        "en": "{label} is too long ({length} characters, at most {limit}).",
    },
}

LABELS: dict[str, dict[str, str]] = {
    "title": {"de": "Der Titel", "en": "The title"},
    "summary": {"de": "Die Kurzbeschreibung", "en": "The summary"},
    "content": {"de": "Der Inhalt", "en": "The content"},
    "category": {"de": "Die Kategorie", "en": "The category"},
    "organization": {"de": "Der Träger", "en": "The organization"},
}

TITLE_MAX = 200
SUMMARY_MAX = 500


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    values: dict = field(default_factory=dict, compare=False, hash=False)

    def message(self, language: str = "de") -> str:
        templates = MESSAGES[self.code]
        values = dict(self.values)
        if "label" not in values:
            values["label"] = LABELS.get(self.field, {}).get(language, self.field)
        return templates.get(language, templates["en"]).format(**values)


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


def check_opening_hours(days: list | None) -> list[Problem]:
    return [Problem("opening_hours", "hours", {"detail": d}) for d in week_problems(days)]


def check_contacts(contacts: list[dict] | None) -> list[Problem]:
    problems: list[Problem] = []
    for index, contact in enumerate(contacts or []):
        prefix = f"contacts[{index}]."
        problems += check_email(prefix + "email", contact.get("email"))
        problems += check_phone(prefix + "phone", contact.get("phone"))
        problems += check_phone(prefix + "mobile", contact.get("mobile"))
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


def check_offer_facts(facts: dict, bounding_box=None, *, draft: bool) -> list[Problem]:
    """All language-independent checks on an offer's facts (a dict of field values)."""
    problems: list[Problem] = []
    if not draft and not facts.get("category_id"):
        problems.append(Problem("category", "required"))
    problems += check_postcode(facts.get("postcode"))
    problems += check_coordinates(facts.get("latitude"), facts.get("longitude"), bounding_box)
    problems += check_url("appointment_url", facts.get("appointment_url"))
    problems += check_contacts(facts.get("contacts"))
    problems += check_opening_hours(facts.get("opening_hours"))
    problems += check_validity(facts.get("valid_from"), facts.get("valid_until"))
    return problems
