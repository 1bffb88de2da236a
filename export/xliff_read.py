"""Reading XLIFF 1.2 (and 1.1) and 2.0 as Lotse, Integreat (HTML as CDATA text), memoQ, Trados and
OmegaT write it (segment markers, groups, several segments per unit), streamed.

The file is parsed as it is read (:func:`export.safe_input.stream_xml`: no DTD, no entities,
nothing fetched): each unit is turned into an :class:`XUnit` when its end tag is read and then
dropped from the tree, so memory holds the units' texts, not a whole document tree beside the
file's bytes (a 40 MB region file took 487 MB read whole).
"""

from __future__ import annotations

import html as _html
import io
from collections.abc import Iterator

from models.i18n import N_

from .safe_input import MAX_XML_BYTES, InputRejected, Readable, forget, stream_xml
from .xliff_inline import XLIFF12, XLIFF20
from .xliff_inline_pass import source_html, target_html
from .xliff_inline_read import INLINE_TAGS, InlineCodes, InlineError, looks_like_markup, unbalanced
from .xliff_model import ITS_NS, LOTSE_NS, XLIFF11, Element, XDocument, XFile, XUnit, local, namespace, q

# The elements the reader looks at (and the root, which stream_xml yields last whatever its name):
# lxml skips the rest in C, a region file's inline elements, sources and targets among them.
_READ_TAGS = ("{*}file", "{*}header", "{*}tool", "{*}trans-unit", "{*}unit")
_STATES20 = ["initial", "translated", "reviewed", "final"]


def _children(element: Element, name: str) -> list[Element]:
    return list(element.iterchildren(f"{{*}}{name}"))  # lxml filters in C, any namespace or none


def _first(element: Element, name: str) -> Element | None:
    return next(element.iterchildren(f"{{*}}{name}"), None)


def _has_inline(element: Element | None) -> bool:
    return element is not None and len(element) > 0 and next(element.iter(*INLINE_TAGS), None) is not None


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
    src, ours = source_html(source, codes) if source is not None else ("", [])
    trg = None
    if target is not None:
        trg, error, theirs, changed = target_html(target, codes)
        lost = unbalanced(target, theirs)
        if lost:
            problems.append("unpaired inline tags: " + ", ".join(sorted(set(lost))))
        want = sorted(ours)
        have = sorted(theirs)
        if want != have:
            wanted, had = set(want), set(have)
            missing = [f"{k}#{i}" for k, i in want if (k, i) not in had]
            extra = [f"{k}#{i}" for k, i in have if (k, i) not in wanted]
            if missing:
                problems.append("inline tags missing in the translation: " + ", ".join(missing))
            if extra:
                problems.append("inline tags not in the source: " + ", ".join(extra))
        if changed:
            problems.append("inline tags of another type than in the source: " + "; ".join(changed))
        if error is not None:
            problems.append(str(error))
    return src, trg, problems


def _tag_definitions(header: Element | None) -> InlineCodes:
    """Trados (SDLXLIFF) keeps the markup of ``<g id="pt1">`` in the file header's ``tag-defs``."""
    codes = InlineCodes()
    for tag in header.iter() if header is not None else []:
        if local(tag.tag) != "tag" or not tag.get("id"):
            continue
        parts = {local(c.tag): "".join(c.itertext()) for c in tag}
        if "bpt" in parts:
            codes.paired[tag.get("id")] = (parts["bpt"], parts.get("ept", ""))
        elif "ph" in parts or "st" in parts:
            codes.single[tag.get("id")] = parts.get("ph") or parts.get("st", "")
    return codes


def _unit_12(tu: Element, xf: XFile, shared: InlineCodes, notes: bool) -> XUnit:
    source = _first(tu, "seg-source")
    if source is None:
        source = _first(tu, "source")
    target = _first(tu, "target")
    codes = InlineCodes(paired=dict(shared.paired), single=dict(shared.single))
    try:
        src, trg, problems = _unit_html(source, target, codes)
    except InlineError as exc:
        src, trg, problems = "", None, [str(exc)]
    if target is not None and xf.target_dir == "ltr" and target.get(q(ITS_NS, "dir")):
        xf.target_dir = target.get(q(ITS_NS, "dir"))
    return XUnit(
        id=tu.get("resname") or tu.get("id", ""),
        source=src,
        target=trg,
        state=target.get("state") if target is not None else None,
        problems=problems,
        notes=["".join(n.itertext()) for n in _children(tu, "note")] if notes else [],
    )


def _unit_20(unit: Element, notes: bool) -> XUnit:
    codes = InlineCodes()
    data = _first(unit, "originalData")
    if data is not None:
        codes.data = {d.get("id", ""): "".join(d.itertext()) for d in _children(data, "data")}
    sources, targets, states, problems = [], [], [], []
    untranslated = False
    for part in unit:
        if local(part.tag) not in ("segment", "ignorable"):
            continue
        src, trg, found = _unit_html(_first(part, "source"), _first(part, "target"), codes)
        problems += found
        sources.append(src)
        if trg is None:
            if local(part.tag) == "segment":
                untranslated = True
            trg = src
        targets.append(trg)
        if local(part.tag) == "segment":
            states.append(part.get("state", "initial"))
    return XUnit(
        id=unit.get("name") or unit.get("id", ""),
        source="".join(sources),
        target=None if untranslated else "".join(targets),
        state=min(states, key=_STATES20.index) if states else None,
        problems=problems,
        notes=["".join(n.itertext()) for n in unit.iter() if local(n.tag) == "note"] if notes else [],
    )


def _version(root: Element, label: str) -> str:
    """ "1.2" or "2.0" from the root element, or InputRejected (before any unit is read)."""
    if local(root.tag) != "xliff":
        raise InputRejected(
            N_(
                "“{label}” is not an XLIFF file (its root element is <{local}>).",
                label=label,
                local=local(root.tag),
            ),
        )
    ns, version = namespace(root.tag), root.get("version", "")
    if ns in (XLIFF12, XLIFF11) or (not ns and version in ("1.2", "1.1", "1.0")):
        return "1.2"
    if ns == XLIFF20 or version.startswith("2."):
        return "2.0"
    raise InputRejected(
        N_(
            "“{label}” has XLIFF version “{value}”; versions 1.2 and 2.0 are read.",
            label=label,
            value=version or ns,
        ),
    )


class _Reader:
    """The state of one streamed document: its files in order, each file's shared tag codes."""

    def __init__(self, label: str, notes: bool):
        self.label, self.notes = label, notes
        self.version = ""
        self.root: Element | None = None
        self.files: dict[Element, XFile] = {}
        self.shared: dict[Element, InlineCodes] = {}
        self.tool: str | None = None
        self._parent: Element | None = None  # the parent last asked about in place(), and its answer
        self._place: tuple[tuple[XFile, Element] | None, bool] = (None, False)

    def file_of(self, element: Element) -> tuple[XFile, Element] | None:
        """The XFile of the ``<file>`` holding ``element`` (made when it is first needed)."""
        return self.place(element)[0]

    def place(self, element: Element) -> tuple[tuple[XFile, Element] | None, bool]:
        """The ``<file>`` holding ``element`` (see :meth:`file_of`) and whether it is inside a
        ``<body>``: the same for every element of one parent, so asked once per parent (units are
        siblings; an element's ancestors never change while the document is read)."""
        parent = element.getparent()
        if parent is not None and parent is self._parent:
            return self._place
        found = None
        for ancestor in element.iterancestors():
            if local(ancestor.tag) == "file" and ancestor.getparent() is self.root:
                found = self._file(ancestor), ancestor
                break
        in_body = any(local(a.tag) == "body" for a in element.iterancestors())
        self._parent, self._place = parent, (found, in_body)
        return self._place

    def _file(self, f: Element) -> XFile:
        xf = self.files.get(f)
        if xf is None:
            root = self.root
            assert root is not None  # set by the first element's end
            if self.version == "1.2":
                xf = XFile(
                    original=f.get("original", ""),
                    source_language=f.get("source-language", ""),
                    target_language=f.get("target-language", ""),
                    units=[],
                    label=self.label,
                    region=f.get(q(LOTSE_NS, "region")),
                )
            else:  # only ``original`` names the offer: a file ``id`` such as "f1" is a tool's counter
                xf = XFile(
                    original=f.get("original", ""),
                    source_language=root.get("srcLang", ""),
                    target_language=root.get("trgLang", ""),
                    units=[],
                    source_dir=f.get("srcDir", "ltr"),
                    target_dir=f.get("trgDir", root.get("trgDir", "ltr")),
                    label=self.label,
                    region=f.get(q(LOTSE_NS, "region")),
                )
            self.files[f] = xf
        return xf

    def element_ended(self, element: Element) -> XFile | None:
        """Take what is needed from an element whose end tag was read; a file when it ends."""
        name = local(element.tag)
        if self.root is None:
            self.root = element.getroottree().getroot()
            self.version = _version(self.root, self.label)
        if name == "tool" and self.tool is None:
            self.tool = element.get("tool-name") or element.get("tool-id")
        elif name == "file" and element.getparent() is self.root:
            done = self._file(element)  # a file without units still counts
            del self.files[element]
            forget(element)
            return done
        elif self.version == "1.2" and name == "header":
            found = self.file_of(element)
            if found:
                self.shared[found[1]] = _tag_definitions(element)
        elif name == ("trans-unit" if self.version == "1.2" else "unit"):
            found, in_body = self.place(element)
            if found is None or element.get("translate") == "no":
                forget(element)
                return None
            xf, f = found
            if self.version == "1.2":
                if in_body:
                    xf.units.append(_unit_12(element, xf, self.shared.get(f) or InlineCodes(), self.notes))
            else:
                xf.units.append(_unit_20(element, self.notes))
            forget(element)
        return None


class XliffFiles:
    """The ``<file>`` sections of one XLIFF document, each yielded as its end tag is read (one
    per offer: memory holds the file being read, not the document). ``version`` and ``tool`` are
    known once iteration has begun; InputRejected on anything that is not XLIFF 1.2/1.1 or 2.0."""

    def __init__(self, stream: Readable, label: str = "", limit: int = MAX_XML_BYTES, *, notes: bool = True):
        self.stream, self.limit = stream, limit
        self.reader = _Reader(label, notes)

    @property
    def version(self) -> str:
        return self.reader.version

    @property
    def tool(self) -> str | None:
        return self.reader.tool

    def __iter__(self) -> Iterator[XFile]:
        for element in stream_xml(self.stream, self.reader.label, self.limit, _READ_TAGS):
            done = self.reader.element_ended(element)
            if done is not None:
                yield done


def read_xliff_stream(stream: Readable, label: str = "", limit: int = MAX_XML_BYTES) -> XDocument:
    """Read a whole XLIFF 1.2/1.1 or 2.0 document from a binary stream (see :class:`XliffFiles`)."""
    files = XliffFiles(stream, label, limit)
    found = list(files)
    return XDocument(version=files.version, files=found, tool=files.tool)


def read_xliff(data: bytes, label: str = "") -> XDocument:
    """Read an XLIFF document held in memory (see :func:`read_xliff_stream`)."""
    return read_xliff_stream(io.BytesIO(data), label)
