"""Language facts (native names, directions, BCP 47 tags) from Babel's CLDR data.

Nothing here is typed by hand except the mapping of the few codes Integreat
uses that CLDR has no locale for (Dari is CLDR's ``fa_AF``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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
    code = code.strip()
    loc = _locale(code)
    gap = _CLDR_GAPS.get(code, {})
    native = gap.get("native") or loc.get_display_name(loc) or code
    return LanguageInfo(
        code=code,
        bcp47_tag=_BCP47.get(code, code),
        native_name=native[:1].upper() + native[1:] if loc.text_direction == LTR else native,
        english_name=gap.get("en") or loc.get_display_name("en") or code,
        german_name=gap.get("de") or loc.get_display_name("de") or code,
        direction=RTL if loc.text_direction == RTL else LTR,
    )


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

    def ask() -> list[str]:
        from babel.dates import get_day_names

        names = get_day_names("abbreviated", locale=_locale(ui_language))
        return [str(names[day]) for day in range(7)]

    return list(cldr_words(ui_language, "weekdays:abbreviated", ask))


def is_rtl(code: str) -> bool:
    return language_info(code).is_rtl


def babel_locale(code: str) -> Locale:
    """The CLDR locale for dates, weekday names and numbers in this language."""
    return _locale(code)
