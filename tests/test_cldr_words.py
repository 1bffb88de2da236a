"""CLDR words kept as JSON (models/cldr_words.py): the same words as Babel's, and a start with
them kept loads no locale's CLDR data (4 MiB of the window's memory, issue 20 round 5)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import get_day_names

from models import cldr_words
from models.languages import display_name, weekday_abbreviations

ROOT = Path(__file__).resolve().parent.parent
CODES = ["ar", "fa", "prs", "kmr", "uk", "ti", "tr", "en", "de", "so", "ps", "ckb"]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cldr_words.forget()
    yield tmp_path
    cldr_words.forget()


def _babel_name(code: str, ui: str) -> str:
    from models.languages import _locale

    return _locale(code).get_display_name(Locale.parse(ui)) or code


@pytest.mark.parametrize("ui", ["de", "en"])
def test_the_kept_words_are_babels(cache_home, ui):
    asked = [display_name(code, ui) for code in CODES]
    cldr_words.forget()  # read back from the file, not from this process
    kept = [display_name(code, ui) for code in CODES]
    expected = [("Dari" if code == "prs" else _babel_name(code, ui)) for code in CODES]
    assert asked == kept == expected
    days = get_day_names("abbreviated", locale=Locale.parse(ui))
    assert weekday_abbreviations(ui) == [days[day] for day in range(7)]
    stored = json.loads(cldr_words.cache_path(ui).read_text(encoding="utf-8"))
    assert stored["language:ar"] == expected[0] and len(stored["weekdays:abbreviated"]) == 7


_START = """
import sys
import babel.localedata
from models.languages import display_name, weekday_abbreviations
names = [display_name(code) for code in sys.argv[1:]] + weekday_abbreviations("de")
print(len(babel.localedata._cache), "|".join(names))
"""


def test_a_start_with_the_words_kept_loads_no_cldr_data(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}

    def start() -> list[str]:
        result = subprocess.run(
            [sys.executable, "-c", _START, *CODES],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout.split(" ", 1)

    first_loaded, first_names = start()
    again_loaded, again_names = start()
    assert int(first_loaded) > 0  # the first start asks Babel (German and its parent, root)
    assert again_loaded == "0" and again_names == first_names


def test_a_cache_folder_that_cannot_be_written_still_answers(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    cldr_words.forget()
    try:
        assert display_name("ar", "de") == "Arabisch"
        assert weekday_abbreviations("de")[0] == "Mo."
    finally:
        cldr_words.forget()
