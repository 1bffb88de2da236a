"""A flyer's CLDR words (language facts, weekday and month names, the long date, digits) kept as
JSON (models/cldr_words.py): the same words as Babel's, and a fresh process's flyer with them
kept loads no locale's CLDR data (root, the flyer's languages, English, German: ~45 ms of a
first flyer, issue 20 round 6; nor Babel's global data for the scripts: 5 ms) and makes the
same PDF."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date, get_day_names

from export.flyers.fonts import _likely_script, script_of
from models import cldr_words
from models.languages import (
    _locale,
    language_info,
    language_name_in,
    long_date,
    numbering_system,
    weekday_names,
)

from .support import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
CODES = [*LANGUAGES, "prs", "kmr", "so", "ckb", "am", "sr", "hr", "bg", "pl", "ro", "el", "sq", "zh", "ja"]
DAYS = [date(2026, month, day) for month in range(1, 13) for day in (1, 9, 10, 28)] + [
    date(2009, 1, 31),
    date(1999, 12, 31),
    date(2031, 5, 5),
]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cldr_words.forget()
    language_info.cache_clear()
    yield tmp_path
    cldr_words.forget()
    language_info.cache_clear()


def _babels(code: str) -> dict:
    loc = _locale(code)
    names = loc.languages
    dari = names.get("fa_AF") or names.get("prs")
    return {
        "script": _likely_script(code),
        "dates": [format_date(day, "long", locale=loc) for day in DAYS],
        "wide": [get_day_names("wide", locale=loc)[d] for d in range(7)],
        "abbreviated": [get_day_names("abbreviated", locale=loc)[d] for d in range(7)],
        "numbering": loc.default_numbering_system,
        "names": [names.get(other) or "" for other in ("ar", "de", "uk", "ti")] + [dari or ""],
        "direction": loc.text_direction,
        "english": loc.get_display_name(Locale.parse("en")),
    }


def _ours(code: str) -> dict:
    info = language_info(code)
    script_of.cache_clear()
    return {
        "script": script_of(code),
        "dates": [long_date(code, day) for day in DAYS],
        "wide": weekday_names(code, "wide"),
        "abbreviated": weekday_names(code, "abbreviated"),
        "numbering": numbering_system(code),
        "names": [language_name_in(code, other) for other in ("ar", "de", "uk", "ti", "prs")],
        "direction": info.direction,
        "english": info.english_name,
    }


@pytest.mark.parametrize("code", CODES)
def test_the_kept_words_are_babels(cache_home, code):
    asked = _ours(code)
    cldr_words.forget()  # read back from the file, not from this process
    language_info.cache_clear()
    kept = _ours(code)
    expected = _babels(code)
    if code == "prs":
        expected["english"] = "Dari"  # the one gap models/languages.py fills
    assert asked == kept == expected


def test_an_unknown_code_is_still_refused_and_never_a_file(cache_home):
    from models.languages import UnknownLanguageError

    for code in ("xx-nonsense", "../../etc/passwd", "de/../ar"):
        with pytest.raises(UnknownLanguageError):
            language_info(code)
    assert not any(cache_home.rglob("*passwd*")) and not any(cache_home.rglob("xx-*"))


def test_a_damaged_kept_entry_is_asked_again(cache_home):
    assert language_info("ar").direction == "rtl"
    cldr_words.forget()
    language_info.cache_clear()
    path = cldr_words.cache_path("ar")
    path.write_text('{"facts": ["only", "three", "names"]}', encoding="utf-8")
    cldr_words.forget()
    assert language_info("ar").german_name == "Arabisch"


_FLYER = """
import sys
from dataclasses import replace
from datetime import date
import babel.localedata
from desktop.db import open_database
from export.flyers import render_flyer
from tests.flyers.support import sample_data
db = open_database(sys.argv[1])
data = replace(sample_data(db), printed_on=date(2026, 12, 7))
loaded = len(babel.localedata._cache)
for code, size in (("ar", "a4"), ("ti", "a5"), ("fa", "a4")):
    render_flyer(data, sys.argv[2] + "-" + code + ".pdf", code, bilingual=True, size=size)
import babel.core
print(loaded, sorted(babel.localedata._cache), babel.core._global_data is not None)
"""


def test_a_fresh_flyer_with_the_words_kept_loads_no_cldr_data(demo_db, tmp_path):
    from .test_print_run import _streams

    url = demo_db.engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}

    def flyers(name: str) -> tuple[str, list[list[bytes]]]:
        result = subprocess.run(
            [sys.executable, "-c", _FLYER, url, str(tmp_path / name)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        made = [_streams(tmp_path / f"{name}-{code}.pdf") for code in ("ar", "ti", "fa")]
        return result.stdout.strip(), made

    first, first_pdfs = flyers("first")
    again, again_pdfs = flyers("again")
    assert first.startswith("0 ") and "'ar'" in first and "'root'" in first  # asked Babel
    assert again == "0 [] False"  # nothing loaded, not even the global data: every word was kept
    assert again_pdfs == first_pdfs and all(len(streams) > 10 for streams in first_pdfs)
