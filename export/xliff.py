"""XLIFF 1.2 and 2.0: writing offers for a translation agency, reading what comes back.

Pure format code (no database, no Qt). One ``<file>`` per offer whose ``original``
is the offer id (as Integreat's exporter does), with units ``title``, ``summary``
and ``content``. Content HTML goes out as inline elements (see ``xliff_inline``),
the language tags are BCP 47, the direction is set (``srcDir``/``trgDir`` in 2.0,
ITS ``its:dir`` in 1.2), and each unit carries a note with its context and the
glossary terms it contains.

Reading accepts 1.2 (and 1.1) and 2.0 as written by Lotse, Integreat (HTML as
CDATA text), memoQ, Trados and OmegaT (segment markers, groups, several segments
per unit). XML is parsed without DTDs or entities (``safe_input.parse_xml``).
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from lxml import etree as lx

from models.i18n import N_

from .safe_input import InputRejected, parse_xml
from .xliff_inline import (
    HTML_NS,
    XLIFF12,
    XLIFF20,
    InlineCodes,
    InlineError,
    OriginalData,
    fill_12,
    fill_20,
    looks_like_markup,
    number_tags,
    parse_html,
    tag_signature,
    to_html,
    unbalanced,
)

ITS_NS = "http://www.w3.org/2005/11/its"
LOTSE_NS = "urn:lotse:xliff:1"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XLIFF11 = "urn:oasis:names:tc:xliff:document:1.1"
VERSIONS = ("1.2", "2.0")
FIELDS = ("title", "summary", "content")
# Unit names other tools (and Integreat's older exports) use for our fields.
FIELD_ALIASES = {
    "title": "title",
    "summary": "summary",
    "excerpt": "summary",
    "content": "content",
    "body": "content",
    "text": "content",
}

_PREFIXES = {"html": HTML_NS, "its": ITS_NS, "lotse": LOTSE_NS}

# Our review status -> XLIFF state of an existing target.
_STATE12 = {"approved": "final", "checked": "translated"}
_STATE20 = {"approved": "final", "checked": "reviewed"}


@dataclass
class XUnit:
    id: str
    source: str  # HTML for content, plain text otherwise (writing); HTML-escaped text (reading)
    target: str | None = None
    notes: list[str] = field(default_factory=list)
    rich: bool = False  # content HTML: write inline elements
    review_status: str | None = None
    # Filled when reading:
    state: str | None = None
    problems: list[str] = field(default_factory=list)  # inline tags that do not match the source


@dataclass
class XFile:
    original: str
    source_language: str
    target_language: str
    units: list[XUnit]
    source_dir: str = "ltr"
    target_dir: str = "ltr"
    region: str | None = None
    label: str = ""  # file name inside a zip, or of the file itself


@dataclass
class XDocument:
    version: str
    files: list[XFile]
    tool: str | None = None


# ------------------------------------------------------------------ names


def file_name(region: str, source: str, target: str, offer_id: int, version: int, slug: str) -> str:
    """Integreat's pattern: ``{region}_{src}_{tgt}_{offer}_{version}_{slug}.xliff``."""
    return f"{region}_{source}_{target}_{offer_id}_{version}_{slug}.xliff"


_NAME = re.compile(
    r"^(?P<region>[a-z0-9-]+)_(?P<src>[A-Za-z-]+)_(?P<tgt>[A-Za-z-]+)_(?P<offer>\d+)_(?P<version>\d+)_(?P<slug>[^/]*)\.(?:xliff|xlf)$"
)


def parse_file_name(name: str) -> dict | None:
    match = _NAME.match(name.rsplit("/", 1)[-1])
    return match.groupdict() if match else None


# ------------------------------------------------------------------ writing


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _content_nodes(unit: XUnit):
    source = parse_html(unit.source)
    number_tags(source)
    target = None
    if unit.target is not None:
        target = parse_html(unit.target)
        number_tags(target, reference=source)
    return source, target


def _write_12(files: list[XFile], tool_version: str):
    root = lx.Element(
        _q(XLIFF12, "xliff"),
        {"version": "1.2", _q(ITS_NS, "version"): "2.0"},
        nsmap={None: XLIFF12, **_PREFIXES},
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


def _write_20(files: list[XFile], tool_version: str):
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
                if target is not None:
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
    return lx.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _indent(element, level: int = 0) -> None:
    """Indent structure elements only: the text of sources and targets stays exactly as it is."""
    if element.tag.rsplit("}", 1)[-1] in ("source", "target", "note", "data", "seg-source"):
        return
    children = list(element)
    if not children:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in children:
        _indent(child, level + 1)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level


# ------------------------------------------------------------------ reading


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _children(element: Element, name: str) -> list[Element]:
    return [c for c in element if _local(c.tag) == name]


def _first(element: Element, name: str) -> Element | None:
    found = _children(element, name)
    return found[0] if found else None


_INLINE = frozenset({"g", "x", "bx", "ex", "bpt", "ept", "ph", "it", "pc", "sc", "ec"})


def _has_inline(element: Element | None) -> bool:
    return element is not None and any(_local(c.tag) in _INLINE for c in element.iter())


def _unit_html(
    source: Element | None, target: Element | None, codes: InlineCodes
) -> tuple[str, str | None, list[str]]:
    """Source and target as HTML, and what is wrong with the target's inline tags."""
    problems: list[str] = []
    if not _has_inline(source) and not _has_inline(target):
        # No inline codes: plain text, or HTML carried as text (Integreat's CDATA).
        src = "".join(source.itertext()) if source is not None else ""
        trg = "".join(target.itertext()) if target is not None else None
        if looks_like_markup(src) or looks_like_markup(trg or ""):
            return src, trg, problems
        return (
            _html.escape(src, quote=False),
            (_html.escape(trg, quote=False) if trg is not None else None),
            problems,
        )
    if source is not None:
        codes.learn(source)
    src = to_html(source, codes)
    trg = None
    if target is not None:
        lost = unbalanced(target)
        if lost:
            problems.append("unpaired inline tags: " + ", ".join(sorted(set(lost))))
        want = sorted(tag_signature(source))
        have = sorted(tag_signature(target))
        if want != have:
            missing = [f"{k}#{i}" for k, i in want if (k, i) not in have]
            extra = [f"{k}#{i}" for k, i in have if (k, i) not in want]
            if missing:
                problems.append("inline tags missing in the translation: " + ", ".join(missing))
            if extra:
                problems.append("inline tags not in the source: " + ", ".join(extra))
        changed = codes.changed_types(target)
        if changed:
            problems.append("inline tags of another type than in the source: " + "; ".join(changed))
        try:
            trg = to_html(target, codes)
        except InlineError as exc:
            problems.append(str(exc))
            trg = None
    return src, trg, problems


def _tag_definitions(header: Element | None) -> InlineCodes:
    """Trados (SDLXLIFF) keeps the markup of ``<g id="pt1">`` in the file header's ``tag-defs``."""
    codes = InlineCodes()
    for tag in header.iter() if header is not None else []:
        if _local(tag.tag) != "tag" or not tag.get("id"):
            continue
        parts = {_local(c.tag): "".join(c.itertext()) for c in tag}
        if "bpt" in parts:
            codes.paired[tag.get("id")] = (parts["bpt"], parts.get("ept", ""))
        elif "ph" in parts or "st" in parts:
            codes.single[tag.get("id")] = parts.get("ph") or parts.get("st", "")
    return codes


def _read_12(root: Element, label: str) -> list[XFile]:
    files = []
    for f in _children(root, "file"):
        xf = XFile(
            original=f.get("original", ""),
            source_language=f.get("source-language", ""),
            target_language=f.get("target-language", ""),
            units=[],
            label=label,
            region=f.get(_q(LOTSE_NS, "region")),
        )
        shared = _tag_definitions(_first(f, "header"))
        body = _first(f, "body")
        for tu in body.iter() if body is not None else []:
            if _local(tu.tag) != "trans-unit":
                continue
            if tu.get("translate") == "no":
                continue
            source = _first(tu, "seg-source")
            if source is None:
                source = _first(tu, "source")
            target = _first(tu, "target")
            codes = InlineCodes(paired=dict(shared.paired), single=dict(shared.single))
            try:
                src, trg, problems = _unit_html(source, target, codes)
            except InlineError as exc:
                src, trg, problems = "", None, [str(exc)]
            if target is not None and xf.target_dir == "ltr" and target.get(_q(ITS_NS, "dir")):
                xf.target_dir = target.get(_q(ITS_NS, "dir"))
            xf.units.append(
                XUnit(
                    id=tu.get("resname") or tu.get("id", ""),
                    source=src,
                    target=trg,
                    state=target.get("state") if target is not None else None,
                    problems=problems,
                    notes=["".join(n.itertext()) for n in _children(tu, "note")],
                )
            )
        files.append(xf)
    return files


def _read_20(root: Element, label: str) -> list[XFile]:
    files = []
    for f in _children(root, "file"):
        # Only ``original`` names the offer: a file ``id`` such as "f1" is a tool's own counter.
        xf = XFile(
            original=f.get("original", ""),
            source_language=root.get("srcLang", ""),
            target_language=root.get("trgLang", ""),
            units=[],
            source_dir=f.get("srcDir", "ltr"),
            target_dir=f.get("trgDir", root.get("trgDir", "ltr")),
            label=label,
            region=f.get(_q(LOTSE_NS, "region")),
        )
        for unit in f.iter():
            if _local(unit.tag) != "unit" or unit.get("translate") == "no":
                continue
            codes = InlineCodes()
            data = _first(unit, "originalData")
            if data is not None:
                codes.data = {d.get("id", ""): "".join(d.itertext()) for d in _children(data, "data")}
            sources, targets, states, problems = [], [], [], []
            untranslated = False
            for part in unit:
                if _local(part.tag) not in ("segment", "ignorable"):
                    continue
                src_el, trg_el = _first(part, "source"), _first(part, "target")
                src, trg, found = _unit_html(src_el, trg_el, codes)
                problems += found
                sources.append(src)
                if trg is None:
                    if _local(part.tag) == "segment":
                        untranslated = True
                    trg = src
                targets.append(trg)
                if _local(part.tag) == "segment":
                    states.append(part.get("state", "initial"))
            state = min(states, key=["initial", "translated", "reviewed", "final"].index) if states else None
            xf.units.append(
                XUnit(
                    id=unit.get("name") or unit.get("id", ""),
                    source="".join(sources),
                    target=None if untranslated else "".join(targets),
                    state=state,
                    problems=problems,
                    notes=["".join(n.itertext()) for n in unit.iter() if _local(n.tag) == "note"],
                )
            )
        files.append(xf)
    return files


def read_xliff(data: bytes, label: str = "") -> XDocument:
    """Read an XLIFF 1.2/1.1 or 2.0 document; raises InputRejected on anything else."""
    root = parse_xml(data, label)
    namespace = _ns(root.tag)
    if _local(root.tag) != "xliff":
        raise InputRejected(
            N_(
                "“{label}” is not an XLIFF file (its root element is <{local}>).",
                label=label,
                local=_local(root.tag),
            ),
        )
    version = root.get("version", "")
    if namespace in (XLIFF12, XLIFF11) or (not namespace and version in ("1.2", "1.1", "1.0")):
        files, version = _read_12(root, label), "1.2"
    elif namespace == XLIFF20 or version.startswith("2."):
        files, version = _read_20(root, label), "2.0"
    else:
        raise InputRejected(
            N_(
                "“{label}” has XLIFF version “{value}”; versions 1.2 and 2.0 are read.",
                label=label,
                value=version or namespace,
            ),
        )
    tool = None
    for element in root.iter():
        if _local(element.tag) == "tool":
            tool = element.get("tool-name") or element.get("tool-id")
            break
    return XDocument(version=version, files=files, tool=tool)


def field_of(unit_id: str) -> str | None:
    """Which of title/summary/content a unit stands for (also Integreat's and other tools' names)."""
    key = unit_id.strip().lower().rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return FIELD_ALIASES.get(key)
