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
