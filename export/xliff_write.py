"""Writing XLIFF 1.2 and 2.0 for a translation agency: one ``<file>`` per offer whose
``original`` is the offer id (as Integreat's exporter does), units ``title``, ``summary`` and
``content``. Content HTML goes out as inline elements (``xliff_inline``), language tags are BCP 47,
the direction is set (``srcDir``/``trgDir`` in 2.0, ITS ``its:dir`` in 1.2), and each unit
carries a note with its context and the glossary terms it contains.
"""

from __future__ import annotations

from lxml import etree as lx

from .xliff_inline import (
    HTML_NS,
    XLIFF12,
    XLIFF20,
    Node,
    OriginalData,
    fill_12,
    fill_20,
    number_tags,
    parse_html,
)
from .xliff_model import ITS_NS, LOTSE_NS, VERSIONS, XML_NS, Element, XFile, XUnit
from .xliff_model import q as _q

_PREFIXES: dict[str | None, str] = {"html": HTML_NS, "its": ITS_NS, "lotse": LOTSE_NS}

# Our review status -> XLIFF state of an existing target.
_STATE12 = {"approved": "final", "checked": "translated"}
_STATE20 = {"approved": "final", "checked": "reviewed"}
_NSMAP12: dict[str | None, str] = {None: XLIFF12, **_PREFIXES}  # None: the default namespace


def _content_nodes(unit: XUnit) -> tuple[Node, Node | None]:
    source = parse_html(unit.source)
    number_tags(source)
    target = None
    if unit.target is not None:
        target = parse_html(unit.target)
        number_tags(target, reference=source)
    return source, target


def _write_12(files: list[XFile], tool_version: str) -> Element:
    root = lx.Element(
        _q(XLIFF12, "xliff"),
        {"version": "1.2", _q(ITS_NS, "version"): "2.0"},
        nsmap=_NSMAP12,
    )
    for xf in files:
        attrs = {
            "original": xf.original,
            "datatype": "html",
            "source-language": xf.source_language,
            "target-language": xf.target_language,
        }
        if xf.region:
            attrs[_q(LOTSE_NS, "region")] = xf.region
        f = lx.SubElement(root, _q(XLIFF12, "file"), attrs)
        header = lx.SubElement(f, _q(XLIFF12, "header"))
        lx.SubElement(
            header,
            _q(XLIFF12, "tool"),
            {"tool-id": "lotse", "tool-name": "Lotse", "tool-version": tool_version},
        )
        body = lx.SubElement(f, _q(XLIFF12, "body"))
        for unit in xf.units:
            tu = lx.SubElement(
                body,
                _q(XLIFF12, "trans-unit"),
                {
                    "id": unit.id,
                    "resname": unit.id,
                    "restype": "x-html" if unit.rich else "string",
                    "datatype": "html" if unit.rich else "plaintext",
                    _q(XML_NS, "space"): "preserve",
                },
            )
            source = lx.SubElement(tu, _q(XLIFF12, "source"), {_q(ITS_NS, "dir"): xf.source_dir})
            # An empty target says the target language's direction before anything is translated.
            target = lx.SubElement(
                tu,
                _q(XLIFF12, "target"),
                {
                    "state": _STATE12.get(unit.review_status or "", "needs-review-translation")
                    if unit.target is not None
                    else "new",
                    _q(ITS_NS, "dir"): xf.target_dir,
                },
            )
            if unit.rich:
                source_nodes, target_nodes = _content_nodes(unit)
                fill_12(source, source_nodes)
                if target_nodes is not None:
                    fill_12(target, target_nodes)
            else:
                source.text = unit.source
                target.text = unit.target
            for note in unit.notes:
                lx.SubElement(tu, _q(XLIFF12, "note"), {"from": "Lotse", "annotates": "general"}).text = note
    return root


def _write_20(files: list[XFile], tool_version: str) -> Element:
    first = files[0]
    root = lx.Element(
        _q(XLIFF20, "xliff"),
        {"version": "2.0", "srcLang": first.source_language, "trgLang": first.target_language},
        nsmap={None: XLIFF20, "lotse": LOTSE_NS},
    )
    for xf in files:
        attrs = {
            "id": f"f{xf.original}",
            "original": xf.original,
            "srcDir": xf.source_dir,
            "trgDir": xf.target_dir,
        }
        if xf.region:
            attrs[_q(LOTSE_NS, "region")] = xf.region
        f = lx.SubElement(root, _q(XLIFF20, "file"), attrs)
        for unit in xf.units:
            u = lx.SubElement(f, _q(XLIFF20, "unit"), {"id": unit.id, "name": unit.id})
            if unit.notes:
                notes = lx.SubElement(u, _q(XLIFF20, "notes"))
                for note in unit.notes:
                    lx.SubElement(notes, _q(XLIFF20, "note"), {"category": "context"}).text = note
            data = OriginalData()
            segment = lx.Element(
                _q(XLIFF20, "segment"),
                {
                    "state": _STATE20.get(unit.review_status or "", "initial")
                    if unit.target is not None
                    else "initial"
                },
            )
            source = lx.SubElement(segment, _q(XLIFF20, "source"), {_q(XML_NS, "space"): "preserve"})
            target = (
                lx.SubElement(segment, _q(XLIFF20, "target"), {_q(XML_NS, "space"): "preserve"})
                if unit.target is not None
                else None
            )
            if unit.rich:
                source_nodes, target_nodes = _content_nodes(unit)
                fill_20(source, source_nodes, data)
                if target is not None and target_nodes is not None:
                    fill_20(target, target_nodes, data)
            else:
                source.text = unit.source
                if target is not None:
                    target.text = unit.target
            original = data.write()
            if original is not None:
                u.append(original)
            u.append(segment)
    return root


def write_xliff(files: list[XFile], version: str = "1.2", tool_version: str = "") -> bytes:
    """One XLIFF document holding ``files`` (one per offer), UTF-8 with declaration."""
    if version not in VERSIONS:
        raise ValueError(f"XLIFF version must be one of {VERSIONS}, not {version!r}")
    if not files:
        raise ValueError("nothing to write")
    if version == "2.0" and len({(f.source_language, f.target_language) for f in files}) > 1:
        raise ValueError("an XLIFF 2.0 document has one source and one target language")
    root = _write_12(files, tool_version) if version == "1.2" else _write_20(files, tool_version)
    _indent(root)
    written: bytes = lx.tostring(root, encoding="UTF-8", xml_declaration=True)
    return written + b"\n"


_AS_IS = frozenset({"source", "target", "note", "data", "seg-source"})


def _indent(element: Element, level: int = 0) -> None:
    """Indent structure elements only: the text of sources and targets stays exactly as it is."""
    if element.tag.rsplit("}", 1)[-1] in _AS_IS:
        return
    children = list(element)
    if not children:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in children:
        if len(child):  # a call per element with children only (a region has ~10 per offer)
            _indent(child, level + 1)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level
