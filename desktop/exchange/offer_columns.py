"""The columns of the offer spreadsheet: what each means, and the headings people write for it.

Export and import use the same columns, so a list exported, edited in Excel and
imported again needs no mapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from models.i18n import N_, Joined, Message, MessageError, Text
from models.vocabulary import TARGET_GROUPS


@dataclass(frozen=True)
class Column:
    key: str
    text: Message
    aliases: tuple[str, ...] = ()

    def label(self, language: str | None = None) -> str:
        return self.text.render(language)


COLUMNS: tuple[Column, ...] = (
    Column("title", N_("Title"), ("name", "angebot", "bezeichnung", "angebotsname")),
    Column("summary", N_("Summary"), ("kurztext", "zusammenfassung", "teaser", "kurzinfo")),
    Column("content", N_("Description"), ("inhalt", "text", "content", "langtext", "details")),
    Column("category", N_("Category"), ("bereich", "thema", "rubrik")),
    Column(
        "organization",
        N_("Organization"),
        ("traeger", "organisation", "anbieter", "provider", "organisation/träger"),
    ),
    Column("municipality", N_("Municipality"), ("gemeinde", "stadt", "stadtgemeinde")),
    Column(
        "street",
        N_("Street"),
        ("strasse", "str", "adresse", "anschrift", "address", "straße und hausnummer"),
    ),
    Column("postcode", N_("Postcode"), ("plz", "postleitzahl", "zip", "postal code")),
    Column("town", N_("Town"), ("city", "wohnort")),
    Column("latitude", N_("Latitude"), ("breite", "lat")),
    Column("longitude", N_("Longitude"), ("länge", "laenge", "lon", "lng")),
    Column(
        "contact_name",
        N_("Contact"),
        ("ansprechpartner", "ansprechpartnerin", "kontakt", "kontaktperson", "contact name"),
    ),
    Column("email", N_("E-mail"), ("mail", "emailadresse", "e-mail-adresse")),
    Column("phone", N_("Phone"), ("tel", "telefonnummer", "telephone", "phone number")),
    Column("website", N_("Website"), ("webseite", "internet", "homepage", "url", "link")),
    Column("appointment_url", N_("Appointment link"), ("terminlink", "online-termin", "appointment")),
    Column("cost", N_("Cost"), ("preis", "gebühr", "gebuehr", "price")),
    Column("target_groups", N_("Target groups"), ("zielgruppe", "für wen", "target group")),
    Column("languages_spoken", N_("Languages spoken"), ("sprachen vor ort", "sprachen", "languages")),
    Column("barrier_free", N_("Barrier-free"), ("rollstuhlgerecht", "barrierefreiheit", "accessible")),
    Column("valid_from", N_("Valid from"), ("gueltig ab", "ab", "start")),
    Column("valid_until", N_("Valid until"), ("gueltig bis", "bis", "ende", "end")),
    Column("internal_notes", N_("Internal notes"), ("notiz", "bemerkung", "anmerkung", "notes")),
)
BY_KEY = {c.key: c for c in COLUMNS}


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-zäöüß]+", "", text.casefold())


_ALIASES = {}
for _column in COLUMNS:
    for _name in (_column.key, _column.label("de"), _column.label("en"), *_column.aliases):
        _ALIASES.setdefault(_norm(_name), _column.key)


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column index -> field key for every heading we recognise (each field once)."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = _ALIASES.get(_norm(header))
        if key and key not in mapping.values():
            mapping[index] = key
    return mapping


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


class BadValue(MessageError, ValueError):
    """A cell that cannot be read as its column's kind of value."""


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
        raise BadValue(
            N_("{label}: “{text}” is not a date (YYYY-MM-DD).", label=label, text=text),
        ) from exc


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,;/\n]", text) if p.strip()]


def parse_target_groups(text: str, label: Text) -> list[str]:
    known = {}
    for key, names in TARGET_GROUPS.items():
        for name in (key, names["de"], names["en"]):
            known[_norm(name)] = key
    groups, unknown = [], []
    for part in _split(text):
        key = known.get(_norm(part))
        (groups if key else unknown).append(key or part)
    if unknown:
        raise BadValue(
            N_(
                "{label}: unknown: {unknown} (possible: {possible}).",
                label=label,
                unknown=", ".join(unknown),
                possible=Joined(TARGET_GROUPS.values(), ", "),
            )
        )
    return list(dict.fromkeys(groups))


def parse_languages(text: str, label: Text) -> list[str]:
    from models.languages import UnknownLanguageError, language_info

    codes, unknown = [], []
    for part in _split(text):
        code = part.casefold()
        try:
            language_info(code)
            codes.append(code)
        except UnknownLanguageError:
            unknown.append(part)
    if unknown:
        raise BadValue(
            N_(
                "{label}: “{items}” are not language codes (e.g. de, ar, uk).",
                label=label,
                items=", ".join(unknown),
            ),
        )
    return list(dict.fromkeys(codes))
