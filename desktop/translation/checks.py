"""Checks on a translation, machine-made or typed, as data a screen can show.

``check_translation(source_html, target_html, language_code, glossary_terms)`` returns
:class:`Finding`s: a phone number, e-mail, URL, time, date or price missing or changed
(compared after normalising Arabic-Indic and Persian digits), other numbers missing,
tags not balanced, leftover placeholders, a sentence left in German, a length out of
proportion, a glossary term not used. Where one click can repair it, ``fix_value`` is
the whole corrected ``target_html``. The review screen and the XLIFF import call this.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from models.i18n import N_, Message
from models.richtext import html_to_text

from .protect import KIND_NAMES, find_protected, normalise_digits, normalise_value

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"⟦\s*\d+\s*⟧")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_VOID = {"br", "img", "hr"}
PROTECTED_KINDS = ("url", "email", "phone", "time", "date", "price")


@dataclass(frozen=True)
class Finding:
    code: str  # value_missing, value_changed, number_missing, tags_unbalanced, placeholder_left,
    # untranslated, length, glossary_missing
    severity: str  # "error" or "warning"
    text: Message
    kind: str = ""  # phone, url, ... for value findings
    source_value: str = ""
    target_value: str = ""
    fix_value: str | None = None  # the corrected target_html, if one click can fix it

    def message(self, language: str | None = None) -> str:
        return self.text.render(language)

    @property
    def en(self) -> str:
        return self.text.render("en")


@lru_cache(maxsize=512)  # the same German source is checked against every language
def _text(value: str) -> str:
    return html_to_text(value or "") if "<" in (value or "") else html.unescape(value or "")


@lru_cache(maxsize=512)  # a German source is checked against every language, and twice per check
def _values(text: str) -> tuple[tuple[str, str, str], ...]:
    """(kind, raw value, normalised value) of the protected values in plain text."""
    return tuple(
        (m.kind, m.value, normalise_value(m.kind, m.value))
        for m in find_protected(normalise_digits(text))
        if m.kind in PROTECTED_KINDS
    )


def _replace_value(target_html: str, wrong: str, right: str) -> str | None:
    """Replace the first occurrence of ``wrong`` (found in digit-normalised text) in the raw HTML."""
    normalised = normalise_digits(target_html)
    for candidate in (wrong, html.escape(wrong, quote=False)):
        position = normalised.find(candidate)
        if position >= 0:
            return (
                target_html[:position]
                + html.escape(right, quote=False)
                + target_html[position + len(candidate) :]
            )
    return None


def _check_values(source_text: str, target_text: str, target_html: str) -> list[Finding]:
    findings: list[Finding] = []
    source_values = _values(source_text)
    target_values = _values(target_text)
    target_left = Counter(n for _, _, n in target_values)
    unmatched_target = [v for v in target_values]
    missing = []
    for kind, raw, norm in source_values:
        if target_left[norm] > 0:
            target_left[norm] -= 1
            for i, v in enumerate(unmatched_target):
                if v[2] == norm:
                    del unmatched_target[i]
                    break
        else:
            missing.append((kind, raw, norm))
    for kind, raw, _ in missing:
        name = KIND_NAMES[kind]
        changed = next((v for v in unmatched_target if v[0] == kind), None)
        if changed is not None:
            unmatched_target.remove(changed)
            findings.append(
                Finding(
                    "value_changed",
                    "error",
                    N_("{name} changed: “{value}” instead of “{raw}”.", name=name, value=changed[1], raw=raw),
                    kind,
                    raw,
                    changed[1],
                    _replace_value(target_html, changed[1], raw),
                )
            )
        else:
            findings.append(
                Finding(
                    "value_missing",
                    "error",
                    N_("{name} missing: “{raw}”.", name=name, raw=raw),
                    kind,
                    raw,
                )
            )
    return findings


def _numbers(text: str, exclude: list[str]) -> Counter[str]:
    text = normalise_digits(text)
    for value in exclude:
        text = text.replace(normalise_digits(value), " ")
    return Counter(re.sub(r"[.,]", "", n).lstrip("0") or "0" for n in _NUMBER.findall(text))


def _check_numbers(source_text: str, target_text: str) -> list[Finding]:
    source = _numbers(source_text, [raw for _, raw, _ in _values(source_text)])
    target = _numbers(target_text, [raw for _, raw, _ in _values(target_text)])
    lost = source - target
    return [
        Finding("number_missing", "warning", N_("Number missing: {number}.", number=n), "number", n)
        for n in sorted(lost.elements())
    ]


def _tag_counts(value: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for closing, name, self_closing in _TAG.findall(value or ""):
        name = name.lower()
        if name in _VOID or self_closing:
            continue
        counts[name] += -1 if closing else 1
    return counts


def _check_tags(source_html: str, target_html: str) -> list[Finding]:
    findings = []
    if any(_tag_counts(target_html).values()):
        findings.append(
            Finding(
                "tags_unbalanced",
                "error",
                N_("Formatting broken: tags are not closed in pairs."),
                "tag",
            )
        )
    source_links = Counter(h.rstrip("/") for h in _HREF.findall(source_html or ""))
    target_links = Counter(h.rstrip("/") for h in _HREF.findall(target_html or ""))
    for href in (source_links - target_links).elements():
        findings.append(
            Finding("value_missing", "error", N_("Link missing: {href}.", href=href), "url", href)
        )
    return findings


def _check_placeholders(target_html: str) -> list[Finding]:
    left = _PLACEHOLDER.findall(target_html or "")
    if not left:
        return []
    fixed = re.sub(r"\s*⟦\s*\d+\s*⟧", "", target_html)
    return [
        Finding(
            "placeholder_left",
            "error",
            N_("Placeholders left over: {items}.", items=" ".join(left)),
            "tag",
            target_value=" ".join(left),
            fix_value=fixed,
        )
    ]


def _words(sentence: str) -> list[str]:
    return re.findall(r"[^\W\d_]{2,}", sentence)


def _check_untranslated(source_text: str, target_text: str, keep: set[str]) -> list[Finding]:
    findings = []
    target_norm = " ".join(target_text.split())
    for sentence in _SENTENCE.findall(source_text):
        sentence = " ".join(sentence.split())
        if sentence not in target_norm:  # the cheap test first: most sentences are translated
            continue
        words = [w for w in _words(sentence) if w not in keep]
        if len(words) >= 3:
            findings.append(
                Finding(
                    "untranslated",
                    "warning",
                    N_("Not translated: “{value}”.", value=sentence[:80]),
                    source_value=sentence,
                )
            )
    if not findings and len(_words(source_text)) >= 2 and " ".join(source_text.split()) == target_norm:
        findings.append(
            Finding(
                "untranslated",
                "warning",
                N_("The text is the same as the source."),
                source_value=source_text,
            )
        )
    return findings


# Typical length of a translation relative to German (characters); outside the range is suspicious.
_RATIO = {"default": (0.35, 2.5), "zh": (0.15, 1.0), "ja": (0.2, 1.2), "ko": (0.2, 1.2)}


def _check_length(source_text: str, target_text: str, language_code: str) -> list[Finding]:
    if len(source_text) < 30 or not target_text:
        return []
    low, high = _RATIO.get(language_code.split("-")[0], _RATIO["default"])
    ratio = len(target_text) / len(source_text)
    if low <= ratio <= high:
        return []
    return [
        Finding(
            "length",
            "warning",
            N_("The translation is much shorter than the source ({ratio:.0%}).", ratio=ratio)
            if ratio < low
            else N_("The translation is much longer than the source ({ratio:.0%}).", ratio=ratio),
        )
    ]


def _term_pair(term: Any) -> tuple[str, str | None]:
    if isinstance(term, (tuple, list)):
        return term[0], term[1] if len(term) > 1 else None
    return getattr(term, "source", None) or term.term, getattr(term, "target", None) or getattr(
        term, "translation", None
    )


def _check_glossary(
    source_text: str, target_text: str, target_html: str, terms: Iterable[Any]
) -> list[Finding]:
    findings = []
    for term in terms or ():
        source, translation = _term_pair(term)
        if not source or not re.search(r"(?<!\w)" + re.escape(source) + r"(?!\w)", source_text):
            continue
        expected = translation or source
        if expected.lower() in target_text.lower():
            continue
        fix = None
        if translation and re.search(r"(?<!\w)" + re.escape(source) + r"(?!\w)", target_html):
            fix = re.sub(
                r"(?<!\w)" + re.escape(source) + r"(?!\w)", html.escape(translation, quote=False), target_html
            )
        findings.append(
            Finding(
                "glossary_missing",
                "warning",
                N_("Glossary: “{source}” should appear as “{expected}”.", source=source, expected=expected),
                "term",
                source,
                fix_value=fix,
            )
        )
    return findings


def check_translation(
    source_html: str, target_html: str, language_code: str, glossary_terms: Iterable[Any] = ()
) -> list[Finding]:
    """Every finding on one translation (a whole text or one segment), errors first.

    ``glossary_terms``: objects with ``source``/``target`` (desktop.translation.glossary.Term),
    or with ``term``/``translation`` (GlossaryTerm rows), or (term, translation-or-None) pairs.
    """
    if not (target_html or "").strip():
        return []
    source_text, target_text = _text(source_html), _text(target_html)
    keep = {_term_pair(t)[0] for t in glossary_terms or () if not _term_pair(t)[1]}
    findings = (
        _check_placeholders(target_html)
        + _check_values(source_text, target_text, target_html)
        + _check_tags(source_html, target_html)
        + _check_numbers(source_text, target_text)
        + _check_glossary(source_text, target_text, target_html, glossary_terms)
        + _check_untranslated(source_text, target_text, keep)
        + _check_length(source_text, target_text, language_code)
    )
    return sorted(findings, key=lambda f: f.severity != "error")
