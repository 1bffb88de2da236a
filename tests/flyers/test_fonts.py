"""Every language the region serves can be printed: the font chain has a glyph for
every character, checked against each bundled font's own cmap."""

from __future__ import annotations

import pytest

from export.flyers.fonts import (
    ARABIC,
    ETHIOPIC,
    FONT_DIR,
    SANS,
    cmap,
    family_for,
    font_for_char,
    missing_characters,
)
from export.flyers.wording import label, target_group, weekday_names
from models.languages import babel_locale
from models.vocabulary import TARGET_GROUPS

from .support import LANGUAGES, SAMPLES

# The region's twelve, and the other Arabic-script and Ethiopic languages the issue names.
ALL = LANGUAGES + ["ckb", "ur", "am"]
LABEL_KEYS = [
    "offer",
    "for_whom",
    "address",
    "hours",
    "contact",
    "languages",
    "cost",
    "free",
    "printed",
    "closed",
    "appointment",
    "all_day",
    "barrier_free",
    "scan",
    "contents",
    "page",
    "phone",
    "mobile",
    "email",
    "website",
    "by",
    "brochure",
]


def cldr_text(code: str) -> str:
    """Day and month names, language and country names and number symbols from CLDR:
    a broad sample of the language's alphabet, digits and punctuation."""
    loc = babel_locale(code)
    parts: list[str] = []
    for table in (loc.days, loc.months):
        for context in table.values():
            for width in context.values():
                parts += list(width.values())
    parts += list(loc.languages.values()) + list(loc.territories.values())
    for symbols in loc.number_symbols.values():
        parts += [str(v) for v in symbols.values()]
    return "".join(parts)


def test_the_gaps_the_issue_names_are_real_and_filled():
    arabic, ethiopic = cmap(ARABIC.regular), cmap(ETHIOPIC.regular)
    for char in "()–?%":
        assert ord(char) not in arabic
        assert font_for_char(char, "ar") == SANS.regular
    for char in "0123456789?%()":
        assert ord(char) not in ethiopic
        assert font_for_char(char, "ti") == SANS.regular


@pytest.mark.parametrize("code", ALL)
def test_every_character_of_the_language_has_a_glyph(code):
    text = cldr_text(code) + "".join(label(code, key) for key in LABEL_KEYS)
    text += "".join(target_group(code, key) for key in TARGET_GROUPS) + "".join(weekday_names(code))
    text += "()–—?!%‰€§&@/:;.,«»„“”‘’‹›-+*#•·…°′″0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩،؛؟٪"
    sample = SAMPLES.get(code)
    if sample:
        text += "".join(sample.values())
    assert len(set(text)) > 60
    assert missing_characters(text, code) == set()
    assert missing_characters(text, code, bold=True) == set()


@pytest.mark.parametrize(
    "code, family",
    [
        ("ar", ARABIC),
        ("fa", ARABIC),
        ("prs", ARABIC),
        ("ps", ARABIC),
        ("ckb", ARABIC),
        ("ur", ARABIC),
        ("ti", ETHIOPIC),
        ("am", ETHIOPIC),
        ("de", SANS),
        ("uk", SANS),
        ("ru", SANS),
        ("ku", SANS),
        ("tr", SANS),
    ],
)
def test_each_language_writes_in_its_scripts_font(code, family):
    assert family_for(code) is family


def test_bundled_fonts_carry_their_licence():
    licence = (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence and "PERMISSION & CONDITIONS" in licence
    for path in FONT_DIR.glob("*.ttf"):
        assert path.stat().st_size < 700_000, path
    assert sum(p.stat().st_size for p in FONT_DIR.glob("*.ttf")) < 3_000_000
