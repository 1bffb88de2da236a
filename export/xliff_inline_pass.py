"""A unit's ``<source>`` and ``<target>`` read in one pass: the HTML, the tag signature and what
the source's codes stand for (or the target's changed types) together, where that gives exactly
what the step-by-step functions of :mod:`export.xliff_inline_read` give; anything else is handed
over to them.

The common case does not walk lxml elements at all: the element is serialised once (in C) and
cut at its tags with a regular expression. The text between tags is then already escaped as
:func:`~export.xliff_inline_read.to_html` escapes it, and each distinct tag (``<g id="1"
ctype="x-html-p">`` recurs thousands of times in a region) is parsed once and remembered. A text
the cutting cannot read as the walk would (a character reference, a code with content, a marker
with content, an unknown element) is read by walking its elements, and a text the walk leaves
(codes resolved by a later code, elements inside a single code) by the steps.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import unescape

from lxml import etree

from .xliff_inline_read import (
    _KIND,
    _SINGLE,
    InlineCodes,
    InlineError,
    _escape,
    _local,
    _native_markup,
    tag_signature,
    to_html,
)

__all__ = ["source_html", "target_html"]

Element = Any  # an lxml element


class _Unusual(Exception):
    """A text the one pass leaves to the step-by-step functions."""


class _Uncut(Exception):
    """A text the serialised pass leaves to the walk over its elements."""


_PAIRED = frozenset({"g", "pc"})
_NATIVE = frozenset({"g", "x", "bx", "ex"})  # markup from the element's own attributes
_MARKERS = frozenset({"mrk", "sub"})  # walked into: their text is kept
_EMPTY_MARKERS = frozenset({"sm", "em"})  # XLIFF 2.0 annotation markers: nothing to keep

# What a tag of the serialised text is to the pass.
_OPEN, _EMPTY_PAIR, _SINGLE_CODE, _ENTER, _SKIP = range(5)


class _Code:
    """An inline element as the one pass needs it: its name, id, signature entry, and its markup
    where that depends on the element alone (``<g>``/``<x>``/``<bx>``/``<ex>``)."""

    __slots__ = ("element", "name", "kind", "ident", "identity", "native")

    def __init__(self, name: str, kind: int, get: Callable[..., Any], items: Callable[[], Any], element: Any):
        self.name, self.kind = name, kind
        self.ident: str | None = get("id")
        self.identity = (_KIND.get(name, name), get("rid") or get("startRef") or self.ident or "")
        if name in _NATIVE:
            self.native = _native_markup(name, tuple(items()))
            self.element = None
        else:  # pc, ph, bpt …: markup from originalData or the element's text (InlineCodes)
            self.native = None
            self.element = element

    @classmethod
    def of(cls, sub: Element, name: str, kind: int = _OPEN) -> _Code:
        return cls(name, kind, sub.get, sub.items, sub)

    def markup(self, codes: InlineCodes) -> tuple[str, str] | None:
        return self.native if self.element is None else codes._markup_of(self.element)


def _walk_once(element: Element, visit: Callable[[_Code], Any]) -> str:
    """The HTML of ``element`` in one walk over its elements, ``visit(code)`` returning each inline
    element's markup (a pair for ``g``/``pc``); _Unusual where the steps of :func:`to_html`,
    :func:`tag_signature` and :meth:`InlineCodes.learn` would see different elements (anything
    inside a single code or a marker, an unknown element)."""
    out: list[str] = []
    append = out.append

    def walk(node: Element) -> None:
        if node.text:
            append(_escape(node.text))
        for sub in node:
            name = _local(sub.tag)
            if name in _PAIRED:
                start, end = visit(_Code.of(sub, name))
                append(start)
                walk(sub)
                append(end)
            elif name in _SINGLE:
                if len(sub):
                    raise _Unusual
                append(visit(_Code.of(sub, name)))
            elif name in _MARKERS:
                walk(sub)
            elif name in _EMPTY_MARKERS and not len(sub):
                pass
            else:
                raise _Unusual
            if sub.tail:
                append(_escape(sub.tail))

    walk(element)
    return "".join(out)


_TAG = re.compile(r"(<[^>]*>)")  # lxml escapes "<" and ">" inside attribute values
_NAME = re.compile(r"<([^\s/>]+)")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_UNREADABLE = object()
_XML_NS = "http://www.w3.org/XML/1998/namespace"
# Distinct tags per set of namespaces (the serialised root's start tag declares those the tag's
# prefixes refer to). Bounded: a region's links make thousands of distinct tags.
_CODES: dict[tuple[Any, str], Any] = {}
_CODES_KEPT = 4096


# A start tag as lxml writes it: double-quoted attributes, "<" and ">" and '"' escaped in values.
_START = re.compile(r'<(?:([\w.-]+):)?([\w.-]+)((?:\s+[\w.:-]+="[^"]*")*)\s*(/?)>\Z')
_ATTRIBUTE = re.compile(r'([\w.:-]+)="([^"]*)"')
_VALUE_ENTITIES = {"&quot;": '"', "&apos;": "'"}
# A serialised root's start tag -> (the namespaces it declares, the key its tags are kept under).
_ROOTS: dict[str, tuple[Any, Any]] = {}


def _root(root: str) -> tuple[Any, Any]:
    found = _ROOTS.get(root)
    if found is None:
        name = _NAME.match(root)
        spaces: Any = _UNREADABLE
        try:
            spaces = etree.fromstring(f"{root}</{name.group(1)}>", _PARSER).nsmap if name else _UNREADABLE
        except etree.XMLSyntaxError:
            pass
        # A tag reads the same under every root declaring the same namespaces (a unit's <source>
        # and <target>): kept once for both, so a link's tag is read once per unit, not twice.
        key = root if spaces is _UNREADABLE else tuple(sorted(spaces.items(), key=repr))
        if len(_ROOTS) >= 64:
            _ROOTS.clear()
        found = _ROOTS[root] = (spaces, key)
    return found


def _namespaces(root: str) -> Any:
    return _root(root)[0]


def _tag_code(root: str, tag: str) -> Any:
    """The :class:`_Code` of one start tag, or _UNREADABLE where the pass cannot take it. A
    ``<g>``/``<x>``/``<bx>``/``<ex>`` or marker is read from the tag's text; anything else, and
    any tag declaring a namespace, through lxml (the element is then kept for its markup)."""
    found = _START.match(tag)
    if found is None or "xmlns" in tag:
        return _parsed_tag_code(root, tag)
    prefix, local, attributes, empty = found.groups()
    namespaces = _namespaces(root)
    if namespaces is _UNREADABLE or (prefix is not None and prefix not in namespaces):
        return _UNREADABLE
    if local in _NATIVE:
        kind = _EMPTY_PAIR if empty and local == "g" else _OPEN if local == "g" else _SINGLE_CODE
        if local != "g" and not empty:
            return _UNREADABLE  # a code with content: the walk decides
        items: dict[str, str] = {}
        for name, value in _ATTRIBUTE.findall(attributes):
            if ":" in name:
                space, _colon, name = name.partition(":")
                uri = _XML_NS if space == "xml" else namespaces.get(space)
                if uri is None:
                    return _UNREADABLE
                name = f"{{{uri}}}{name}"
            items[name] = unescape(value, _VALUE_ENTITIES) if "&" in value else value
        return _Code(local, kind, items.get, items.items, None)
    if local in _MARKERS:
        return _Code(local, _SKIP if empty else _ENTER, {}.get, {}.items, None)
    if local in _EMPTY_MARKERS and empty:
        return _Code(local, _SKIP, {}.get, {}.items, None)
    return _parsed_tag_code(root, tag)


def _parsed_tag_code(root: str, tag: str) -> Any:
    """:func:`_tag_code` through lxml: the tag parsed inside its serialised root."""
    name = _NAME.match(root)
    own = _NAME.match(tag)
    if name is None or own is None:
        return _UNREADABLE
    empty = tag.endswith("/>")
    try:
        sub = etree.fromstring(
            f"{root}{tag}{'' if empty else f'</{own.group(1)}>'}</{name.group(1)}>", _PARSER
        )[0]
    except (etree.XMLSyntaxError, IndexError):
        return _UNREADABLE
    if not isinstance(sub.tag, str):  # a comment or processing instruction
        return _UNREADABLE
    local = _local(sub.tag)
    if local in _PAIRED:
        return _Code.of(sub, local, _EMPTY_PAIR if empty else _OPEN)
    if local in _SINGLE and empty:  # a code with content: its text may be its markup (walk)
        return _Code.of(sub, local, _SINGLE_CODE)
    if local in _MARKERS:
        return _Code.of(sub, local, _SKIP if empty else _ENTER)
    if local in _EMPTY_MARKERS and empty:
        return _Code.of(sub, local, _SKIP)
    return _UNREADABLE


def _cut_once(element: Element, visit: Callable[[_Code], Any]) -> str:
    """What :func:`_walk_once` gives, from the serialised element; _Uncut where it cannot."""
    text = etree.tostring(element, encoding=str, with_tail=False)
    if "&#" in text:  # a character reference ("\r" in a text): the walk's escaping differs
        raise _Uncut
    parts = _TAG.split(text)
    root = parts[1]
    if root.endswith("/>"):
        return ""
    out: list[str] = []
    append = out.append
    ends: list[str] = []
    codes = _CODES
    spaces = _root(root)[1]
    for index in range(2, len(parts) - 2):
        part = parts[index]
        if not index & 1:
            if part:
                append(part)  # text, escaped by lxml as _escape escapes it
        elif part[1] == "/":
            append(ends.pop())
        else:
            key = (spaces, part)
            code = codes.get(key)
            if code is None:
                if len(codes) >= _CODES_KEPT:
                    codes.clear()
                code = codes[key] = _tag_code(root, part)
            if code is _UNREADABLE:
                raise _Uncut
            kind = code.kind
            if kind == _OPEN:
                start, end = visit(code)
                append(start)
                ends.append(end)
            elif kind == _SINGLE_CODE:
                append(visit(code))
            elif kind == _EMPTY_PAIR:
                start, end = visit(code)
                append(start)
                append(end)
            elif kind == _ENTER:
                ends.append("")
    return "".join(out)


def _once(element: Element, visit: Callable[[_Code], Any], reset: Callable[[], None]) -> str:
    try:
        return _cut_once(element, visit)
    except _Uncut:
        reset()
        return _walk_once(element, visit)


def source_html(source: Element, codes: InlineCodes) -> tuple[str, list[tuple[str, str]]]:
    """``codes.learn(source)``, then ``to_html(source, codes)`` and ``tag_signature(source)``, in
    one pass where the result is the same: an element is learnt before it is resolved, and what
    was learnt before it in document order is all a known id can resolve to (the first one wins;
    a pass started again learns nothing new)."""
    signature: list[tuple[str, str]] = []
    paired, single, by_element = codes.paired, codes.single, codes.by_element

    def visit(code: _Code) -> str | tuple[str, str]:
        signature.append(code.identity)
        ident = code.ident
        if ident is None:
            raise _Unusual
        markup = code.markup(codes)
        if code.name in _PAIRED:
            if markup is not None:
                paired.setdefault(ident, markup)
            found = paired.get(ident)
            if found is None:
                raise _Unusual
            return found
        if markup is not None:
            single.setdefault(ident, markup[0])
            by_element.setdefault((code.name, ident), markup[0])
        known = by_element.get((code.name, ident))
        if known is None:
            raise _Unusual
        return known

    try:
        return _once(source, visit, signature.clear), signature
    except _Unusual:
        codes.learn(source)  # again from the start: learning keeps the first markup of an id
        return to_html(source, codes), tag_signature(source)


def target_html(
    target: Element, codes: InlineCodes
) -> tuple[str | None, InlineError | None, list[tuple[str, str]], list[str]]:
    """For a target against the learnt source: its HTML (None and the error where an inline
    element has no markup), :func:`tag_signature` and :meth:`InlineCodes.changed_types`, in one
    pass where that gives the same as the three."""
    signature: list[tuple[str, str]] = []
    changed: list[str] = []

    def reset() -> None:
        signature.clear()
        changed.clear()

    def visit(code: _Code) -> str | tuple[str, str]:
        signature.append(code.identity)
        ident, name = code.ident, code.name
        paired = name in _PAIRED
        own = None
        if ident is not None:
            known = codes.paired.get(ident) if paired else codes.by_element.get((name, ident))
            if known is not None:
                own = code.markup(codes)
                if own is not None and (own if paired else own[0]) != known:
                    changed.append(f"{ident}: {known[0] if paired else known} → {own[0]}")
        # as InlineCodes.resolve_paired / resolve_single; where they raise, the steps say why
        key = ident or ""
        if paired:
            found = codes.paired.get(key)
            if found is not None:
                return found
            own = own or code.markup(codes)
            if own is None:
                raise _Unusual
            return own
        single = codes.by_element.get((name, key))
        if single is not None:
            return single
        own = own or code.markup(codes)
        if own is not None:
            return own[0]
        single = codes.single.get(key)
        if single is None:
            raise _Unusual
        return single

    try:
        return _once(target, visit, reset), None, signature, changed
    except _Unusual:
        signature, changed = tag_signature(target), codes.changed_types(target)
        try:
            return to_html(target, codes), None, signature, changed
        except InlineError as exc:
            return None, exc, signature, changed
