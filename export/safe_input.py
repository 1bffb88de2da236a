"""Reading files that come from outside without trusting them: XML without DTDs or
entities (no billion laughs, no external entities), zips whose members stay inside
their folder and do not expand past a limit, and atomic writes.

Errors are :class:`InputRejected` with a German and an English message; the
desktop layer shows them as they are.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from lxml import etree

from models.i18n import N_, MessageError, Text, Verbatim

from .leftovers import partial_file

# One XLIFF/TMX file. What we write we must read back: the whole region of 10,000 offers for
# one language is about 40 MB of XLIFF (a 20 MB cap refused it).
MAX_XML_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_TOTAL_BYTES = 1024 * 1024 * 1024  # all members, uncompressed (a few big XLIFF files)
MAX_ZIP_RATIO = 200  # uncompressed / compressed per member


class InputRejected(MessageError, ValueError):
    """A file we refuse to read; the message says what is wrong and what to do."""


# lxml parses in C: a whole-region XLIFF (40 MB at 10,000 offers) in about a second instead
# of ElementTree's six. Hardened: no DTD loaded, no entity resolved, nothing fetched, and a
# file that declares entities is refused outright.
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def _declares_entities(data: bytes, root) -> bool:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _entity in dtd.iterentities()):
        return True
    # parameter entities are not listed by iterentities(); the bytes say it in any encoding we read
    return any("<!ENTITY".encode(codec) in data for codec in ("ascii", "utf-16-le", "utf-16-be"))


def _entity_references(root) -> list[str]:
    """Entity references left unresolved: ``&foo;`` that no DTD of the file declares. With an
    external DTD named (never loaded) the parser keeps them as nodes; their text would end up
    literally in a title, so such a file is refused."""
    return sorted({str(node.text) for node in root.iter(etree.Entity)})


def _not_well_formed(exc: Exception, name: str) -> InputRejected:
    detail = str(exc) or "empty"
    if any(word in detail for word in ("encoding", "UTF-8", "Char 0x", "invalid")):
        hint: Text = N_(" Is the file really saved in its declared encoding (usually UTF-8)?")
    else:
        hint = Verbatim("")
    return InputRejected(
        N_("“{name}” is not well-formed XML ({detail}).{hint}", name=name, detail=detail, hint=hint),
    )


def _declares(name: str) -> InputRejected:
    return InputRejected(
        N_(
            "“{name}” declares entities in its DTD. Such files are not read for "
            "safety; export the file without a DOCTYPE.",
            name=name,
        ),
    )


def _undeclared(name: str, unresolved: list[str]) -> InputRejected:
    return InputRejected(
        N_(
            "“{name}” uses entities declared nowhere ({names}); an external DTD is never loaded, for "
            "safety. Export the file without a DOCTYPE and entities.",
            name=name,
            names=", ".join(unresolved[:5]),
        ),
    )


def _too_large(name: str, size: int) -> InputRejected:
    return InputRejected(
        N_(
            "“{name}” is too large at {number} MB (at most {number2} MB).",
            name=name,
            number=size // (1024 * 1024),
            number2=MAX_XML_BYTES // (1024 * 1024),
        ),
    )


def parse_xml(data: bytes, name: str):
    """Parse untrusted XML: no entity declarations, no external references, nothing fetched.

    A bare ``<!DOCTYPE … SYSTEM "….dtd">`` (translate-toolkit's TBX, TMX 1.4 exports, some XLIFF
    tools) is tolerated: the external DTD is never loaded. A file that uses anything from it (an
    entity reference such as ``&foo;``) is refused, so nothing it would define reaches a text.
    Returns an lxml element (the ElementTree API). Large files are read with :func:`stream_xml`.
    """
    if len(data) > MAX_XML_BYTES:
        raise _too_large(name, len(data))
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise _not_well_formed(exc, name) from None
    if root is None:
        raise InputRejected(N_("“{name}” is empty.", name=name))
    if _declares_entities(data, root):
        raise _declares(name)
    unresolved = _entity_references(root)
    if unresolved:
        raise _undeclared(name, unresolved)
    return root


_ENTITY_MARKERS = tuple("<!ENTITY".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be"))


class Readable(Protocol):
    """A binary stream as a parser reads it (a file, a zip member)."""

    def read(self, size: int = -1, /) -> bytes: ...


class _Guarded:
    """The bytes of a stream as lxml asks for them, refused as they go by when they declare an
    entity or pass the size limit (the checks :func:`parse_xml` makes on the whole bytes)."""

    def __init__(self, stream: Readable, name: str, limit: int):
        self.stream, self.name, self.limit = stream, name, limit
        self.count = 0
        self.tail = b""

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size if size and size > 0 else 1 << 16)
        self.count += len(data)
        if self.count > self.limit:
            raise _too_large(self.name, self.count)
        window = self.tail + data
        if any(marker in window for marker in _ENTITY_MARKERS):
            raise _declares(self.name)
        self.tail = window[-15:]  # a marker cut in two by a read boundary (16 bytes in UTF-16)
        return data


def stream_xml(
    stream: Readable, name: str, limit: int = MAX_XML_BYTES, tags: tuple[str, ...] | None = None
) -> Iterator[Any]:
    """The elements of untrusted XML as each one ends (lxml ``iterparse``), with the refusals of
    :func:`parse_xml`: entity declarations, entities used but declared nowhere, the size limit.

    ``tags`` (lxml names such as ``"{*}trans-unit"``) yields only those elements, and the root
    last whatever its name: lxml skips the others in C, and each yielded element's whole subtree
    is searched for entity references instead of its children (so nothing between two yielded
    elements goes unchecked; the caller forgets only what was yielded).

    Peak memory stays near the largest element the caller keeps: the caller takes what it needs
    from an element and calls :func:`forget` on it. The root is yielded last.
    """
    events = etree.iterparse(
        _Guarded(stream, name, limit),
        events=("end",),
        tag=tags,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    first = True
    last = None

    def checked(element: Any) -> Any:
        nonlocal first
        if first:
            first = False
            dtd = element.getroottree().docinfo.internalDTD
            if dtd is not None and any(True for _entity in dtd.iterentities()):
                raise _declares(name)
        found = element.iter(etree.Entity) if tags is not None else element.iterchildren(etree.Entity)
        unresolved = [str(node.text) for node in found]
        if unresolved:
            raise _undeclared(name, sorted(set(unresolved)))
        return element

    try:
        for _event, element in events:
            last = checked(element)
            yield last
    except etree.XMLSyntaxError as exc:
        raise _not_well_formed(exc, name) from None
    root = events.root if tags is not None else None
    if root is not None and root is not last:  # a root not among ``tags``: checked and yielded last
        yield checked(root)
    if first:
        raise InputRejected(N_("“{name}” is empty.", name=name))


def forget(element: Any) -> None:
    """Drop an element that has been read, and the siblings read before it (they are empty)."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def read_zip_members(path: Path, suffixes: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """The members of a zip whose names end in one of ``suffixes``, after checking every member
    (:class:`export.safe_archive.SafeArchive`: count, names, sizes, total, ratio)."""
    from .safe_archive import XLIFF_ZIP_LIMITS, SafeArchive, safe_member_name

    with SafeArchive(path, XLIFF_ZIP_LIMITS, path_limit=MAX_ZIP_TOTAL_BYTES) as archive:
        return [
            (safe_member_name(info.filename, archive.name), archive.read(info))
            for info in archive.members(suffixes)
        ]


def atomic_write(path: Path, data: bytes) -> Path:
    """Write to a temporary file beside ``path``, then rename: a failure leaves the old file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = partial_file(path)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise
    return path


def zip_bytes(files: list[tuple[str, bytes]]) -> bytes:
    """A deterministic zip of ``(name, data)`` pairs (fixed timestamps, sorted names)."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
