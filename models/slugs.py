"""Slugs for paths: lower case ASCII, German umlauts spelled out, stable once given."""

from __future__ import annotations

import re
import unicodedata

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
RESERVED = frozenset({"search", "imprint", "events", "news", "places", "locations", "disclaimer", "offers"})


def slugify(text: str, fallback: str = "angebot", max_length: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(_GERMAN)).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:max_length].strip("-")
    slug = slug or fallback
    return slug + "-1" if slug in RESERVED else slug


def unique_slug(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
