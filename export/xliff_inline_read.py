"""XLIFF inline elements back to limited HTML: what the markup of each ``<g>``, ``<x>``, ``<pc>``,
``<ph>``, ``bpt``/``ept`` … stands for (:class:`InlineCodes`), the HTML of a source or target, and
the checks that compare a target's tags with its source's (ids, kinds, pairs, markup types).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from xml.etree.ElementTree import Element

from .xliff_inline import HTML_NS, Node, tag_of_ctype


class InlineError(ValueError):
    pass


_MARKUP = re.compile(r"</?(p|br|strong|b|em|i|u|ul|ol|li|a|div|span|h[1-6])\b[^>]*>", re.IGNORECASE)


def looks_like_markup(text: str) -> bool:
    """Integreat and some tools put HTML as escaped text (CDATA) into source and target."""
    return bool(_MARKUP.search(text or ""))


@lru_cache(maxsize=512)  # a file uses a few dozen names, each met thousands of times
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# Inline elements by name in any namespace: lxml's ``iter`` finds them in C and skips the rest.
INLINE_NAMES = ("g", "pc", "x", "ph", "bx", "ex", "bpt", "ept", "it", "sc", "ec")
INLINE_TAGS = tuple(f"{{*}}{name}" for name in INLINE_NAMES)


_HTML_ATTRIBUTE = f"{{{HTML_NS}}}"


@lru_cache(maxsize=4096)  # a region's thousands of <g> elements carry a few hundred distinct attribute sets
def _native_markup(name: str, items: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The HTML a <g>/<x>/<bx>/<ex> stands for, from its attributes: ctype and the html: ones."""
    ctype = None
    attrs = {}
    for key, value in items:
        if key == "ctype":
            ctype = value
        elif key.startswith(_HTML_ATTRIBUTE):
            attrs[key[len(_HTML_ATTRIBUTE) :]] = value
    tag = tag_of_ctype(ctype)
    if tag is None:
        return None
    node = Node(tag, attrs)
    if name == "ex":
        return node.close_markup(), ""
    return node.open_markup(), node.close_markup()


@dataclass
class InlineCodes:
    """What the inline elements of one unit stand for: id -> (open markup, close markup)."""

    paired: dict[str, tuple[str, str]] = field(default_factory=dict)
    single: dict[str, str] = field(default_factory=dict)
    # (element, id) -> markup as the source has it: bpt and ept share an id but not their markup
    by_element: dict[tuple[str, str], str] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)  # XLIFF 2.0 originalData

    def learn(self, element: Element) -> None:
        """Remember the markup of every inline element below ``element`` (the source)."""
        for sub in element.iter(*INLINE_TAGS):
            name, ident = _local(sub.tag), sub.get("id")
            if ident is None:
                continue
            markup = self._markup_of(sub)
            if markup is None:
                continue
            if name in ("g", "pc"):
                self.paired.setdefault(ident, markup)
            else:
                self.single.setdefault(ident, markup[0])
                self.by_element.setdefault((name, ident), markup[0])

    def _markup_of(self, sub: Element) -> tuple[str, str] | None:
        name = _local(sub.tag)
        if name in ("g", "x", "bx", "ex"):
            return _native_markup(name, tuple(sub.items()))
        if name == "pc":
            start, end = sub.get("dataRefStart"), sub.get("dataRefEnd")
            if start in self.data and end in self.data:
                return self.data[start], self.data[end]
            return None
        if name in ("ph", "sc", "ec"):
            ref = sub.get("dataRef")
            if ref in self.data:
                return self.data[ref], ""
            if name == "ph" and "".join(sub.itertext()):  # XLIFF 1.2 ph: native code as text
                return "".join(sub.itertext()), ""
            return None
        if name in ("bpt", "ept", "it"):
            return "".join(sub.itertext()), ""
        return None

    def changed_types(self, target: Element) -> list[str]:
        """Inline elements of the target whose markup differs from the source's element of the
        same id (``<g id="1">`` a paragraph in the source, a link in the target): the ids alone
        match, the tags do not."""
        changed = []
        for sub in target.iter(*INLINE_TAGS):
            name, ident = _local(sub.tag), sub.get("id")
            if ident is None:
                continue
            paired = name in ("g", "pc")
            known = self.paired.get(ident) if paired else self.by_element.get((name, ident))
            if known is None:
                continue
            own = self._markup_of(sub)
            if own is not None and (own if paired else own[0]) != known:
                was = known[0] if paired else known
                changed.append(f"{ident}: {was} → {own[0]}")
        return changed

    def resolve_paired(self, sub: Element) -> tuple[str, str]:
        # the source's markup for a known id: a target cannot turn a paragraph into a link
        ident = sub.get("id", "")
        if ident in self.paired:
            return self.paired[ident]
        own = self._markup_of(sub)
        if own is not None:
            return own
        raise InlineError(f'inline element <{_local(sub.tag)} id="{ident}"> has no original markup')

    def resolve_single(self, sub: Element) -> str:
        ident = sub.get("id", "")
        known = self.by_element.get((_local(sub.tag), ident))
        if known is not None:
            return known
        own = self._markup_of(sub)
        if own is not None:
            return own[0]
        if ident in self.single:  # defined once for the file (Trados' tag-defs)
            return self.single[ident]
        raise InlineError(f'inline element <{_local(sub.tag)} id="{ident}"> has no original markup')


def _escape(value: str) -> str:
    """``html.escape(value, quote=False)``, without the three replacements most texts do not need."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


_SINGLE = frozenset({"x", "ph", "bx", "ex", "bpt", "ept", "it", "sc", "ec"})


def to_html(element: Element | None, codes: InlineCodes) -> str:
    """The HTML of a ``<source>``/``<target>``: text escaped, inline elements as their markup."""
    if element is None:
        return ""
    out: list[str] = []
    append = out.append

    def walk(node: Element) -> None:
        if node.text:
            append(_escape(node.text))
        for sub in node:
            name = _local(sub.tag)
            if name == "g" or name == "pc":
                start, end = codes.resolve_paired(sub)
                append(start)
                walk(sub)
                append(end)
            elif name in _SINGLE:
                append(codes.resolve_single(sub))
            elif name == "mrk" or name == "sub":
                walk(sub)
            elif name == "sm" or name == "em":
                pass  # XLIFF 2.0 annotation markers: nothing to keep
            else:
                raise InlineError(f"unexpected element <{name}> inside a text")
            if sub.tail:
                append(_escape(sub.tail))

    walk(element)
    return "".join(out)


def plain_text(element: Element | None) -> str:
    """The text of an element, inline codes dropped (for titles and summaries)."""
    if element is None:
        return ""
    parts: list[str] = []

    def walk(node: Element) -> None:
        if node.text:
            parts.append(node.text)
        for sub in node:
            if _local(sub.tag) in ("g", "pc", "mrk", "sub"):
                walk(sub)
            if sub.tail:
                parts.append(sub.tail)

    walk(element)
    return "".join(parts)


def tag_signature(element: Element | None) -> list[tuple[str, str]]:
    """(kind, id) of every inline element, in order; used to compare target with source."""
    if element is None:
        return []
    signature = []
    for sub in element.iter(*INLINE_TAGS):
        name = _local(sub.tag)
        kind = _KIND.get(name, name)
        ident = sub.get("rid") or sub.get("startRef") or sub.get("id") or ""
        signature.append((kind, ident))
    return signature


_KIND = {"bx": "bpt", "sc": "bpt", "ex": "ept", "ec": "ept"}


def unbalanced(element: Element | None, signature: list[tuple[str, str]] | None = None) -> list[str]:
    """Ids of begin/end codes (bpt/ept, bx/ex, sc/ec) that have no partner (``signature``: the
    element's :func:`tag_signature` when the caller has it already)."""
    open_ids: list[str] = []
    problems: list[str] = []
    for kind, ident in tag_signature(element) if signature is None else signature:
        if kind == "bpt":
            open_ids.append(ident)
        elif kind == "ept":
            if ident in open_ids:
                open_ids.remove(ident)
            else:
                problems.append(ident)
    return problems + open_ids
