"""Compare a German source sentence with a German back-translation for the things a
reviewer who does not read the target language must not miss: numbers, negations,
modal verbs (must / may / can), dates and times, names.

Pure functions over plain text; the review screen highlights what they return.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from models.i18n import N_, Message

# Arabic-Indic (U+0660..) and Extended Arabic-Indic/Persian (U+06F0..) digits count as digits.
_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)

NEGATIONS = frozenset(
    {
        "nicht",
        "kein",
        "keine",
        "keinen",
        "keinem",
        "keiner",
        "keines",
        "nie",
        "niemals",
        "nichts",
        "ohne",
        "weder",
        "noch nie",
        "niemand",
    }
)
# Modal verbs grouped by what they mean for the reader: an obligation is not a permission.
MODALS = {
    "muss": "must",
    "müssen": "must",
    "musst": "must",
    "müsst": "must",
    "musste": "must",
    "mussten": "must",
    "verpflichtet": "must",
    "pflicht": "must",
    "darf": "may",
    "dürfen": "may",
    "darfst": "may",
    "dürft": "may",
    "erlaubt": "may",
    "kann": "can",
    "können": "can",
    "kannst": "can",
    "könnt": "can",
    "möglich": "can",
    "soll": "should",
    "sollen": "should",
    "sollte": "should",
    "sollten": "should",
    "empfohlen": "should",
}
_WEEKDAYS = {
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "montags",
    "dienstags",
    "mittwochs",
    "donnerstags",
    "freitags",
    "samstags",
    "sonntags",
}
_MONTHS = {
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
}


def normalise_digits(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DIGITS)


def numbers(text: str) -> list[str]:
    """Numbers with their separators normalised (9:00 == 9.00 == 9,00 is not assumed)."""
    return [m.group(0).rstrip(".,:") for m in _NUMBER.finditer(normalise_digits(text))]


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def negation_count(text: str) -> int:
    return sum(1 for w in _words(text) if w in NEGATIONS)


def modal_kinds(text: str) -> list[str]:
    return sorted(MODALS[w] for w in _words(text) if w in MODALS)


def _words_of_kind(text: str, vocabulary: Collection[str]) -> tuple[str, ...]:
    """The words of ``text`` (as written) that are in ``vocabulary`` (casefolded), for highlighting."""
    return tuple(w for w in _WORD.findall(text) if w.casefold() in vocabulary)


def day_and_month_words(text: str) -> list[str]:
    return sorted(w for w in _words(text) if w in _WEEKDAYS or w in _MONTHS)


@dataclass(frozen=True)
class MeaningDifference:
    kind: str  # "number", "negation", "modal", "date", "name"
    source: str  # what the source says ("" if absent)
    back: str  # what the back-translation says ("" if absent)
    source_terms: tuple[str, ...] = ()  # the words to highlight in the source
    back_terms: tuple[str, ...] = ()  # the words to highlight in the back-translation

    def text(self) -> Message:
        texts = {
            "number": N_("Number differs: source “{s}”, back-translation “{b}”"),
            "negation": N_("Negation differs (nicht/kein): source “{s}”, back-translation “{b}”"),
            "modal": N_("Modal verb differs (must/may/can): source “{s}”, back-translation “{b}”"),
            "date": N_("Day or month differs: source “{s}”, back-translation “{b}”"),
            "name": N_("Name missing in the back-translation: “{s}”"),
        }
        # Say the words as written ("kannst"), not the kind behind them ("can").
        source = (
            ", ".join(self.source_terms)
            if self.kind in ("modal", "negation") and self.source_terms
            else self.source
        )
        back = (
            ", ".join(self.back_terms)
            if self.kind in ("modal", "negation") and self.back_terms
            else self.back
        )
        return Message(texts[self.kind].msgid, s=source or "–", b=back or "–")

    def message(self, language: str | None = None) -> str:
        return self.text().render(language)


def _multiset_difference(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    rest_b = list(b)
    only_a = []
    for item in a:
        if item in rest_b:
            rest_b.remove(item)
        else:
            only_a.append(item)
    return only_a, rest_b


def meaning_differences(
    source: str, back_translation: str, names: list[str] | None = None
) -> list[MeaningDifference]:
    """What a reviewer must look at when comparing the source with the back-translation."""
    found: list[MeaningDifference] = []
    only_source, only_back = _multiset_difference(numbers(source), numbers(back_translation))
    if only_source or only_back:
        found.append(
            MeaningDifference(
                "number", ", ".join(only_source), ", ".join(only_back), tuple(only_source), tuple(only_back)
            )
        )
    negs_source, negs_back = negation_count(source), negation_count(back_translation)
    if negs_source != negs_back:
        found.append(
            MeaningDifference(
                "negation",
                str(negs_source),
                str(negs_back),
                _words_of_kind(source, NEGATIONS),
                _words_of_kind(back_translation, NEGATIONS),
            )
        )
    modal_source, modal_back = modal_kinds(source), modal_kinds(back_translation)
    if modal_source != modal_back:
        found.append(
            MeaningDifference(
                "modal",
                ", ".join(modal_source),
                ", ".join(modal_back),
                _words_of_kind(source, MODALS),
                _words_of_kind(back_translation, MODALS),
            )
        )
    days_source, days_back = _multiset_difference(
        day_and_month_words(source), day_and_month_words(back_translation)
    )
    if days_source or days_back:
        found.append(
            MeaningDifference(
                "date",
                ", ".join(days_source),
                ", ".join(days_back),
                _words_of_kind(source, set(days_source)),
                _words_of_kind(back_translation, set(days_back)),
            )
        )
    back_folded = back_translation.casefold()
    for name in names or []:
        if name.casefold() in source.casefold() and name.casefold() not in back_folded:
            found.append(MeaningDifference("name", name, "", (name,), ()))
    return found


def similarity(source: str, back_translation: str) -> float:
    """0..1: how much of the source's wording comes back (word-level sequence match)."""
    a, b = _words(source), _words(back_translation)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()


@dataclass(frozen=True)
class DiffSpan:
    op: str  # "equal", "insert", "delete"
    text: str


def word_diff(old: str, new: str) -> list[DiffSpan]:
    """A readable word-level diff (whitespace kept with the words)."""
    old_tokens = re.findall(r"\s+|[^\s]+", old)
    new_tokens = re.findall(r"\s+|[^\s]+", new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    spans: list[DiffSpan] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            spans.append(DiffSpan("equal", "".join(old_tokens[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            spans.append(DiffSpan("delete", "".join(old_tokens[i1:i2])))
        if tag in ("insert", "replace"):
            spans.append(DiffSpan("insert", "".join(new_tokens[j1:j2])))
    return [s for s in spans if s.text]
