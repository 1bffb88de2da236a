"""The one language path, as rules on the source: no inline language choices, no private string
tables, no new German/English pairs. The lists name what is still to move (issue 14); they may
only shrink."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Still to move onto the catalogue: code that landed with (de, en) pairs while the path was built.
CHOICES_LEFT: set[str] = set()
TABLES_LEFT: set[str] = set()
PAIRS_LEFT: set[str] = set()
# Code that still builds an error or a note from a German and an English text (changed by others
# this session: the CMS deliveries and import mapping, the database and CMS fetch errors, the
# safe-input refusals, the package writer, the flyer coverage words). It may only shrink.
GERMAN_ENGLISH_LEFT: set[str] = set()  # every German/English pair is a catalogue message now
# Data, not interface text: headings and words a provider's sheet or an opening-hours text may
# carry in German or English (read in both), glossary seeds, street-name folding.
GERMAN_ENGLISH_DATA = {
    "desktop/exchange/offer_columns.py", "export/provider_sheet.py", "models/hours_text.py",
    "desktop/translation/glossary.py", "desktop/exchange/duplicates.py",
}  # fmt: skip


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
    assert found <= PAIRS_LEFT, sorted(found - PAIRS_LEFT)


_GERMAN = re.compile(
    r"[äöüßÄÖÜ„]|\b(ist|nicht|die|der|das|und|kein|keine|wird|werden|Datei|Zeile|bitte|oder|mit)\b"
)


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(p.value if isinstance(p, ast.Constant) else "{}" for p in node.values)
    return None


def _german_then_english(text: str) -> bool:
    """A call or a tuple with a German text followed by its English one."""
    for node in ast.walk(ast.parse(text)):
        items = node.args if isinstance(node, ast.Call) else node.elts if isinstance(node, ast.Tuple) else []
        words = [_literal(item) for item in items]
        for first, second in zip(words, words[1:], strict=False):
            if first and second and _GERMAN.search(first) and not _GERMAN.search(second):
                return True
    return False


def test_no_german_english_pairs_in_calls_or_tuples():
    """``LotseError("Die Datei …", "The file …")`` and ``("…", "…")`` notes: one ``N_(...)`` instead."""
    found = {
        name
        for name, text in _sources("ui", "desktop", "export", "models").items()
        if name not in GERMAN_ENGLISH_DATA and _german_then_english(text)
    }
    assert found <= GERMAN_ENGLISH_LEFT, sorted(found - GERMAN_ENGLISH_LEFT)


def test_no_pair_and_no_two_language_error():
    """The transitional ``Pair`` and ``MessageError(de, en)`` are gone: one message per error."""
    import inspect

    import models.i18n as i18n

    assert not hasattr(i18n, "Pair")
    assert list(inspect.signature(i18n.MessageError.__init__).parameters) == ["self", "text"]


# Comparing a language with "de" or "en" chooses words of a language by hand. Where the language
# is the PRINTED or PUBLISHED one (a flyer's, the package's) or the source language, the words
# are content, not interface text; each such place is named here with why. Interface and report
# words never (``lotse providers``, ``lotse brochure`` and the spreadsheet import once did).
LANGUAGE_COMPARISONS_FOR_CONTENT = {
    "ui/i18n.py": "Qt has no catalogue for English, its own language",
    "desktop/brochure.py": "German is printed beside another brochure language",
    "desktop/translation/provider_base.py": "a test translation from the source language",
    "desktop/demo.py": "the demo region's languages beside its German source",
    "export/flyers/wording.py": "language names printed in the flyer's language (CLDR's own forms)",
    "export/flyers/coverage.py": "whether printed words are in the flyer's language",
    "export/integreat/import_region.py": "an imported region's source language",
    "models/languages.py": "CLDR's names of languages, with its gaps",
}
# Words kept per language as data: published in the app's language, a sheet's headings read in
# both, CLDR's gaps.
LANGUAGE_TABLES_AS_DATA = {
    "export/integreat/api_values.py", "desktop/exchange/offer_columns.py", "models/languages.py",
}  # fmt: skip
_CODES = {"de", "en"}


def _compares_a_language(node: ast.AST) -> bool:
    if not isinstance(node, ast.Compare) or not all(isinstance(o, ast.Eq | ast.NotEq) for o in node.ops):
        return False
    return any(
        isinstance(side, ast.Constant) and side.value in _CODES for side in [node.left, *node.comparators]
    )


def _word_choices(text: str) -> list[str]:
    """Comparisons with a language code, and ``"Wort" if de else "word"`` choices."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if _compares_a_language(node):
            found.append(ast.unparse(node))
        elif isinstance(node, ast.IfExp) and _literal(node.body) and _literal(node.orelse):
            words = {_literal(node.body), _literal(node.orelse)}
            if any(_GERMAN.search(w or "") for w in words) and not all(
                _GERMAN.search(w or "") for w in words
            ):
                found.append(ast.unparse(node))
    return found


def _language_tables(text: str) -> list[str]:
    """``{"de": …, "en": …}``: a private table of a word per interface language."""
    return [
        ast.unparse(node)[:60]
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Dict)
        and _CODES <= {k.value for k in node.keys if isinstance(k, ast.Constant)}
    ]


def test_no_word_chosen_by_comparing_the_language():
    found = {
        name: choices
        for name, text in _sources("ui", "desktop", "export", "models").items()
        if name not in LANGUAGE_COMPARISONS_FOR_CONTENT and (choices := _word_choices(text))
    }
    assert not found, found


def test_no_table_of_words_per_language():
    found = {
        name: tables
        for name, text in _sources("ui", "desktop", "export", "models").items()
        if name not in LANGUAGE_TABLES_AS_DATA and (tables := _language_tables(text))
    }
    assert not found, found


def test_the_rules_catch_what_the_reports_did():
    """What ``lotse providers`` and the offer export did before, so the rules can fail."""
    assert _word_choices('de = default_language() == "de"\nprint("nie" if de else "never")')
    assert _word_choices('headers = ["Stand" if language == "de" else "State"]')
    assert _word_choices('print("keine Antwort" if flag else "no answer")')
    assert not _word_choices('print(_("never") if flag else "")')
    assert _language_tables('NAMES = {"de": "Weitere Angebote", "en": "More offers"}')
