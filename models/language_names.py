"""Language names as people write them ("Arabisch", "Arabic", "العربية", "Kurdisch (Kurmancî)")
to the codes Lotse stores, from Babel's CLDR names in German, English and each language's own.

The one name CLDR lacks is "Farsi" (CLDR says Persian/Persisch/فارسی); it is added below,
as ``models.languages`` adds Dari. Codes follow Integreat where it differs from CLDR
(``fa_AF`` is ``prs``, ``ku`` is ``kmr``).
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale
from babel.localedata import locale_identifiers

from .languages import _CLDR_LOCALE

_TO_LOTSE = {cldr: code for code, cldr in _CLDR_LOCALE.items()}
_NAME_GAPS = {"farsi": "fa"}
_SPLIT = re.compile(r"\s*(?:[,;/\n+]|\bund\b|\band\b|&)\s*", re.IGNORECASE)


def _norm(name: str) -> str:
    name = re.sub(r"\s+", " ", name.casefold()).strip(" .")
    return re.sub(r"^(die |the )|( sprache| language)$", "", name)


def _add(index: dict[str, str], name: str | None, code: str) -> None:
    if not name:
        return
    index.setdefault(_norm(name), code)
    # "kurdî (kurmancî)": the word in brackets names the language, too
    for inner in re.findall(r"\(([^)]+)\)", name):
        index.setdefault(_norm(inner), code)


@cache
def _locales() -> list[str]:
    """Languages with a CLDR locale of their own (Lotse can show and lay out only those)."""
    return [i for i in locale_identifiers() if "_" not in i or i == "fa_AF"]


@cache
def _names() -> dict[str, str]:
    """German and English names: two locales, read in a moment."""
    index: dict[str, str] = dict(_NAME_GAPS)
    de, en = Locale("de").languages, Locale("en").languages
    for ident in _locales():
        for name in (de.get(ident), en.get(ident)):
            _add(index, name, _TO_LOTSE.get(ident, ident))
    return index


@cache
def _native_names() -> dict[str, str]:
    """Each language's name for itself ("العربية"): one locale per language, read (seconds) only
    when a name is neither German nor English."""
    index: dict[str, str] = {}
    for ident in _locales():
        try:
            _add(index, Locale.parse(ident).get_display_name(ident), _TO_LOTSE.get(ident, ident))
        except (ValueError, LookupError):
            continue
    return index


def _lookup(key: str) -> str | None:
    return _names().get(key) or _native_names().get(key)


def language_code_for(name: str) -> str | None:
    """The code for one language name, or None. "Kurdisch (Kurmancî)": the bracket decides."""
    key = _norm(name)
    if key in _names():
        return _names()[key]
    if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)?", key):
        from .languages import UnknownLanguageError, language_info

        try:
            return language_info(key).code
        except UnknownLanguageError:
            return None
    match = re.fullmatch(r"(.+?)\s*\(([^)]+)\)", key)
    if match:
        inner, outer = _norm(match[2]), _norm(match[1])
        return _names().get(inner) or _names().get(outer) or _lookup(inner) or _lookup(outer)
    return _native_names().get(key)


def split_language_names(text: str) -> list[str]:
    return [p.strip() for p in _SPLIT.split(text or "") if p.strip()]


def read_languages(text: str) -> tuple[list[str], list[str]]:
    """(codes in order, names not recognised as written)."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in split_language_names(text):
        code = language_code_for(part)
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return codes, unknown
