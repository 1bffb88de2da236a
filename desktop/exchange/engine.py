"""The translation engine's glossary and checks, as the exchange code uses them."""
from __future__ import annotations

import re

from ..db import Database
from ..translation.checks import Finding, check_translation
from ..translation.glossary import Term, terms_for

__all__ = ["Finding", "Term", "describe_term", "glossary_terms", "run_checks", "terms_in"]


def glossary_terms(db: Database, source_code: str, target_code: str) -> list[Term]:
    return terms_for(db, source_code, target_code)


def describe_term(term: Term, language: str = "de") -> str:
    if not term.target:
        return f"{term.source} ({'nicht übersetzen' if language == 'de' else 'do not translate'})"
    return f"{term.source} → {term.target}"


def terms_in(text: str, terms: list[Term]) -> list[Term]:
    """The terms that occur in ``text`` as words (markup ignored)."""
    plain = re.sub(r"<[^>]*>", " ", text or "")
    return [t for t in terms if re.search(r"(?<!\w)" + re.escape(t.source) + r"(?!\w)", plain)]


def run_checks(source_html: str, target_html: str, language_code: str, terms: list[Term]) -> list[Finding]:
    return check_translation(source_html, target_html, language_code, terms)
