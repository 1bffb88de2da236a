"""The columns of the offer spreadsheet: what each means, and the headings people write for it.

Export and import use the same columns, so a list exported, edited in Excel and
imported again needs no mapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Column:
    key: str
    de: str
    en: str
    aliases: tuple[str, ...] = ()

    def label(self, language: str = "de") -> str:
        return self.en if language == "en" else self.de


COLUMNS: tuple[Column, ...] = (
    Column("title", "Titel", "Title", ("name", "angebot", "bezeichnung", "angebotsname")),
    Column("summary", "Kurzbeschreibung", "Summary", ("kurztext", "zusammenfassung", "teaser", "kurzinfo")),
    Column("content", "Beschreibung", "Description", ("inhalt", "text", "content", "langtext", "details")),
    Column("category", "Kategorie", "Category", ("bereich", "thema", "rubrik")),
    Column(
        "organization",
        "Träger",
        "Organization",
        ("traeger", "organisation", "anbieter", "provider", "organisation/träger"),
    ),
    Column("municipality", "Kommune", "Municipality", ("gemeinde", "stadt", "stadtgemeinde")),
    Column(
        "street",
        "Straße",
        "Street",
        ("strasse", "str", "adresse", "anschrift", "address", "straße und hausnummer"),
    ),
    Column("postcode", "PLZ", "Postcode", ("postleitzahl", "zip", "postal code")),
    Column("town", "Ort", "Town", ("city", "wohnort")),
    Column("latitude", "Breitengrad", "Latitude", ("breite", "lat")),
    Column("longitude", "Längengrad", "Longitude", ("länge", "laenge", "lon", "lng")),
    Column(
        "contact_name",
        "Ansprechperson",
        "Contact",
        ("ansprechpartner", "ansprechpartnerin", "kontakt", "kontaktperson", "contact name"),
    ),
    Column("email", "E-Mail", "E-mail", ("mail", "emailadresse", "e-mail-adresse")),
    Column("phone", "Telefon", "Phone", ("tel", "telefonnummer", "telephone", "phone number")),
    Column("website", "Website", "Website", ("webseite", "internet", "homepage", "url", "link")),
    Column(
        "appointment_url", "Terminbuchung", "Appointment link", ("terminlink", "online-termin", "appointment")
    ),
    Column("cost", "Kosten", "Cost", ("preis", "gebühr", "gebuehr", "price")),
    Column("age_min", "Alter ab", "Age from", ("mindestalter", "min. alter", "minimum age")),
    Column("age_max", "Alter bis", "Age up to", ("höchstalter", "max. alter", "maximum age")),
    Column("target_groups", "Zielgruppen", "Target groups", ("zielgruppe", "für wen", "target group")),
    Column("languages_spoken", "Sprachen vor Ort", "Languages spoken", ("sprachen", "languages")),
    Column(
        "barrier_free", "Barrierefrei", "Barrier-free", ("rollstuhlgerecht", "barrierefreiheit", "accessible")
    ),
    Column("valid_from", "Gültig ab", "Valid from", ("gueltig ab", "ab", "start")),
    Column("valid_until", "Gültig bis", "Valid until", ("gueltig bis", "bis", "ende", "end")),
    Column(
        "opening_hours",
        "Öffnungszeiten",
        "Opening hours",
        ("öffnungszeit", "sprechzeiten", "sprechzeit", "zeiten", "opening times", "hours"),
    ),
    Column("internal_notes", "Interne Notiz", "Internal notes", ("notiz", "bemerkung", "anmerkung", "notes")),
)
BY_KEY = {c.key: c for c in COLUMNS}


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-zäöüß]+", "", text.casefold())


_ALIASES = {}
for _column in COLUMNS:
    for _name in (_column.key, _column.de, _column.en, *_column.aliases):
        _ALIASES.setdefault(_norm(_name), _column.key)


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column index -> field key for every heading we recognise (each field once)."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = _ALIASES.get(_norm(header))
        if key and key not in mapping.values():
            mapping[index] = key
    return mapping


IGNORE = "-"


def adjust_mapping(headers: list[str], mapping: dict[int, str], changes: dict[str, str]) -> dict[int, str]:
    """``changes``: column heading (or its number, from 1) -> field key, or "-" to leave the column out.
    Only the named columns change; a field given to a new column leaves its old one."""
    out = dict(mapping)
    normalised = {_norm(h): i for i, h in enumerate(headers)}
    for heading, key in changes.items():
        heading, key = heading.strip(), (key or "").strip()
        index = int(heading) - 1 if heading.isdigit() and 0 < int(heading) <= len(headers) else None
        if index is None:
            index = normalised.get(_norm(heading))
        if index is None:
            raise ValueError(f"no column {heading!r} (columns: {', '.join(headers)})")
        if key in ("", IGNORE):
            out.pop(index, None)
            continue
        key = _ALIASES.get(_norm(key), key)
        if key not in BY_KEY:
            raise ValueError(f"unknown field {key!r} (fields: {', '.join(BY_KEY)})")
        out = {i: k for i, k in out.items() if k != key}
        out[index] = key
    return out


def mapping_from_names(headers: list[str], names: dict[str, str]) -> dict[int, str]:
    """A mapping file says heading -> field key; unknown keys or headings are errors."""
    normalised = {_norm(h): i for i, h in enumerate(headers)}
    mapping = {}
    for heading, key in names.items():
        if key in (None, "", "-"):
            continue
        if key not in BY_KEY:
            raise ValueError(f"unknown field {key!r} (fields: {', '.join(BY_KEY)})")
        if _norm(heading) not in normalised:
            raise ValueError(f"no column {heading!r} (columns: {', '.join(headers)})")
        mapping[normalised[_norm(heading)]] = key
    return mapping


# ------------------------------------------------------------ values


class BadValue(ValueError):
    def __init__(self, de: str, en: str):
        super().__init__(en)
        self.de, self.en = de, en


_YES = {"ja", "j", "yes", "y", "x", "1", "true", "wahr"}
_NO = {"nein", "n", "no", "0", "false", "falsch"}


def parse_bool(text: str, label: str) -> bool | None:
    value = text.strip().casefold()
    if not value:
        return None
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise BadValue(f"{label}: „{text}“ ist weder ja noch nein.", f"{label}: “{text}” is neither yes nor no.")


def parse_float(text: str, label: str) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text.strip().replace(",", "."))
    except ValueError as exc:
        raise BadValue(f"{label}: „{text}“ ist keine Zahl.", f"{label}: “{text}” is not a number.") from exc


def parse_age(text: str, label: str) -> int | None:
    value = text.strip().removesuffix("Jahre").removesuffix("J.").strip()
    if not value:
        return None
    if value.isdigit() and int(value) <= 120:
        return int(value)
    raise BadValue(
        f"{label}: „{text}“ ist kein Alter in Jahren.", f"{label}: “{text}” is not an age in years."
    )


def parse_date(text: str, label: str) -> date | None:
    value = text.strip()
    if not value:
        return None
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise BadValue(
            f"{label}: „{text}“ ist kein Datum (TT.MM.JJJJ).",
            f"{label}: “{text}” is not a date (YYYY-MM-DD).",
        ) from exc
