"""The one language path, as rules on the source: no inline language choices, no private string
tables, no new German/English pairs. The lists name what is still to move (issue 14); they may
only shrink."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Still to move onto the catalogue: code that landed with (de, en) pairs while the path was built.
CHOICES_LEFT: set[str] = set()
TABLES_LEFT: set[str] = set()
PAIRS_LEFT = {"export/ical_read.py", "models/page_tree.py", "models/recurrence.py"}


def _sources(*folders: str) -> dict[str, str]:
    return {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for folder in folders
        for path in (ROOT / folder).rglob("*.py")
        if "migrations/versions" not in str(path)
    }


def test_no_inline_language_choices():
    pattern = re.compile(r'ui == "en"|== "en" else|== .en. else')
    found = {name for name, text in _sources("ui", "desktop").items() if pattern.search(text)}
    assert found <= CHOICES_LEFT, sorted(found - CHOICES_LEFT)


def test_no_string_tables_beside_the_catalogue():
    pattern = re.compile(r"^\s*def (t|tr|_t)\(", re.MULTILINE)
    found = {name for name, text in _sources("ui").items() if pattern.search(text)}
    assert found <= TABLES_LEFT, sorted(found - TABLES_LEFT)


def test_no_new_german_english_pairs():
    """Errors take one ``N_(...)`` message; a class taking (de, en) is a private string path."""
    pattern = re.compile(r"def __init__\(self, de: str, en: str")
    found = {name for name, text in _sources("desktop", "export", "models").items() if pattern.search(text)}
    found.discard("models/i18n.py")  # Pair itself, the one way old pairs are carried
    assert found <= PAIRS_LEFT, sorted(found - PAIRS_LEFT)
