"""What a flyer shows, as plain data (no database, no Qt), and the offer's HTML as
paragraphs and list items with bold runs in fpdf2's markdown."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

from models.bidi import isolate_latin_runs, isolate_value
from models.blocks import split_blocks
from models.contact_keys import KEY
from models.languages import language_info


@dataclass
class OfferTexts:
    title: str = ""
    summary: str = ""
    content: str = ""  # limited HTML
    cost: str = ""
    # each contact's area by the contact's key (models/contact_keys.py)
    contact_areas: dict[str, str] = field(default_factory=dict)


@dataclass
class FlyerData:
    """One offer with everything a flyer prints; built by ``desktop.flyers`` or by hand."""

    offer_id: int
    slug: str
    texts: dict[str, OfferTexts]
    region_name: str
    category_names: dict[str, str] = field(default_factory=dict)
    category_color: str = "#4A6FA5"
    organization_name: str = ""
    organization_logo: str | None = None
    region_logo: str | None = None
    street: str = ""
    postcode: str = ""
    town: str = ""
    contacts: list[dict] = field(default_factory=list)
    opening_hours: list[dict] | None = None
    languages_spoken: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    cost: str | None = None  # in the source language; each language's own in ``texts``
    barrier_free: bool | None = None
    appointment_url: str | None = None
    # The QR code's address; "{lang}" is replaced by the flyer's language. ``links``: the
    # address in a language where the item's path differs by language (a CMS place's slugs).
    link_template: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    category_slug: str = ""
    municipality: str = ""
    printed_on: date = field(default_factory=date.today)

    def text(self, language: str) -> OfferTexts:
        return self.texts.get(language) or OfferTexts()

    def cost_in(self, language: str) -> str:
        """The cost in ``language``'s own words, else as the source language says it (``cost``)."""
        return (self.text(language).cost or self.cost or "").strip()

    def has_own_cost(self, language: str) -> bool:
        return bool(self.text(language).cost.strip())

    def own_area(self, language: str, index: int) -> str:
        """Contact ``index``'s area in ``language``'s own words, found by the contact's key."""
        contact = self.contacts[index] if index < len(self.contacts) else {}
        key = (contact or {}).get(KEY)
        return (self.text(language).contact_areas.get(key) or "").strip() if key else ""

    def area_in(self, language: str, index: int) -> str:
        """Contact ``index``'s area of responsibility in ``language``, else in the source language."""
        contact = self.contacts[index] if index < len(self.contacts) else {}
        return self.own_area(language, index) or (contact.get("area_of_responsibility") or "").strip()

    def category(self, language: str) -> str:
        return self.category_names.get(language) or self.category_names.get("de") or ""

    def link(self, language: str) -> str | None:
        if language in self.links:
            return self.links[language]
        return self.link_template.replace("{lang}", language) if self.link_template else None


@dataclass(frozen=True)
class Paragraph:
    kind: str  # "p", "ul" or "ol"
    text: str  # fpdf2 markdown: **bold**, markers in the text escaped
    number: int = 0  # position in an ordered list


_MARKERS = re.compile(r"(\*\*|__|~~|--|\\)")


def escape_markdown(text: str) -> str:
    return _MARKERS.sub(lambda m: "\\" + m.group(0), text)


_NUMBER_RUN = re.compile(r"\+?\(?\d[\d ()/.\-–]{3,}\d")


def for_direction(language: str, text: str) -> str:
    """Text as printed: phone numbers never broken across lines; in RTL text, every
    left-to-right run (German words and addresses, prices, phone numbers, e-mails, URLs,
    times) isolated, so it reads in its own order (``models.bidi.isolate_latin_runs``)."""
    if language_info(language).is_rtl:
        text = isolate_latin_runs(text)
    return _NUMBER_RUN.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)


def isolated(text: str, language: str) -> str:
    """A value from the data (an address, a name, a cost) kept whole in its own direction
    inside right-to-left text: "Peterstraße 21, 52062 Aachen" never becomes
    "52062 Aachen ,Peterstraße 21", and "e.V." keeps its full stop at the end."""
    text = (text or "").strip()
    if text and language_info(language).is_rtl:
        return isolate_value(text)
    return text


class _InlineToMarkdown(HTMLParser):
    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.parts: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("strong", "b"):
            self.parts.append("**")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._link_text = []

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.parts.append("**")
        elif tag == "a" and self._href is not None:
            shown = "".join(self._link_text)
            target = re.sub(r"^(mailto:|tel:)", "", self._href)
            if target and target not in shown and target.rstrip("/") not in shown:
                self.parts.append(escape_markdown(for_direction(self.language, f" ({target})")))
            self._href = None

    def handle_data(self, data):
        if self._href is not None:
            self._link_text.append(data)
        self.parts.append(escape_markdown(for_direction(self.language, data)))


def inline_markdown(inner_html: str, language: str) -> str:
    parser = _InlineToMarkdown(language)
    parser.feed(inner_html)
    parser.close()
    text = "".join(parts for parts in parser.parts)
    text = re.sub(r"\*\*(\s*)\*\*", r"\1", text)  # empty bold runs
    return re.sub(r"[ \t]+", " ", text).strip()


def paragraphs(content_html: str, language: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    counters: dict[int, int] = {}
    for block in split_blocks(content_html or ""):
        text = inline_markdown(block.inner_html, language)
        if not text.replace("*", "").strip():
            continue
        number = 0
        if block.kind == "ol":
            counters[block.list_id] = counters.get(block.list_id, 0) + 1
            number = counters[block.list_id]
        out.append(Paragraph(block.kind, text, number))
    return out


def plain(text: str, language: str) -> str:
    """A plain field (title, summary, address) ready for the page."""
    return escape_markdown(for_direction(language, html.unescape(text or "").strip()))
