"""Language facts (native names, directions, BCP 47 tags) from Babel's CLDR data.

Nothing here is typed by hand except the mapping of the few codes Integreat
uses that CLDR has no locale for (Dari is CLDR's ``fa_AF``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from babel import Locale, UnknownLocaleError

from .cldr_words import cldr_words

# Integreat code -> CLDR locale id, where they differ.
_CLDR_LOCALE = {"prs": "fa_AF", "kmr": "ku"}
# CLDR names fa_AF "Persian (Afghanistan)"; the people who speak it say Dari.
_CLDR_GAPS = {"prs": {"native": "دری", "en": "Dari", "de": "Dari"}}
# BCP 47 tags where the code alone is not the tag Integreat sends.
_BCP47 = {"prs": "fa-AF", "kmr": "ku-TR"}

LTR = "ltr"
RTL = "rtl"


class UnknownLanguageError(ValueError):
    pass


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    bcp47_tag: str
    native_name: str
    english_name: str
    german_name: str
    direction: str  # "ltr" or "rtl"

    @property
    def is_rtl(self) -> bool:
        return self.direction == RTL


def _locale(code: str) -> Locale:
    try:
        return Locale.parse(_CLDR_LOCALE.get(code, code).replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise UnknownLanguageError(
            f"Unknown language code {code!r}: use an ISO 639 code such as de, ar or uk."
        ) from exc


@cache
def language_info(code: str) -> LanguageInfo:
    """The language's names and direction: CLDR's, kept as JSON once asked (models/cldr_words.py),
    so a process that prints or shows a language need not load its locale's CLDR data (and
    English's and German's for the other names: ~8 ms a locale, with root's ~13 ms)."""
    code = code.strip()
    kept = kept_words(code, "facts", lambda: _facts(code))
    if not (isinstance(kept, list) and len(kept) == 4):
        kept = _facts(code)
    native, english, german, direction = kept
    return LanguageInfo(code, _BCP47.get(code, code), native, english, german, direction)


_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,2}")


def kept_words(code: str, key: str, ask: Callable[[], str | list[str]]) -> str | list[str]:
    """``cldr_words`` for a language code; an odd code is never a file name: ``ask`` (Babel,
    which refuses it or answers) without the kept words."""
    return cldr_words(code, key, ask) if _CODE.fullmatch(code) else ask()


def _facts(code: str) -> list[str]:
    """Native, English and German name and the direction, from Babel (the locale's data)."""
    loc = _locale(code)
    gap = _CLDR_GAPS.get(code, {})
    native = gap.get("native") or loc.get_display_name(loc) or code
    return [
        native[:1].upper() + native[1:] if loc.text_direction == LTR else native,
        gap.get("en") or loc.get_display_name("en") or code,
        gap.get("de") or loc.get_display_name("de") or code,
        RTL if loc.text_direction == RTL else LTR,
    ]


@cache
def _names_locale(ui_language: str) -> Locale:
    return Locale.parse(ui_language)


def display_name(code: str, ui_language: str = "de") -> str:
    """The language's name in the UI language (German by default).

    Reads only the UI language's CLDR names (loaded once), not the named language's own
    locale as ``language_info`` does for its native name: the editor names some 40 languages
    when it is built, and a CLDR load per language cost about half a second at start."""
    code = code.strip()
    gap = _CLDR_GAPS.get(code, {})
    if gap.get(ui_language):
        return gap[ui_language]
    name = str(cldr_words(ui_language, f"language:{code}", lambda: _cldr_name(code, ui_language)))
    if ui_language in ("de", "en"):
        return name or code
    return name or language_info(code).english_name


def _cldr_name(code: str, ui_language: str) -> str:
    return _locale(code).get_display_name(_names_locale(ui_language)) or ""


def weekday_abbreviations(ui_language: str) -> list[str]:
    """Monday first, abbreviated, in the interface language (CLDR's, kept: models/cldr_words.py)."""
    return weekday_names(ui_language, "abbreviated")


def weekday_names(code: str, width: Literal["wide", "abbreviated"] = "wide") -> list[str]:
    """Monday first, as CLDR writes them (``wide`` or ``abbreviated``), kept."""

    def ask() -> list[str]:
        from babel.dates import get_day_names

        names = get_day_names(width, locale=_locale(code))
        return [str(names[day]) for day in range(7)]

    return list(cldr_words(code, f"weekdays:{width}", ask))


def long_date(code: str, day: date) -> str:
    """``babel.dates.format_date(day, "long")`` in this language, made from the kept pattern and
    month names (every long pattern in CLDR is day, wide month, year and fixed characters); a
    pattern with any other field is left to Babel."""
    from babel.dates import format_date, tokenize_pattern

    def ask() -> list[str]:
        loc = _locale(code)
        months = loc.months["format"]["wide"]
        return [loc.date_formats["long"].pattern] + [str(months[month]) for month in range(1, 13)]

    pattern, *months = list(cldr_words(code, "date:long", ask))
    parts: list[str] = []
    for _kind, value in tokenize_pattern(pattern):
        if isinstance(value, str):  # fixed characters
            parts.append(value)
            continue
        field, count = value
        if field == "d":
            parts.append(f"{day.day:0{count}d}")
        elif field == "M" and count == 4:
            parts.append(months[day.month - 1])
        elif field == "M" and count <= 2:
            parts.append(f"{day.month:0{count}d}")
        elif field == "y":
            year = f"{day.year:0{count}d}"
            parts.append(year[-2:] if count == 2 else year)
        else:
            return format_date(day, "long", locale=_locale(code))
    return "".join(parts)


def numbering_system(code: str) -> str:
    """CLDR's default numbering system of the language (``latn``, ``arab``, ``arabext`` ...), kept."""
    return str(cldr_words(code, "numbering", lambda: _locale(code).default_numbering_system))


def language_name_in(code: str, named: str) -> str:
    """CLDR's name of language ``named`` in language ``code`` (its ``languages`` table; Dari as
    ``fa_AF``), "" where CLDR has none; kept."""

    def ask() -> str:
        names = _locale(code).languages
        name = names.get(named) or names.get(named.split("-")[0])
        if named == "prs":
            name = names.get("fa_AF") or name
        return str(name or "")

    return str(cldr_words(code, f"languages:{named}", ask))


def is_rtl(code: str) -> bool:
    return language_info(code).is_rtl


def babel_locale(code: str) -> Locale:
    """The CLDR locale for dates, weekday names and numbers in this language."""
    return _locale(code)
