"""Keep phone numbers, e-mail addresses, URLs and times in their own order inside
right-to-left text.

In an Arabic sentence, the Unicode bidi algorithm turns digits after an Arabic letter
into "Arabic numbers", and then a hyphen or slash between them no longer joins them:
"0241 94927-310" shows as "310-94927 0241". Wrapping such runs in LEFT-TO-RIGHT MARKs
(U+200E) makes every renderer (Qt, browsers, PDF viewers) keep them as written. This is
applied when text is shown or published, never stored, so checks and translation
memory see the plain text.
"""

from __future__ import annotations

import re
import unicodedata

LRM = "\u200e"
RLM = "\u200f"

# Runs that must read left to right: URLs, e-mails, phone numbers, times and dates,
# and any run of Latin digits joined by separators.
_LTR_RUN = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)]"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\+?\(?\d[\d ()/.\-–]{3,}\d"  # phone numbers, dates, time ranges
    r"|\d{1,2}:\d{2}(?:\s?[-–]\s?\d{1,2}:\d{2})?"  # times
)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def isolate_ltr_runs(text: str) -> str:
    """Plain text: wrap each left-to-right run in LRM marks (idempotent)."""

    def wrap(match: re.Match[str]) -> str:
        run = match.group(0)
        start, end = match.start(), match.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before == LRM and after == LRM:
            return run
        return f"{LRM}{run}{LRM}"

    return _LTR_RUN.sub(wrap, text)


def isolate_ltr_runs_html(html: str) -> str:
    """The same inside HTML, touching only the text between tags."""
    parts = _TAG_OR_TEXT.split(html)
    return "".join(part if part.startswith("<") else isolate_ltr_runs(part) for part in parts)


def strip_marks(text: str) -> str:
    return text.replace(LRM, "").replace(RLM, "")


# --- left-to-right runs in print ---------------------------------------------------------
# For pages laid out by a bidi algorithm of their own (the PDF flyers): every run of
# left-to-right text inside right-to-left text (a German address, a price "2,29 €", a phone
# number, a URL, an e-mail, a German name) becomes one unit in its own direction, between a
# LEFT-TO-RIGHT ISOLATE and a POP DIRECTIONAL ISOLATE. LRM marks are not enough: between two
# marked runs the comma of "Peterstraße 21, 52062 Aachen" takes the page's direction and the
# parts change places; an isolate keeps the run whole and is one neutral to what surrounds it.
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
_OPENERS = "+(€$£"  # belong to the run that follows them directly ("+49 …", "(0241) …")
_CLOSERS = "€%)/]"  # belong to the run they directly follow ("2,29 €", "…/ar/", "(VHS)")
_ARABIC_PUNCTUATION = "\u060c\u061b\u061f\u06d4"  # comma, semicolon, question mark, full stop


def _kind(char: str) -> str:
    """ "strong" (left to right), "digit" (ASCII), "stop" (ends any run) or "neutral"."""
    if char in _ARABIC_PUNCTUATION or char in "\n\r\t":
        return "stop"
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return "strong"
    if kind == "EN":
        return "digit" if char.isascii() else "stop"  # Persian digits belong to the Persian text
    if kind in ("WS", "CS", "ES", "ET", "ON", "NSM", "BN"):
        return "neutral"
    return "stop"  # R, AL, AN, marks and isolates, paragraph and segment separators


def _worth_isolating(run: str) -> bool:
    """Left-to-right letters, or a number with separators or a currency ("2,29 €",
    "0241 4792-140", "9:00–12:00"); a bare number in Arabic text is left to the text."""
    if any(_kind(c) == "strong" for c in run):
        return True
    return any(_kind(c) == "digit" for c in run) and any(_kind(c) != "digit" for c in run)


def isolate_latin_runs(text: str) -> str:
    """Plain text of a right-to-left page: wrap each left-to-right run in LRI … PDI.
    Text already holding isolates or embeddings is returned as it is (idempotent)."""
    if any(c in text for c in (LRI, FSI, PDI, "\u2067", "\u202a", "\u202b", "\u202d", "\u202e")):
        return text
    text = text.replace(LRM, "")  # the older marks would only split the runs
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if _kind(text[i]) not in ("strong", "digit"):
            out.append(text[i])
            i += 1
            continue
        start = i
        while start > 0 and text[start - 1] in _OPENERS and out and out[-1] == text[start - 1]:
            start -= 1
            out.pop()
        end = i
        j = i
        while j < n and _kind(text[j]) != "stop":
            if _kind(text[j]) in ("strong", "digit"):
                end = j + 1
            j += 1
        # Closing characters directly after the last letter or digit ("2,29 €" has a space).
        while end < n and (
            text[end] in _CLOSERS or (text[end] == " " and end + 1 < n and text[end + 1] in "€%")
        ):
            if text[end] == ")" and text[start:end].count("(") <= text[start:end].count(")"):
                break
            end += 1
        run = text[start:end]
        out.append(f"{LRI}{run}{PDI}" if _worth_isolating(run) else run)
        i = end
    return "".join(out)


def isolate_value(text: str) -> str:
    """One value from the data (an address, a cost, a contact's name and area) as a single
    unit on a right-to-left page, in the direction of its first letter, with the
    left-to-right runs inside isolated too: "Peterstraße 21, 52062 Aachen" stays whole, a
    sentence's final full stop stays at its end."""
    text = (text or "").strip()
    return f"{FSI}{isolate_latin_runs(text)}{PDI}" if text else ""
