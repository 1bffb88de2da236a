"""The one way Lotse reads a file or a zip that came from outside: sizes checked before a byte
is read, and a zip checked as a whole (member count, names, each member's size, the total and
the compression ratio) before any member is unpacked.

The XLIFF zip, the Integreat zip and the xlsx reader (a workbook is a zip) all go through
:class:`SafeArchive`; every importer reads a plain file with :func:`read_bounded`. A zip's
headers can lie, so a member is read to at most its declared size plus one byte: a member that
unpacks to more than it declared is refused, never read to the end.

Errors are :class:`~export.safe_input.InputRejected` with a catalogue message.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from models.i18n import N_

from .safe_input import MAX_XML_BYTES, MAX_ZIP_MEMBERS, MAX_ZIP_RATIO, MAX_ZIP_TOTAL_BYTES, InputRejected

MB = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    members: int = 2000  # entries in the zip, folders included
    member_bytes: int = 200 * MB  # one member, unpacked
    total_bytes: int = 1024 * MB  # every member, unpacked
    ratio: int = 200  # unpacked / packed, for members larger than ratio_from
    ratio_from: int = MB  # small members (a tiny JSON file) may compress better than that


class NotAnArchive(InputRejected):
    """The file is not a zip at all (a caller may name what it expected instead)."""


XLIFF_ZIP_LIMITS = ArchiveLimits(MAX_ZIP_MEMBERS, MAX_XML_BYTES, MAX_ZIP_TOTAL_BYTES, MAX_ZIP_RATIO)


def _mb(size: int) -> str:
    """A size as the same words in every language (MB, or KB for a small one)."""
    return f"{size / MB:.0f} MB" if size >= MB else f"{max(1, round(size / 1024))} KB"


def too_large(name: str, size: int, limit: int) -> InputRejected:
    return InputRejected(
        N_(
            "“{name}” is too large at {size} (at most {limit}). The file is not read.",
            name=name,
            size=_mb(size),
            limit=_mb(limit),
        )
    )


def check_size(path: str | os.PathLike[str], limit: int, name: str | None = None) -> int:
    """The file's size, or InputRejected if it is larger than ``limit`` (nothing read yet)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputRejected(N_("There is no file “{path}”.", path=path)) from None
    if size > limit:
        raise too_large(name or path.name, size, limit)
    return size


def read_bounded(path: str | os.PathLike[str], limit: int, name: str | None = None) -> bytes:
    """The file's bytes if it holds at most ``limit``; checked before reading, and the read stops
    at ``limit + 1`` bytes in case the file grows (or is a device) after the check."""
    path = Path(path)
    check_size(path, limit, name)
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise too_large(name or path.name, len(data), limit)
    return data


def _bomb(archive: str, member: str, size: int) -> InputRejected:
    return InputRejected(
        N_(
            "“{archive}” would be too large unpacked (zip bomb?): “{member}” has {size} bytes. "
            "The archive is not read.",
            archive=archive,
            member=member,
            size=size,
        )
    )


def safe_member_name(name: str, archive: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if (
        path.is_absolute()
        or ".." in path.parts
        or (path.parts and ":" in path.parts[0])
        or "\x00" in name
        or len(name) > 1024
    ):
        raise InputRejected(
            N_(
                "The zip archive “{archive}” contains the path “{path}”, which leads out of the "
                "target folder. The archive is not read.",
                archive=archive,
                path=name[:200],
            )
        )
    return str(path)


class _Member:
    """A member being unpacked: never more than its header declared, nor past the archive's total."""

    def __init__(self, archive: SafeArchive, info: zipfile.ZipInfo):
        self.archive, self.info = archive, info
        self.count = 0
        try:
            self.handle = archive.zip.open(info)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
            raise _broken(archive.name, info, exc) from exc

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""  # as a file answers; not "the rest"
        want = self.info.file_size + 1 - self.count
        try:
            data = self.handle.read(min(size, want) if size and size > 0 else want)
        except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError) as exc:
            raise _broken(self.archive.name, self.info, exc) from exc
        self.count += len(data)
        self.archive.unpacked += len(data)
        if self.count > self.info.file_size or self.archive.unpacked > self.archive.limits.total_bytes:
            raise _bomb(self.archive.name, self.info.filename, self.count)
        return data

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> _Member:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _broken(archive: str, info: zipfile.ZipInfo, exc: BaseException) -> InputRejected:
    return InputRejected(
        N_(
            "“{member}” in “{name}” cannot be unpacked ({detail}).",
            member=info.filename,
            name=archive,
            detail=exc,
        )
    )


class SafeArchive:
    """A zip checked as a whole on opening; ``read(info)`` unpacks one member, bounded.

    Use as a context manager. ``path_limit`` bounds the zip file itself (checked before opening).
    """

    def __init__(self, path: str | os.PathLike[str], limits: ArchiveLimits, path_limit: int | None = None):
        self.path = Path(path)
        self.name = self.path.name
        self.limits = limits
        check_size(self.path, path_limit if path_limit is not None else limits.total_bytes)
        try:
            self.zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise NotAnArchive(
                N_("“{name}” is not a valid zip archive ({detail}).", name=self.name, detail=exc)
            ) from exc
        try:
            self.infos = self._check()
        except BaseException:
            self.zip.close()
            raise
        self.unpacked = 0

    def _check(self) -> list[zipfile.ZipInfo]:
        infos = self.zip.infolist()
        limits = self.limits
        if len(infos) > limits.members:
            raise InputRejected(
                N_(
                    "“{name}” holds {count} files; at most {limit} are allowed.",
                    name=self.name,
                    count=len(infos),
                    limit=limits.members,
                )
            )
        total = 0
        seen: set[str] = set()
        for info in infos:
            name = safe_member_name(info.filename, self.name)
            if name in seen and not info.is_dir():
                raise InputRejected(
                    N_(
                        "“{archive}” holds “{name}” twice. The archive is not read.",
                        archive=self.name,
                        name=name,
                    )
                )
            seen.add(name)
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if (
                info.file_size > limits.member_bytes
                or total > limits.total_bytes
                or (info.file_size > limits.ratio_from and ratio > limits.ratio)
            ):
                raise _bomb(self.name, info.filename, info.file_size)
        return infos

    def members(self, suffixes: tuple[str, ...] = ()) -> list[zipfile.ZipInfo]:
        """The files (no folders) whose names end in one of ``suffixes`` (all if empty), by name."""
        return sorted(
            (
                i
                for i in self.infos
                if not i.is_dir() and (not suffixes or i.filename.lower().endswith(suffixes))
            ),
            key=lambda i: i.filename,
        )

    def keep_only(self, wanted: Callable[[zipfile.ZipInfo], bool]) -> None:
        """Forget the members the caller will never read (every one was checked on opening): the
        15,000 entries of an app package cost 8 MB of ZipInfo objects while the rest is read."""
        self.infos = [info for info in self.infos if wanted(info)]
        self.zip.filelist = list(self.infos)
        self.zip.NameToInfo = {info.filename: info for info in self.infos}

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """One member's bytes; never more than its header declared (a lying header is refused)."""
        try:
            with self.zip.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
            raise _broken(self.name, info, exc) from exc
        self.unpacked += len(data)
        if len(data) > info.file_size or self.unpacked > self.limits.total_bytes:
            raise _bomb(self.name, info.filename, len(data))
        return data

    def open(self, info: zipfile.ZipInfo) -> _Member:
        """One member as a stream for a parser that reads as it goes, bounded as :meth:`read` is."""
        return _Member(self, info)

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
