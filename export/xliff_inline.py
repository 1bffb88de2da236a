"""Limited HTML as XLIFF inline elements, and back.

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
from functools import lru_cache
from html.parser import HTMLParser
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

    def write(self):
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


# ---------------------------------------------------------------- reading


class InlineError(ValueError):
    pass


_MARKUP = re.compile(r"</?(p|br|strong|b|em|i|u|ul|ol|li|a|div|span|h[1-6])\b[^>]*>", re.IGNORECASE)


def looks_like_markup(text: str) -> bool:
    """Integreat and some tools put HTML as escaped text (CDATA) into source and target."""
    return bool(_MARKUP.search(text or ""))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_HTML_ATTRIBUTE = f"{{{HTML_NS}}}"


@lru_cache(maxsize=1024)  # a region's thousands of <g> elements carry a few dozen distinct markups
def _native_markup(
    name: str, ctype: str | None, attrs: tuple[tuple[str, str], ...]
) -> tuple[str, str] | None:
    """The HTML a <g>/<x>/<bx>/<ex> stands for, from its ctype and its html: attributes."""
    tag = tag_of_ctype(ctype)
    if tag is None:
        return None
    node = Node(tag, dict(attrs))
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
        for sub in element.iter():
            name, ident = _local(sub.tag), sub.get("id")
            if ident is None:
                continue
            if name in ("g", "pc", "x", "ph", "bx", "ex", "bpt", "ept", "it", "sc", "ec"):
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
            attrs = tuple((_local(k), v) for k, v in sub.attrib.items() if k.startswith(_HTML_ATTRIBUTE))
            return _native_markup(name, sub.get("ctype"), attrs)
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
        for sub in target.iter():
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


def to_html(element: Element | None, codes: InlineCodes) -> str:
    """The HTML of a ``<source>``/``<target>``: text escaped, inline elements as their markup."""
    if element is None:
        return ""
    out: list[str] = []

    def text(value: str | None) -> None:
        if value:
            out.append(html.escape(value, quote=False))

    def walk(node: Element) -> None:
        text(node.text)
        for sub in node:
            name = _local(sub.tag)
            if name in ("g", "pc"):
                start, end = codes.resolve_paired(sub)
                out.append(start)
                walk(sub)
                out.append(end)
            elif name in ("x", "ph", "bx", "ex", "bpt", "ept", "it", "sc", "ec"):
                out.append(codes.resolve_single(sub))
            elif name in ("mrk", "sub"):
                walk(sub)
            elif name in ("sm", "em"):
                pass  # XLIFF 2.0 annotation markers: nothing to keep
            else:
                raise InlineError(f"unexpected element <{name}> inside a text")
            text(sub.tail)

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
    for sub in element.iter():
        name = _local(sub.tag)
        if name in ("g", "pc", "x", "ph", "bx", "ex", "bpt", "ept", "it", "sc", "ec"):
            kind = {"bx": "bpt", "sc": "bpt", "ex": "ept", "ec": "ept"}.get(name, name)
            ident = sub.get("rid") or sub.get("startRef") or sub.get("id") or ""
            signature.append((kind, ident))
    return signature


def unbalanced(element: Element | None) -> list[str]:
    """Ids of begin/end codes (bpt/ept, bx/ex, sc/ec) that have no partner."""
    open_ids: list[str] = []
    problems: list[str] = []
    for kind, ident in tag_signature(element):
        if kind == "bpt":
            open_ids.append(ident)
        elif kind == "ept":
            if ident in open_ids:
                open_ids.remove(ident)
            else:
                problems.append(ident)
    return problems + open_ids
