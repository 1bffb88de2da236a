"""The columns of the offer spreadsheet: what each means, and the headings people write for it.

Export and import use the same columns, so a list exported, edited in Excel and
imported again needs no mapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from models.i18n import N_, Localized, Message, Text


@dataclass(frozen=True)
class Column:
    """A field of the sheet. Its headings are data: a sheet carries them in German or English,
    both are read, and a sheet is written with the headings of its language (German for any
    other)."""

    key: str
    headings: dict[str, str]  # sheet language -> heading
    aliases: tuple[str, ...] = ()

    def label(self, language: str = "de") -> str:
        return self.headings.get(language, self.headings["de"])

    def name(self) -> Localized:
        """The heading as a value in a message, in the message's language."""
        return Localized(self.label)


def _column(key: str, german: str, english: str, aliases: tuple[str, ...] = ()) -> Column:
    return Column(key, {"de": german, "en": english}, aliases)


COLUMNS: tuple[Column, ...] = (
    _column("title", "Titel", "Title", ("name", "angebot", "bezeichnung", "angebotsname")),
    _column("summary", "Kurzbeschreibung", "Summary", ("kurztext", "zusammenfassung", "teaser", "kurzinfo")),
    _column("content", "Beschreibung", "Description", ("inhalt", "text", "content", "langtext", "details")),
    _column("category", "Kategorie", "Category", ("bereich", "thema", "rubrik")),
    _column(
        "organization",
        "Träger",
        "Organization",
        ("traeger", "organisation", "anbieter", "provider", "organisation/träger"),
    ),
    _column("municipality", "Kommune", "Municipality", ("gemeinde", "stadt", "stadtgemeinde")),
    _column(
        "street",
        "Straße",
        "Street",
        ("strasse", "str", "adresse", "anschrift", "address", "straße und hausnummer"),
    ),
    _column("postcode", "PLZ", "Postcode", ("postleitzahl", "zip", "postal code")),
    _column("town", "Ort", "Town", ("city", "wohnort")),
    _column("latitude", "Breitengrad", "Latitude", ("breite", "lat")),
    _column("longitude", "Längengrad", "Longitude", ("länge", "laenge", "lon", "lng")),
    _column(
        "contact_name",
        "Ansprechperson",
        "Contact",
        ("ansprechpartner", "ansprechpartnerin", "kontakt", "kontaktperson", "contact name"),
    ),
    _column("email", "E-Mail", "E-mail", ("mail", "emailadresse", "e-mail-adresse")),
    _column("phone", "Telefon", "Phone", ("tel", "telefonnummer", "telephone", "phone number")),
    _column("website", "Website", "Website", ("webseite", "internet", "homepage", "url", "link")),
    _column(
        "appointment_url", "Terminbuchung", "Appointment link", ("terminlink", "online-termin", "appointment")
    ),
    _column("cost", "Kosten", "Cost", ("preis", "gebühr", "gebuehr", "price")),
    _column("age_min", "Alter ab", "Age from", ("mindestalter", "min. alter", "minimum age")),
    _column("age_max", "Alter bis", "Age up to", ("höchstalter", "max. alter", "maximum age")),
    _column("target_groups", "Zielgruppen", "Target groups", ("zielgruppe", "für wen", "target group")),
    _column("languages_spoken", "Sprachen vor Ort", "Languages spoken", ("sprachen", "languages")),
    _column(
        "barrier_free", "Barrierefrei", "Barrier-free", ("rollstuhlgerecht", "barrierefreiheit", "accessible")
    ),
    _column("valid_from", "Gültig ab", "Valid from", ("gueltig ab", "ab", "start")),
    _column("valid_until", "Gültig bis", "Valid until", ("gueltig bis", "bis", "ende", "end")),
    _column(
        "opening_hours",
        "Öffnungszeiten",
        "Opening hours",
        ("öffnungszeit", "sprechzeiten", "sprechzeit", "zeiten", "opening times", "hours"),
    ),
    _column(
        "internal_notes", "Interne Notiz", "Internal notes", ("notiz", "bemerkung", "anmerkung", "notes")
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-zäöüß]+", "", text.casefold())


_ALIASES = {}
for _each in COLUMNS:
    for _name in (_each.key, *_each.headings.values(), *_each.aliases):
        _ALIASES.setdefault(_norm(_name), _each.key)


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
    """A cell's value that cannot be used; ``text`` says why, rendered where it is shown."""

    def __init__(self, text: Message) -> None:
        super().__init__(text.render("en"))
        self.text = text


_YES = {"ja", "j", "yes", "y", "x", "1", "true", "wahr"}
_NO = {"nein", "n", "no", "0", "false", "falsch"}


def parse_bool(text: str, label: Text) -> bool | None:
    value = text.strip().casefold()
    if not value:
        return None
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise BadValue(N_("{label}: “{text}” is neither yes nor no.", label=label, text=text))


def parse_float(text: str, label: Text) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text.strip().replace(",", "."))
    except ValueError as exc:
        raise BadValue(N_("{label}: “{text}” is not a number.", label=label, text=text)) from exc


def parse_age(text: str, label: Text) -> int | None:
    value = text.strip().removesuffix("Jahre").removesuffix("J.").strip()
    if not value:
        return None
    if value.isdigit() and int(value) <= 120:
        return int(value)
    raise BadValue(N_("{label}: “{text}” is not an age in years.", label=label, text=text))


def parse_date(text: str, label: Text) -> date | None:
    value = text.strip()
    if not value:
        return None
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise BadValue(N_("{label}: “{text}” is not a date (YYYY-MM-DD).", label=label, text=text)) from exc
