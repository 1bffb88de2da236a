"""What a machine translation must not change, found in plain text: URLs, e-mail
addresses, phone numbers, times, dates, prices and "do not translate" glossary terms.
Used both to protect (placeholders before the call) and to check (compare after)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.i18n import N_

# Arabic-Indic (U+0660..) and Extended Arabic-Indic / Persian (U+06F0..) digits, and others.
_DIGITS = {
    ord(c): str(i)
    for base in (0x0660, 0x06F0, 0x0966, 0x09E6)
    for i, c in enumerate(chr(base + n) for n in range(10))
}
_DIGITS.update(
    {0x066B: ".", 0x066C: ",", 0x060C: ","}
)  # Arabic decimal and thousands separators, Arabic comma


_DIGIT_CHARS = tuple(chr(code) for code in _DIGITS)


def normalise_digits(text: str) -> str:
    # str.translate looks every character of non-ASCII text up in the table (~0.7 µs each);
    # a few substring scans first tell whether there is anything to translate at all.
    if text.isascii() or not any(c in text for c in _DIGIT_CHARS):
        return text
    return text.translate(_DIGITS)


URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'⟦⟧]+", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE = re.compile(
    r"(?<![\w.,])(?<!\d:)(?:\+\d{1,3}[ /-]?)?(?:\(0?\d{1,5}\)[ /-]?)?\d[\d /-]{4,}\d(?![\w.,:]\d)"
)
TIME = re.compile(r"(?<![\d.:])\d{1,2}:\d{2}(?!\d|:\d)|(?<![\d.:])\d{1,2}\.\d{2}(?=\s?Uhr)")
DATE = re.compile(r"(?<![\d.])\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{4}|\d{2}(?!\d))?|\b\d{4}-\d{2}-\d{2}\b")
PRICE = re.compile(r"(?:€\s?\d+(?:[.,]\d+)*(?:,-)?)|(?:\d+(?:[.,]\d+)*(?:,-)?\s?(?:€|EUR\b))")

# In order of precedence where matches overlap.
KINDS: list[tuple[str, re.Pattern]] = [
    ("url", URL),
    ("email", EMAIL),
    ("price", PRICE),
    ("date", DATE),
    ("time", TIME),
    ("phone", PHONE),
]

# What a kind cannot match without: scanning a text for these is far cheaper than running the
# pattern at every position (a text without "@" has no e-mail address).
_NEEDS = {
    "url": lambda text, lower: "://" in text or "www." in lower,
    "email": lambda text, lower: "@" in text,
    "price": lambda text, lower: "€" in text or "EUR" in text,
    "date": lambda text, lower: "." in text or "-" in text,
    "time": lambda text, lower: ":" in text or "Uhr" in text,
}

KIND_NAMES = {
    "url": N_("Web address"),
    "email": N_("E-mail address"),
    "phone": N_("Phone number"),
    "time": N_("Time"),
    "date": N_("Date"),
    "price": N_("Price"),
    "term": N_("Term"),
    "tag": N_("Formatting"),
    "number": N_("Number"),
}


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    kind: str
    value: str
    replacement: str | None = None  # for glossary terms "always translate as …"


def _phone_ok(value: str) -> bool:
    return sum(c.isdigit() for c in value) >= 6


def find_protected(text: str, terms: list[tuple[str, str | None]] = ()) -> list[Match]:
    """Non-overlapping protected spans, left to right. ``terms``: (term, translation or None)."""
    candidates: list[Match] = []
    lower = text.lower()
    for kind, pattern in KINDS:
        if kind in _NEEDS and not _NEEDS[kind](text, lower):
            continue
        for m in pattern.finditer(text):
            value = m.group(0)
            if kind == "url":
                value = value.rstrip(".,;:!?)")
            elif kind == "phone":
                value = value.strip(" /-")
                if not _phone_ok(value):
                    continue
            candidates.append(Match(m.start(), m.start() + len(value), kind, value))
    for term, translation in sorted(terms, key=lambda t: -len(t[0])):
        if not term:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text):
            candidates.append(Match(m.start(), m.end(), "term", m.group(0), translation))
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    # earlier kinds first (precedence), then longer
    for match in candidates:
        if any(match.start < e and s < match.end for s, e in taken):
            continue
        chosen.append(match)
        taken.append((match.start, match.end))
    return sorted(chosen, key=lambda m: m.start)


def digits_only(value: str) -> str:
    return "".join(c for c in normalise_digits(value) if c.isdigit())


def normalise_value(kind: str, value: str) -> str:
    """How two spellings of the same protected value compare equal."""
    value = normalise_digits(value)
    if kind in ("phone", "price", "date"):
        return digits_only(value).lstrip("0") if kind != "phone" else digits_only(value)
    if kind == "time":
        hours, minutes = re.split(r"[:.]", value)[:2]
        return f"{int(hours)}:{minutes}"
    if kind in ("url", "email"):
        return value.lower().rstrip("/")
    return value
