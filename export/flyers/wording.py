"""Words on a flyer in the flyer's language: headings, weekday names, dates, digits.

Headings and target groups come from ``resources/flyers/labels.json`` (German and
English from ``models.vocabulary``); weekday names, month names and language names
from CLDR through Babel. Languages whose CLDR default numbering system is
Extended Arabic-Indic (Farsi, Dari, Pashto) get their dates and times in those
digits; phone numbers keep the digits people dial.
"""

from __future__ import annotations

import json
from datetime import date, time
from functools import lru_cache
from pathlib import Path

from babel.dates import format_time

from models.hours import Day, week_from_json
from models.languages import babel_locale, language_info, language_name_in, long_date, numbering_system
from models.languages import weekday_names as cldr_weekday_names
from models.vocabulary import TARGET_GROUPS

LABELS_FILE = Path(__file__).resolve().parents[2] / "resources" / "flyers" / "labels.json"
_DIGITS = {
    "arabext": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
    "arab": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
}
_FREE = {
    "kostenlos",
    "gratis",
    "kostenfrei",
    "frei",
    "umsonst",
    "0",
    "0 €",
    "0,00 €",
    "free",
    "free of charge",
}


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(LABELS_FILE.read_text(encoding="utf-8"))


def label(language: str, key: str) -> str:
    labels = _data()["labels"]
    return labels.get(language, labels["en"]).get(key) or labels["en"][key]


def target_group(language: str, key: str) -> str:
    if key in TARGET_GROUPS and language in ("de", "en"):
        return TARGET_GROUPS[key][language]
    names = _data()["target_groups"].get(language, {})
    return names.get(key) or TARGET_GROUPS.get(key, {}).get("en", key)


def local_digits(language: str, text: str) -> str:
    """Latin digits in ``text`` turned into the language's own (CLDR default) digits."""
    table = _DIGITS.get(numbering_system(language))
    return text.translate(table) if table else text


def weekday_names(language: str, width: str = "wide") -> list[str]:
    """Monday first, as in ``models.hours``; capitalised where the script has capitals."""
    return [name[:1].upper() + name[1:] for name in cldr_weekday_names(language, width)]


def printed_date(language: str, day: date) -> str:
    return local_digits(language, long_date(language, day))


def clock(language: str, hhmm: str) -> str:
    if hhmm == "24:00":
        return local_digits(language, "24:00")
    hours, minutes = (int(p) for p in hhmm.split(":"))
    return local_digits(language, format_time(time(hours, minutes), "HH:mm", locale=babel_locale(language)))


def day_text(language: str, day: Day) -> str:
    if day.closed:
        return label(language, "closed")
    if day.all_day:
        return label(language, "all_day")
    if day.appointment_only and not day.slots:
        return label(language, "appointment")
    # One time range per line: in right-to-left text, two ranges on one line would be
    # joined into one left-to-right run by the marks that keep each range in order.
    return "\n".join(f"{clock(language, s.start)}–{clock(language, s.end)}" for s in day.slots)


def hours_rows(
    language: str, opening_hours: list[dict] | None, *, width: str = "wide", open_only: bool = False
) -> list[tuple[str, str]]:
    """(weekday, hours) per day, Monday first; empty when the offer has no opening hours."""
    week = week_from_json(opening_hours)
    if not week:
        return []
    names = weekday_names(language, width)
    return [
        (names[i], day_text(language, day)) for i, day in enumerate(week) if not (open_only and day.closed)
    ]


def language_name(language: str, code: str) -> str:
    """The name of language ``code`` in ``language`` (CLDR), e.g. "Arabisch" on a German flyer."""
    info = language_info(code)
    if language == "de":
        return info.german_name
    if language == "en":
        return info.english_name
    return language_name_in(language, code) or info.native_name


def is_free(cost: str | None) -> bool:
    """A cost that says "free" in one of the usual ways (printed as the language's word)."""
    return bool(cost) and cost.strip().lower() in _FREE


def cost_text(language: str, cost: str | None) -> str:
    if not cost:
        return ""
    if is_free(cost):
        return label(language, "free")
    return cost


def vocabulary(language: str, spoken: list[str] | tuple[str, ...] = ()) -> str:
    """Every word this module may print in ``language`` (to choose the fonts a document needs)."""
    labels = _data()["labels"].get(language, {})
    words = list(labels.values()) + [target_group(language, key) for key in TARGET_GROUPS]
    words += weekday_names(language) + weekday_names(language, "abbreviated")
    words += [printed_date(language, date(2026, 9, 30)), local_digits(language, "0123456789")]
    words += [language_name(language, code) for code in spoken]
    return "".join(words)
