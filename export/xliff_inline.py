"""Limited HTML as XLIFF inline elements (the way back is ``xliff_inline_read``).

The offer content (paragraphs, lists, bold, italic, links, line breaks; see
``models.richtext``) goes out as inline codes a translation tool shows as tags
the translator moves but cannot break: ``<g>``/``<x>`` in XLIFF 1.2,
``<pc>``/``<ph>`` with ``<originalData>`` in XLIFF 2.0. Reading also understands
what other tools write: ``bpt``/``ept``/``ph``/``it`` with escaped native code,
``bx``/``ex``, ``sc``/``ec``, and ``mrk``/``sm``/``em`` markers (whose content is
kept). An inline element whose original markup cannot be found is an error, not
a guess.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import Element

from lxml import etree as lx  # writing: lxml keeps the XLIFF namespace as the default one

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"
HTML_NS = "http://www.w3.org/1999/xhtml"

VOID = frozenset({"br"})
# XLIFF 1.2 ctype per tag (standard values where one exists).
CTYPE = {"b": "bold", "i": "italic", "u": "underlined", "a": "link", "br": "lb"}
# XLIFF 2.0 type/subType per tag.
TYPE20 = {
    "b": ("fmt", "xlf:b"),
    "strong": ("fmt", "xlf:b"),
    "i": ("fmt", "xlf:i"),
    "em": ("fmt", "xlf:i"),
    "u": ("fmt", "xlf:u"),
    "a": ("link", None),
    "br": ("fmt", "xlf:lb"),
}


def ctype_of(tag: str) -> str:
    return CTYPE.get(tag, f"x-html-{tag}")


def tag_of_ctype(ctype: str | None) -> str | None:
    if not ctype:
        return None
    for tag, value in CTYPE.items():
        if value == ctype:
            return tag
    if ctype.startswith("x-html-"):
        return ctype[len("x-html-") :]
    return None


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)  # Node or str
    id: str = ""

    def open_markup(self) -> str:
        attrs = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in self.attrs.items())
        return f"<{self.tag}{attrs}>"

    def close_markup(self) -> str:
        return "" if self.tag in VOID else f"</{self.tag}>"


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


# Stored content is cleaned HTML (nh3): lower-case tags, double-quoted attributes, "<" and ">"
# escaped in text. Such text is read by one regular expression, about four times faster
# than html.parser; anything else (comments, bare "<", unquoted attributes) goes to html.parser.
_CLEAN_TOKEN = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9_:-]*="[^"<>]*")*)\s*(/?)>|([^<>]+)')
_CLEAN_ATTRIBUTE = re.compile(r'([a-z][a-z0-9_:-]*)="([^"]*)"')
_RAW_TEXT = frozenset({"script", "style"})  # html.parser reads their content unescaped


def _parse_clean(value: str) -> Node | None:
    """The tree of cleaned HTML, exactly as html.parser builds it; None where unsure."""
    root = Node("")
    stack = [root]
    position = 0
    for token in _CLEAN_TOKEN.finditer(value):
        if token.start() != position:
            return None
        position = token.end()
        closing, tag, attributes, self_closing, text = token.groups()
        if text is not None:
            stack[-1].children.append(html.unescape(text))
        elif tag in _RAW_TEXT:
            return None
        elif closing:
            if attributes or self_closing:
                return None
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].tag == tag:
                    del stack[depth:]
                    break
        else:
            node = Node(tag, {name: html.unescape(v) for name, v in _CLEAN_ATTRIBUTE.findall(attributes)})
            stack[-1].children.append(node)
            if not self_closing and tag not in VOID:
                stack.append(node)
    return root if position == len(value) else None


def parse_html(value: str) -> Node:
    value = value or ""
    root = _parse_clean(value)
    if root is not None:
        return root
    builder = _TreeBuilder()
    builder.feed(value)
    builder.close()
    return builder.root


def _walk(node: Node):
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from _walk(child)


def number_tags(root: Node, reference: Node | None = None) -> None:
    """Give every element an id. With ``reference`` (the source), the k-th ``<li>`` of the
    target gets the id of the k-th ``<li>`` of the source, so tools pair them."""
    by_tag: dict[str, list[str]] = {}
    used: set[str] = set()
    if reference is not None:
        for node in _walk(reference):
            by_tag.setdefault(node.tag, []).append(node.id)
            used.add(node.id)
    seen: dict[str, int] = {}
    next_id = max([int(i) for i in used if i.isdigit()] + [0]) + 1
    for node in _walk(root):
        k = seen.get(node.tag, 0)
        seen[node.tag] = k + 1
        candidates = by_tag.get(node.tag, [])
        if k < len(candidates):
            node.id = candidates[k]
        else:
            node.id = str(next_id)
            next_id += 1


def _append_text(parent: Element, last: Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


# ---------------------------------------------------------------- writing


def _fill(element, root: Node, make) -> None:
    """Write ``root``'s children into ``element``: text as text, each HTML element through
    ``make(parent, node) -> (inline element, paired?)``; paired ones get their content inside."""

    def emit(parent, node: Node) -> None:
        last = None
        for child in node.children:
            if isinstance(child, str):
                _append_text(parent, last, child)
                continue
            sub, paired = make(parent, child)
            if paired:
                emit(sub, child)
            last = sub

    emit(element, root)


def fill_12(element, root: Node) -> None:
    """XLIFF 1.2: ``<g>`` for paired tags, ``<x>`` for line breaks; attributes in the XHTML namespace."""

    def make(parent, child: Node):
        name = "x" if child.tag in VOID else "g"
        sub = lx.SubElement(parent, f"{{{XLIFF12}}}{name}", {"id": child.id, "ctype": ctype_of(child.tag)})
        for key, value in child.attrs.items():
            sub.set(f"{{{HTML_NS}}}{key}", value)
        return sub, name == "g"

    _fill(element, root, make)


class OriginalData:
    """XLIFF 2.0 ``<originalData>`` of one unit: each distinct markup once."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def ref(self, markup: str) -> str:
        if markup not in self.ids:
            self.ids[markup] = f"d{len(self.ids) + 1}"
        return self.ids[markup]

    def write(self) -> Any:
        if not self.ids:
            return None
        data = lx.Element(f"{{{XLIFF20}}}originalData")
        for markup, ref in self.ids.items():
            lx.SubElement(data, f"{{{XLIFF20}}}data", {"id": ref}).text = markup
        return data


def fill_20(element, root: Node, data: OriginalData) -> None:
    """XLIFF 2.0: ``<pc>`` for paired tags, ``<ph>`` for line breaks; the markup in ``originalData``."""

    def make(parent, child: Node):
        kind, sub_type = TYPE20.get(child.tag, ("other", None))
        if child.tag in VOID:
            attrs = {"id": child.id, "dataRef": data.ref(child.open_markup()), "type": kind}
        else:
            attrs = {
                "id": child.id,
                "dataRefStart": data.ref(child.open_markup()),
                "dataRefEnd": data.ref(child.close_markup()),
                "type": kind,
            }
        if sub_type:
            attrs["subType"] = sub_type
        name = "ph" if child.tag in VOID else "pc"
        return lx.SubElement(parent, f"{{{XLIFF20}}}{name}", attrs), name == "pc"

    _fill(element, root, make)
