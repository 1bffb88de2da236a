"""HTML split into sentence segments to send, with markup and protected values kept
aside as placeholders, and put back together after translation.

A field (title, summary or one content block) becomes a :class:`Template`: literal
pieces (whitespace between sentences) and :class:`Segment`s. Each segment's ``masked``
text is what a service sees, with placeholders ⟦1⟧, ⟦2⟧ … numbered inside the segment,
so the same sentence gives the same masked text wherever it stands (one memory entry).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from models.blocks import Block, join_blocks, split_blocks
from models.contact_keys import stored_areas
from models.richtext import word_count

from .memory import memory_key
from .protect import find_protected

TOKEN = re.compile(r"⟦\s*(\d+)\s*⟧")
_TAG = re.compile(r"<[^>]+>")
_ABBREVIATIONS = {
    "z",
    "b",
    "bzw",
    "ca",
    "nr",
    "tel",
    "str",
    "dr",
    "fr",
    "hr",
    "u",
    "a",
    "usw",
    "etc",
    "inkl",
    "ggf",
    "evtl",
    "mo",
    "di",
    "mi",
    "do",
    "sa",
    "so",
    "jan",
    "feb",
    "mär",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "okt",
    "nov",
    "dez",
    "abs",
    "vgl",
    "bspw",
    "d",
    "h",
    "i",
    "e",
    "s",
    "o",
    "m",
    "prof",
    "st",
    "max",
    "min",
    "std",
}
_SENTENCE_END = re.compile(r"([.!?…]+(?:[\"“”»«')\]]|⟦\d+⟧)*)(\s+)")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Placeholder:
    kind: str  # tag, url, email, phone, time, date, price, term
    source: str  # as it stands in the source (plain text, or the tag)
    target_html: str  # what goes back into the translation (HTML)


@dataclass
class Segment:
    """One sentence to send. What is derived from it is computed once (a batch asks for a
    segment's memory key and words several times: planning, sending, storing)."""

    masked: str  # text sent, placeholders numbered from 1
    placeholders: list[Placeholder]  # ⟦i⟧ is placeholders[i-1]
    source_html: str  # this sentence of the source, as HTML

    @cached_property
    def needs_translation(self) -> bool:
        return bool(_LETTER.search(TOKEN.sub("", self.masked)))

    @cached_property
    def plain_source(self) -> str:
        """The sentence as a person reads it (placeholders filled with the source values)."""
        return TOKEN.sub(lambda m: self._source_value(int(m.group(1))), self.masked)

    @cached_property
    def key(self) -> str:
        """Its translation memory key (:func:`memory.memory_key` of the masked text)."""
        return memory_key(self.masked)

    @cached_property
    def words(self) -> int:
        """Its words as a budget counts them."""
        return word_count(self.plain_source)

    def _source_value(self, number: int) -> str:
        p = self.placeholders[number - 1] if 0 < number <= len(self.placeholders) else None
        return "" if p is None or p.kind == "tag" else p.source


@dataclass
class Restored:
    html: str
    damaged: list[str] = field(default_factory=list)  # source values of placeholders lost or doubled


def restore(segment: Segment, translated: str) -> Restored:
    """Put the placeholders' values back into a translated segment; report damage."""
    found = [int(n) for n in TOKEN.findall(translated)]
    expected = range(1, len(segment.placeholders) + 1)
    damaged = [segment.placeholders[n - 1].source for n in expected if found.count(n) != 1]
    damaged += [f"⟦{n}⟧" for n in set(found) if n not in expected]
    escaped = html.escape(translated, quote=False)

    def value(m: re.Match) -> str:
        n = int(m.group(1))
        return segment.placeholders[n - 1].target_html if 0 < n <= len(segment.placeholders) else ""

    return Restored(TOKEN.sub(value, escaped), damaged)


@dataclass
class Template:
    parts: list[str | Segment]

    @property
    def segments(self) -> list[Segment]:
        return [p for p in self.parts if isinstance(p, Segment)]

    def fill(self, translations: dict[int, str]) -> str:
        """HTML from the parts, segment i (by position in ``segments``) replaced by translations[i]."""
        out, index = [], 0
        for part in self.parts:
            if isinstance(part, Segment):
                out.append(translations.get(index, part.source_html))
                index += 1
            else:
                out.append(part)
        return "".join(out)


def _mask(inner_html: str, terms) -> tuple[str, list[Placeholder]]:
    """Masked plain text for a piece of HTML, placeholders numbered across the piece."""
    placeholders: list[Placeholder] = []
    out: list[str] = []

    def add(p: Placeholder) -> str:
        placeholders.append(p)
        return f"⟦{len(placeholders)}⟧"

    position = 0
    for m in _TAG.finditer(inner_html):
        out.append(_mask_text(html.unescape(inner_html[position : m.start()]), terms, add))
        tag = m.group(0)
        out.append(add(Placeholder("tag", tag, tag)))
        position = m.end()
    out.append(_mask_text(html.unescape(inner_html[position:]), terms, add))
    return "".join(out), placeholders


def _mask_text(text: str, terms, add) -> str:
    out, position = [], 0
    for match in find_protected(text, terms):
        out.append(text[position : match.start])
        target = match.replacement if match.replacement is not None else match.value
        out.append(add(Placeholder(match.kind, match.value, html.escape(target, quote=False))))
        position = match.end
    out.append(text[position:])
    return "".join(out)


def _split_points(masked: str) -> list[tuple[int, int]]:
    """(end of sentence, start of next) positions in a masked string."""
    points = []
    for m in _SENTENCE_END.finditer(masked):
        end, start = m.end(1), m.end(2)
        before = masked[: m.start(1)]
        word = re.search(r"(\w+)$", before)
        following = masked[start : start + 1]
        if (
            word
            and (word.group(1).lower() in _ABBREVIATIONS or word.group(1).isdigit())
            and m.group(1) == "."
        ):
            continue
        if following and following.islower():
            continue
        points.append((end, start))
    return points


def _renumber(text: str, placeholders: list[Placeholder]) -> tuple[str, list[Placeholder]]:
    local: list[Placeholder] = []

    def number(m: re.Match) -> str:
        local.append(placeholders[int(m.group(1)) - 1])
        return f"⟦{len(local)}⟧"

    return TOKEN.sub(number, text), local


def _segment_html(segment_masked: str, placeholders: list[Placeholder]) -> str:
    escaped = html.escape(segment_masked, quote=False)
    return TOKEN.sub(
        lambda m: (
            html.escape(placeholders[int(m.group(1)) - 1].source, quote=False)
            if placeholders[int(m.group(1)) - 1].kind != "tag"
            else placeholders[int(m.group(1)) - 1].source
        ),
        escaped,
    )


def template(inner_html: str, terms=()) -> Template:
    """Split one field or block into sentences to translate and what lies between them."""
    masked, placeholders = _mask(inner_html, terms)
    parts: list[str | Segment] = []
    position = 0
    pieces = []
    for end, start in _split_points(masked) + [(len(masked), len(masked))]:
        pieces.append((masked[position:end], masked[end:start]))
        position = start
    for sentence, gap in pieces:
        stripped = sentence.strip()
        if stripped:
            lead = sentence[: len(sentence) - len(sentence.lstrip())]
            trail = sentence[len(sentence.rstrip()) :]
            if lead:
                parts.append(lead)
            local_text, local = _renumber(stripped, placeholders)
            parts.append(Segment(local_text, local, _segment_html(local_text, local)))
            if trail:
                parts.append(trail)
        elif sentence:
            parts.append(sentence)
        if gap:
            parts.append(gap)
    return Template(parts)


def plain_template(text: str, terms=()) -> Template:
    """A plain-text field (title, summary): escaped to HTML first, unescaped on the way out."""
    return template(html.escape(text or "", quote=False), terms)


@dataclass
class TextTemplates:
    """A whole text: title, summary, each content block, the cost and each contact's area."""

    title: Template
    summary: Template
    blocks: list[Block]
    contents: list[Template]
    cost: Template = field(default_factory=lambda: Template([]))
    areas: dict[str, Template] = field(default_factory=dict)  # by contact key

    def all(self) -> list[tuple[str, Template]]:
        return (
            [("title", self.title), ("summary", self.summary)]
            + [(f"content:{i}", t) for i, t in enumerate(self.contents)]
            + [("cost", self.cost)]
            + [(f"area:{k}", t) for k, t in self.areas.items()]
        )

    def build(self, filled: dict[str, str]) -> dict[str, Any]:
        """title, summary, cost, areas (plain) and content (HTML) from each part's filled HTML."""
        blocks = [
            Block(b.kind, filled.get(f"content:{i}", b.inner_html), b.list_id)
            for i, b in enumerate(self.blocks)
        ]
        return {
            "title": html.unescape(filled.get("title", "")),
            "summary": html.unescape(filled.get("summary", "")),
            "content": join_blocks(blocks),
            "cost": html.unescape(filled.get("cost", "")),
            "contact_areas": {k: html.unescape(filled.get(f"area:{k}", "")) for k in self.areas},
        }


def text_templates(
    title: str, summary: str, content: str, terms=(), cost: str = "", areas: Mapping[str, str] | None = None
) -> TextTemplates:
    blocks = split_blocks(content or "")
    return TextTemplates(
        plain_template(title, terms),
        plain_template(summary, terms),
        blocks,
        [template(b.inner_html, terms) for b in blocks],
        plain_template(cost, terms),
        {key: plain_template(area, terms) for key, area in stored_areas(areas).items()},
    )


def templates_of(values: Mapping[str, Any], terms=()) -> TextTemplates:
    """The templates of a text given as its stored values (title, summary, content, cost, areas)."""
    return text_templates(
        values.get("title") or "",
        values.get("summary") or "",
        values.get("content") or "",
        terms,
        values.get("cost") or "",
        stored_areas(values.get("contact_areas")),
    )
