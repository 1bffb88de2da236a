"""The bundled fonts, which one a language writes in, and which characters no font has.

Noto families (SIL OFL, ``resources/fonts/OFL.txt``): Noto Sans for Latin,
Cyrillic and Greek, Noto Sans Arabic for every Arabic-script language (Arabic,
Farsi, Dari, Pashto, Sorani, Urdu), Noto Sans Ethiopic for Tigrinya and Amharic,
and a subset of Noto Sans Math for operators and arrows. The language's own
family comes first; the others are per-glyph fallbacks, so
the brackets, dashes, ``?`` and ``%`` the 2020 Arabic font lacks and the digits the
Ethiopic font lacks come from Noto Sans instead of printing as boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.core import get_global

from models.languages import kept_words

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"


@dataclass(frozen=True)
class Family:
    name: str  # the family name inside the PDF
    regular: str  # file names in FONT_DIR
    bold: str


SANS = Family("NotoSans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
ARABIC = Family("NotoSansArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")
ETHIOPIC = Family("NotoSansEthiopic", "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf")
# Arrows, mathematical operators (− ∞ ≈), shapes: a 94 kB subset of Noto Sans Math.
SYMBOLS = Family("NotoSansMath", "NotoSansMath-Regular-subset.ttf", "NotoSansMath-Regular-subset.ttf")
FAMILIES = (SANS, ARABIC, ETHIOPIC, SYMBOLS)
_BY_SCRIPT = {"Arab": ARABIC, "Ethi": ETHIOPIC}
_CLDR_CODE = {"prs": "fa", "kmr": "ku"}

# Characters that only steer the bidi algorithm; they are never drawn.
BIDI_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Invisible characters every shaper handles without a glyph of its own.
INVISIBLE = frozenset(BIDI_MARKS) | {"\n", "\r", "\t", "\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff"}


@cache
def script_of(language: str) -> str:
    """The ISO 15924 script a language is written in, from CLDR's likely subtags (kept with the
    language's other CLDR words: Babel's global data is 5 ms of a first flyer)."""
    return str(kept_words(language, "script", lambda: _likely_script(language)))


def _likely_script(language: str) -> str:
    code = _CLDR_CODE.get(language, language).replace("-", "_")
    likely = (
        get_global("likely_subtags").get(code) or get_global("likely_subtags").get(code.split("_")[0]) or ""
    )
    parts = likely.split("_")
    return parts[1] if len(parts) > 1 else "Latn"


def family_for(language: str) -> Family:
    return _BY_SCRIPT.get(script_of(language), SANS)


def fallback_order(language: str) -> tuple[Family, ...]:
    """The language's own family first, then the others in a fixed order."""
    own = family_for(language)
    return (own,) + tuple(f for f in FAMILIES if f is not own)


@cache
def cmap(file_name: str) -> frozenset[int]:
    """The code points a bundled font has a glyph for (its own cmap table)."""
    from .fontfile import code_points

    return code_points(str(FONT_DIR / file_name))


def font_for_char(char: str, language: str, bold: bool = False) -> str | None:
    """The file whose glyph prints ``char`` in this language's text, or None (a box)."""
    for family in fallback_order(language):
        file_name = family.bold if bold else family.regular
        if ord(char) in cmap(file_name):
            return file_name
    return None


def missing_characters(text: str, language: str, bold: bool = False) -> set[str]:
    """Characters of ``text`` that no bundled font can print (they would come out as boxes)."""
    return {ch for ch in set(text) if ch not in INVISIBLE and font_for_char(ch, language, bold) is None}


def families_for(text: str, languages: tuple[str, ...] | list[str]) -> tuple[Family, ...]:
    """The families a document needs: each language's own, Noto Sans, and any other
    family that has a glyph for a character of ``text`` the ones before lack."""
    chosen: list[Family] = []
    for family in [family_for(code) for code in languages] + [SANS]:
        if family not in chosen:
            chosen.append(family)
    covered = set().union(*(cmap(f.regular) for f in chosen))
    wanted = {ord(ch) for ch in set(text)} - covered
    for family in FAMILIES:
        if family not in chosen and wanted & cmap(family.regular):
            chosen.append(family)
            wanted -= cmap(family.regular)
    return tuple(f for f in FAMILIES if f in chosen)
