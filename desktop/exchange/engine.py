"""The translation engine's glossary and checks, as the exchange code needs them.

The engine (``desktop.translation``) is built alongside; this adapter uses it
when it is there and otherwise returns no terms and no findings, so exports and
imports work either way.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    source: str
    target: str | None   # None: keep as is
    keep: bool = False

    def describe(self, language: str = "de") -> str:
        if self.keep or not self.target:
            return f"{self.source} ({'nicht übersetzen' if language == 'de' else 'do not translate'})"
        return f"{self.source} → {self.target}"


@dataclass(frozen=True)
class CheckNote:
    code: str
    de: str
    en: str
    severity: str = "warning"

    def message(self, language: str = "de") -> str:
        return self.en if language == "en" else self.de


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _as_term(entry) -> Term | None:
    source = getattr(entry, "source", None) or getattr(entry, "term", None)
    if not source:
        return None
    target = getattr(entry, "target", None) or getattr(entry, "translation", None)
    keep = bool(getattr(entry, "keep", False) or getattr(entry, "do_not_translate", False)
                or str(getattr(entry, "kind", "")).lower() in ("keep", "do_not_translate"))
    return Term(source=str(source), target=str(target) if target else None, keep=keep or not target)


def glossary_terms(db, source_code: str, target_code: str) -> list[Term]:
    """The glossary for one language pair, or [] while the engine has no glossary."""
    glossary = _module("desktop.translation.glossary")
    if glossary is None:
        return []
    for name in ("terms_for", "glossary_terms", "list_terms", "terms"):
        function = getattr(glossary, name, None)
        if callable(function):
            try:
                entries = function(db, source_code, target_code)
            except TypeError:
                continue
            return [t for t in (_as_term(e) for e in entries) if t]
    return []


def terms_in(text: str, terms: list[Term]) -> list[Term]:
    lowered = (text or "").lower()
    return [t for t in terms if t.source.lower() in lowered]


def run_checks(source_html: str, target_html: str, language_code: str, terms: list[Term]) -> list[CheckNote]:
    """The engine's checks on one translation, as notes in German and English."""
    checks = _module("desktop.translation.checks")
    function = getattr(checks, "check_translation", None) if checks else None
    if function is None:
        return []
    findings = function(source_html, target_html, language_code, terms)
    notes = []
    for finding in findings:
        message = getattr(finding, "message", None)
        if callable(message):
            de, en = message("de"), message("en")
        else:
            de = getattr(finding, "de", None) or str(message or finding)
            en = getattr(finding, "en", None) or de
        notes.append(CheckNote(code=str(getattr(finding, "code", "check")), de=de, en=en,
                               severity=str(getattr(finding, "severity", "warning"))))
    return notes
