"""Limited HTML for offer content: cleaning, plain text, fingerprints, word counts.

The content of an offer is HTML limited to what the Integreat app shows well:
paragraphs, line breaks, bold, italic, lists and links. It is cleaned with nh3
(ammonia) on every save, so nothing else ever reaches the database.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Mapping, Sequence

import nh3

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_TAG = re.compile(r"<[^>]*>")
_TAG_LIKE = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>?")
_WHOLE_TAG = re.compile(r"<\s*/?\s*[A-Za-z][\w:-]*(\s[^<>]*)?/?\s*>|<!--|<!\[CDATA\[|<\?")
_BLOCK_END = re.compile(r"</(p|li|ul|ol)>|<br\s*/?>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


# C0 control characters other than tab and line breaks: invalid in XML (XLIFF, TMX) and never typed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Unicode's control characters (category Cc: C0, DEL, C1) other than tab and newline; one
# regular expression instead of asking unicodedata about every character of a title.
_CC_BUT_TAB_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _only_allowed_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3 keeps ``title`` and ``lang`` on every element by default; only the allow-list stays."""
    return value if attribute in ALLOWED_ATTRIBUTES.get(element, ()) else None


def clean_html(value: str | None) -> str:
    """Sanitise to the allow-list; scripts, event handlers, foreign schemes and control characters go."""
    if not value:
        return ""
    # Cleaning can leave markup that parses differently once more (a <p> inside a <p>);
    # clean until nothing changes, so saving a text again never changes it.
    cleaned = _CONTROL.sub("", value)
    for _ in range(4):
        again = _clean_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _clean_once(value: str) -> str:
    cleaned = _CLEANER.clean(value)
    # nh3 turns character references into characters: "&#1;" comes out as a control character.
    return _CONTROL.sub("", cleaned).strip()


# Built once: nh3.clean() converts the allow-lists and builds its sanitiser on every call
# (a third of the cleaning of a 1 KB text).
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    attribute_filter=_only_allowed_attribute,
    link_rel=None,
    strip_comments=True,
)


def without_markup(text: str) -> str:
    """Plain text that was unescaped may hold markup ("&lt;script&gt;" became "<script>"): it goes too."""
    while True:
        stripped = _TAG_LIKE.sub("", text)
        if stripped == text:
            return text
        text = stripped


def has_markup(text: str | None) -> bool:
    """Plain text (a memory segment, a glossary term) that holds a whole tag such as ``<script>``
    or ``<img onerror=…>``; "Kinder <12 Jahre" is not markup."""
    return bool(_WHOLE_TAG.search(text or ""))


def excerpt(value: str | None) -> str:
    """One line of plain text from limited HTML (the app's ``excerpt``), with no markup in it."""
    text = html_to_text(value).replace("\n", " ")
    stripped = without_markup(text)
    return text if stripped == text else _SPACE.sub(" ", stripped).strip()


def clean_plain(value: str | None) -> str:
    """A single-line text field (title, summary): no markup, no control characters."""
    if not value:
        return ""
    text = without_markup(html.unescape(_TAG.sub("", value)))
    text = _CC_BUT_TAB_NEWLINE.sub("", text)
    return single_spaced(text)


def html_to_text(value: str | None) -> str:
    """The readable text of limited HTML, one line per block (paragraph, list item)."""
    if not value:
        return ""
    text = _BLOCK_END.sub("\n", value)
    text = html.unescape(_TAG.sub("", text))
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def normalise_for_fingerprint(value: str | None) -> str:
    """Markup, entity spelling, Unicode form and whitespace do not count as change."""
    text = html.unescape(_TAG.sub(" ", value or ""))
    text = unicodedata.normalize("NFC", text)
    return single_spaced(text)


def single_spaced(text: str) -> str:
    """Runs of whitespace as one space, none at the ends: ``_SPACE.sub(" ", text).strip()``
    at a quarter of its cost (``str.split`` and ``\\s`` know the same whitespace: a test
    checks every code point), for every save's fingerprint and plain fields."""
    return " ".join(text.split())


def fingerprint(
    title: str | None,
    summary: str | None,
    content: str | None,
    cost: str | None = None,
    contact_areas: Mapping[str, str | None] | Sequence[str | None] = (),
) -> str:
    """The identity of a text's meaning-bearing words: SHA-256 over its normalised parts.

    The cost and the contacts' areas count only when they say something: a text without them
    keeps the fingerprint it had before they were texts (no translation becomes outdated).
    Areas keyed by contact (``models.contact_keys``) count with their keys, in the keys' order:
    moving a contact changes nothing, changing or removing an area does. A list (the old form,
    by position) is read as migration 2000 read it."""
    parts = [normalise_for_fingerprint(p) for p in (title, summary, content)]
    if normalise_for_fingerprint(cost):
        parts.append("cost:" + normalise_for_fingerprint(cost))
    if isinstance(contact_areas, Mapping):
        keyed = sorted((str(k), normalise_for_fingerprint(a)) for k, a in contact_areas.items())
        if any(a for _k, a in keyed):
            parts.append("areas:" + "\x1e".join(f"{k}\x1d{a}" for k, a in keyed if a))
    else:
        areas = [normalise_for_fingerprint(a) for a in contact_areas]
        if any(areas):
            parts.append("areas:" + "\x1e".join(areas).rstrip("\x1e"))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


_WORD_SEPARATORS = str.maketrans({c: " " for c in "-;:,!?\n"})


def word_count(*parts: str | None) -> int:
    """Words as Integreat counts them for its machine-translation budget:
    tags stripped, entities decoded, ``- ; : , ! ?`` and line breaks as separators."""
    text = " ".join(html.unescape(_TAG.sub(" ", p)) for p in parts if p)
    return len(text.translate(_WORD_SEPARATORS).split())
