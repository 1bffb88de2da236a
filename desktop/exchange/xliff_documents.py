"""The XLIFF files of an import, read and checked: a single file or every XLIFF file of a zip,
streamed (sizes checked before reading, a zip through the one safe-archive reader), and each
file's region and languages checked against the database's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from export.safe_archive import XLIFF_ZIP_LIMITS, SafeArchive, check_size, safe_member_name
from export.safe_input import MAX_XML_BYTES, MAX_ZIP_TOTAL_BYTES, InputRejected
from export.xliff import XDocument, XFile, XliffFiles, parse_file_name
from models.i18n import N_, Text
from models.tables import Region, RegionLanguage

from ..errors import LotseError

XLIFF_SUFFIXES = (".xliff", ".xlf", ".xlf2", ".sdlxliff", ".mqxliff")


class ImportRejected(LotseError):
    pass


def _reject(text: Text) -> ImportRejected:
    return ImportRejected(text)


def iter_files(path: Path) -> Iterator[tuple[str, XliffFiles, XFile]]:
    """(document label, document, file) for each ``<file>`` of an XLIFF file or of every XLIFF
    file in a zip, each as it is read; InputRejected becomes ImportRejected.

    Sizes are checked before reading (a 4 GB file is refused at once); a zip goes through the one
    safe-archive reader. Files are parsed as they are read, unit by unit, and handed on one by one,
    so memory holds what the caller keeps, never a file's bytes or a whole document."""
    path = Path(path)
    try:
        if not path.is_file():
            raise _reject(N_("There is no file “{path}”.", path=path))
        if path.suffix.lower() != ".zip":
            check_size(path, MAX_XML_BYTES)
            with open(path, "rb") as handle:
                document = XliffFiles(handle, path.name, notes=False)
                for xf in document:
                    yield path.name, document, xf
            return
        found = False
        with SafeArchive(path, XLIFF_ZIP_LIMITS, path_limit=MAX_ZIP_TOTAL_BYTES) as archive:
            for info in archive.members(XLIFF_SUFFIXES):
                found = True
                label = safe_member_name(info.filename, archive.name)
                with archive.open(info) as member:
                    document = XliffFiles(member, info.filename, notes=False)
                    for xf in document:
                        yield label, document, xf
        if not found:
            raise _reject(N_("The archive “{name}” holds no XLIFF file.", name=path.name))
    except InputRejected as exc:
        raise _reject(exc.text) from exc


def read_documents(path: Path) -> list[tuple[str, XDocument]]:
    """(label, XDocument) for a file or every XLIFF file in a zip, read whole (see :func:`iter_files`)."""
    documents: dict[str, XDocument] = {}
    for label, document, xf in iter_files(path):
        if label not in documents:
            documents[label] = XDocument(version=document.version, files=[], tool=document.tool)
        documents[label].files.append(xf)
    return list(documents.items())


def match_language(tag: str, languages: Sequence[RegionLanguage]) -> RegionLanguage | None:
    tag = (tag or "").strip()
    low = tag.lower().replace("_", "-")
    for rl in languages:
        if rl.bcp47_tag.lower() == low or rl.code.lower() == low:
            return rl
    head = low.split("-")[0]
    # "ar-MA" (Integreat's Arabic) is ar; "fa-IR" is fa, not Dari (fa-AF), whose code differs.
    for candidates in (
        [rl for rl in languages if rl.code.lower() == head],
        [rl for rl in languages if rl.bcp47_tag.lower().split("-")[0] == head],
    ):
        if len(candidates) == 1:
            return candidates[0]
    return None


def offer_id(xf: XFile) -> int | None:
    if xf.original.strip().isdigit():
        return int(xf.original.strip())
    parsed = parse_file_name(xf.label)
    return int(parsed["offer"]) if parsed else None


def check_file(
    xf: XFile, region: Region, languages: Sequence[RegionLanguage], tree: dict[str, str | None]
) -> str:
    """The target language code of a file, or ImportRejected saying why the file is not for us."""
    file_region = xf.region or (parse_file_name(xf.label) or {}).get("region")
    if file_region and file_region != region.slug:
        raise _reject(
            N_(
                "“{label}” belongs to the region “{file_region}”; this database holds "
                "“{slug}”. Nothing was saved.",
                label=xf.label,
                file_region=file_region,
                slug=region.slug,
            ),
        )
    target = match_language(xf.target_language, languages)
    if target is None:
        raise _reject(
            N_(
                "“{label}” is a translation into “{value}”, a language the region "
                "does not have. Nothing was saved.",
                label=xf.label,
                value=xf.target_language or "?",
            ),
        )
    if tree.get(target.code) is None:
        raise _reject(
            N_(
                "“{label}” translates into the source language “{code}”; that is "
                "not possible. Nothing was saved.",
                label=xf.label,
                code=target.code,
            ),
        )
    source = match_language(xf.source_language, languages)
    if source is None or source.code != tree[target.code]:
        raise _reject(
            N_(
                "“{label}” was translated from “{value}”, but “{code}” is translated "
                "from “{value2}”. Nothing was saved.",
                label=xf.label,
                value=xf.source_language or "?",
                code=target.code,
                value2=tree[target.code],
            ),
        )
    return target.code
