"""Glossary terms as the exchange files carry them (notes in XLIFF, terms per unit)."""

from __future__ import annotations

import re

from models.i18n import N_

from ..translation.glossary import Term

__all__ = ["Term", "describe_term", "terms_in"]


def describe_term(term: Term, language: str = "de") -> str:
    if not term.target:
        return N_("{term} (do not translate)", term=term.source).render(language)
    return f"{term.source} → {term.target}"


def terms_in(text: str, terms: list[Term]) -> list[Term]:
    """The terms that occur in ``text`` as words (markup ignored)."""
    plain = re.sub(r"<[^>]*>", " ", text or "")
    return [t for t in terms if re.search(r"(?<!\w)" + re.escape(t.source) + r"(?!\w)", plain)]
