"""Reading files that come from outside without trusting them: XML without DTDs or
entities (no billion laughs, no external entities), zips whose members stay inside
their folder and do not expand past a limit, and atomic writes.

Errors are :class:`InputRejected` with a German and an English message; the
desktop layer shows them as they are.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree

from models.i18n import N_, MessageError, Text, Verbatim

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


def _declares_entities(root) -> bool:
    dtd = root.getroottree().docinfo.internalDTD
    return dtd is not None and any(True for _entity in dtd.iterentities())


def parse_xml(data: bytes, name: str):
    """Parse untrusted XML: no entity declarations, no external references, nothing fetched.

    A bare ``<!DOCTYPE … SYSTEM "….dtd">`` (translate-toolkit's TBX, some XLIFF tools) is
    allowed: the external DTD is never loaded, and without entity declarations nothing expands.
    Returns an lxml element (the ElementTree API).
    """
    if len(data) > MAX_XML_BYTES:
        raise InputRejected(
            N_(
                "“{name}” is too large at {number} MB (at most {number2} MB).",
                name=name,
                number=len(data) // (1024 * 1024),
                number2=MAX_XML_BYTES // (1024 * 1024),
            ),
        )
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        detail = str(exc) or "empty"
        if any(word in detail for word in ("encoding", "UTF-8", "Char 0x", "invalid")):
            hint: Text = N_(" Is the file really saved in its declared encoding (usually UTF-8)?")
        else:
            hint = Verbatim("")
        raise InputRejected(
            N_(
                "“{name}” is not well-formed XML ({detail}).{hint}",
                name=name,
                detail=detail,
                hint=hint,
            ),
        ) from None
    if root is None:
        raise InputRejected(N_("“{name}” is empty.", name=name))
    if _declares_entities(root):
        raise InputRejected(
            N_(
                "“{name}” declares entities in its DTD. Such files are not read for safety; export the file without a DOCTYPE.",
                name=name,
            ),
        )
    return root


def _safe_member_name(name: str, archive: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise InputRejected(
            N_(
                "The zip archive “{archive}” contains the path “{name}”, which leads out of the target folder. The archive is not read.",
                archive=archive,
                name=name,
            ),
        )
    return str(path)


def read_zip_members(path: Path, suffixes: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """The members of a zip whose names end in one of ``suffixes``, after checking every member."""
    name = Path(path).name
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise InputRejected(N_("“{name}” is not a valid zip archive.", name=name)) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise InputRejected(
                N_(
                    "“{name}” holds {count} files; at most {MAX_ZIP_MEMBERS} are allowed.",
                    name=name,
                    count=len(infos),
                    MAX_ZIP_MEMBERS=MAX_ZIP_MEMBERS,
                ),
            )
        total = 0
        for info in infos:
            _safe_member_name(info.filename, name)
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_ZIP_TOTAL_BYTES or (info.file_size > 1024 * 1024 and ratio > MAX_ZIP_RATIO):
                raise InputRejected(
                    N_(
                        "“{name}” would be too large unpacked (zip bomb?): “{filename}” has {file_size} bytes. The archive is not read.",
                        name=name,
                        filename=info.filename,
                        file_size=info.file_size,
                    ),
                )
        members = []
        for info in infos:
            if info.is_dir() or not info.filename.lower().endswith(suffixes):
                continue
            with archive.open(info) as handle:
                data = handle.read(min(info.file_size, MAX_XML_BYTES) + 1)  # never more than declared
            if len(data) > MAX_XML_BYTES:
                raise InputRejected(
                    N_("“{filename}” in “{name}” is too large.", filename=info.filename, name=name),
                )
            members.append((_safe_member_name(info.filename, name), data))
        return members


def atomic_write(path: Path, data: bytes) -> Path:
    """Write to a temporary file beside ``path``, then rename: a failure leaves the old file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
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
