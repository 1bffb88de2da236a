"""Reusing the previous run's output: a file whose bytes did not change is hard-linked from the
previous run instead of written again, and its zip entry is copied compressed as it is.

A run's files are never changed after its switch (a new run is a new folder), so a hard link
shares bytes that stay as they are; the manifest's SHA-256 says which files are the same. The
zip entry of an unchanged file is the same bytes a fresh compression would give (same data,
same zlib settings): its local header is rebuilt the way ``zipfile`` writes it and compared
with the old one, and only an exact match is copied; anything else is compressed anew. So a
publish after a small change is byte-identical to a full one (tests/integreat/test_incremental.py).
"""

from __future__ import annotations

import json
import mmap
import os
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .manifest_parts import with_parts
from .swap import SYNCFS, write_file
from .zip_pieces import BIG, PIECE, Row, read_rows

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader
# What decides the compressed bytes of an entry besides its data: reuse only across equal ones.
ZIP_CODE = f"zlib {zlib.ZLIB_RUNTIME_VERSION}, deflate 6, zip64 headers, pieces {PIECE} by content from {BIG}"
ZIP_CODE_FILE = "package.zip.code"  # beside a run's package.zip: the ZIP_CODE that made it


@dataclass
class Previous:
    """The run a publish may reuse from: its folder, its manifest's digests, its zip."""

    folder: Path | None = None
    digests: Mapping[str, Mapping[str, object]] = field(default_factory=dict)  # parts included
    zip_path: Path | None = None
    zip_code: str = ""
    zip_infos: dict[str, zipfile.ZipInfo] = field(default_factory=dict)  # its entries, read once
    linked: int = 0
    copied: int = 0
    run: str = ""  # its id (the manifest's "run")

    @classmethod
    def of(cls, out: Path) -> Previous:
        """The package now at ``out`` (followed through its link), or nothing to reuse."""
        try:
            folder = out.resolve(strict=True)
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            files = with_parts(folder, manifest) if isinstance(manifest, dict) else None
        except (OSError, ValueError):  # ManifestError is a ValueError
            return cls()
        if not isinstance(files, dict):
            return cls()
        run = manifest.get("run") if isinstance(manifest.get("run"), str) else ""
        zip_link = out.parent / (out.name + ".zip")
        zip_path: Path | None = None
        infos: dict[str, zipfile.ZipInfo] = {}
        try:
            candidate = zip_link.resolve(strict=True)
            # only the zip of this very run (the manifest inside is the folder's)
            with zipfile.ZipFile(candidate) as archive:
                if archive.read("manifest.json") == (folder / "manifest.json").read_bytes():
                    zip_path = candidate
                    infos = {info.filename: info for info in archive.infolist()}
        except (OSError, KeyError, zipfile.BadZipFile):
            zip_path = None
        code = ""
        if zip_path is not None:
            try:
                code = (zip_path.parent / ZIP_CODE_FILE).read_text(encoding="utf-8")
            except OSError:
                zip_path = None
        return cls(folder, files, zip_path, code, infos if zip_path is not None else {}, run=run)

    def lists(self, relpath: str, digest: str, size: int) -> bool:
        """The previous run's manifest lists these bytes for ``relpath`` (so its zip holds them)."""
        if self.folder is None:
            return False
        old = self.digests.get(relpath)
        return isinstance(old, Mapping) and old.get("sha256") == digest and old.get("bytes") == size

    def same(self, relpath: str, digest: str, size: int) -> str | None:
        """The previous run's file when it holds exactly these bytes (by digest and size)."""
        if not self.lists(relpath, digest, size):
            return None
        source = f"{self.folder}/{relpath}"  # a plain string: a Path per file cost more than the check
        try:
            if os.stat(source).st_size != size:
                return None
        except OSError:
            return None
        return source


class ZipReuse:
    """Copies compressed entries of unchanged files from the previous run's zip."""

    def __init__(self, previous: Previous, unchanged: set[str]):
        self.unchanged = unchanged if previous.zip_code == ZIP_CODE else set()
        self.previous = previous
        self.source: mmap.mmap | None = None  # the old zip mapped: slices, not a seek and read per entry
        self.infos: dict[str, zipfile.ZipInfo] = {}
        self.rows: dict[str, list[Row]] = {}  # the pieces of its large entries (zip_pieces.py)
        if previous.zip_path is not None and self.unchanged:
            try:
                with open(previous.zip_path, "rb") as handle:
                    self.source = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
                self.infos = previous.zip_infos
                self.rows = read_rows(previous.zip_path)
            except (OSError, ValueError):
                self.infos, self.source = {}, None

    def compressed(self, name: str) -> bytes | None:
        """The compressed bytes of ``name``'s entry in the previous zip (for its pieces)."""
        old = self.infos.get(name)
        if self.source is None or old is None or name not in self.rows:
            return None
        start = old.header_offset
        fields = _LOCAL_HEADER.unpack(self.source[start : start + _LOCAL_HEADER.size])
        begin = start + _LOCAL_HEADER.size + fields[-2] + fields[-1]
        return self.source[begin : begin + old.compress_size]

    def close(self) -> None:
        if self.source is not None:
            self.source.close()
            self.source = None

    def copy(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
        """Write ``info``'s entry into ``archive`` from the old zip; False to compress it anew."""
        old = self.infos.get(info.filename)
        if self.source is None or old is None or info.filename not in self.unchanged:
            return False
        if old.compress_type != info.compress_type or old.flag_bits & 0x08:
            return False
        listed = self.previous.digests.get(info.filename)
        if not isinstance(listed, Mapping) or old.file_size != listed.get("bytes"):
            return False  # not the entry of the bytes the manifest names (whose digest matched)
        start = old.header_offset
        head = self.source[start : start + _LOCAL_HEADER.size]
        if len(head) != _LOCAL_HEADER.size:
            return False
        fields = _LOCAL_HEADER.unpack(head)
        end = start + _LOCAL_HEADER.size + fields[-2] + fields[-1]
        old_header = self.source[start:end]
        # the header zipfile writes for this entry (as ZipFile.open(info, "w", force_zip64=True))
        info.CRC, info.compress_size, info.file_size = old.CRC, old.compress_size, old.file_size
        info.flag_bits = 0
        header = info.FileHeader(True)
        if header != old_header:
            return False
        data = self.source[end : end + old.compress_size]
        if len(data) != old.compress_size:
            return False
        target = archive.fp
        if target is None:
            return False
        if target.tell() != archive.start_dir:
            target.seek(archive.start_dir)
        info.header_offset = archive.start_dir
        target.write(header)
        target.write(data)
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info
        archive.start_dir += len(header) + len(data)
        self.previous.copied += 1
        return True


@dataclass
class Spare:
    """A run no reader follows any more (neither current nor previous), recycled as the new
    run's folder: its files that already hold the new bytes stay as they are, the others are
    replaced (never written in place: they may be hard links shared with the live runs), and
    those the new run lacks are removed. A publish after a small change then touches only the
    files that changed since that run, not every file and folder of the package."""

    folder: Path | None = None
    digests: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    kept: int = 0

    def keeps(self, relpath: str, digest: str, size: int) -> bool:
        old = self.digests.get(relpath)
        return isinstance(old, Mapping) and old.get("sha256") == digest and old.get("bytes") == size

    def holds(self, relpath: str) -> bool:
        return relpath in self.digests

    @staticmethod
    def digests_of(folder: Path) -> dict[str, dict[str, object]] | None:
        """The files of a spare run by its manifest; None when it has none (a run killed
        before its manifest was written, or while it was being recycled)."""
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            return with_parts(folder, manifest) if isinstance(manifest, dict) else None
        except (OSError, ValueError):  # ManifestError is a ValueError
            return None


CHANGES = "changes.json"  # beside a run's package/: what changed against the run it was made from


def record_changes(
    run_dir: Path, base: str, before: Mapping[str, object], names: set[str], unchanged: set[str]
) -> None:
    """Write ``run_dir/changes.json``: the files (parts included) that differ from the run
    ``base`` and those it had that this run lacks, so a later publish can bring a recycled run
    up to date by touching only those (delta_write.py)."""
    changed = sorted(names - unchanged)
    removed = sorted(set(before) - names)
    write_changes(run_dir, base, changed, removed)


def write_changes(run_dir: Path, base: str, changed: list[str], removed: list[str]) -> None:
    data = json.dumps({"base": base, "changed": changed, "removed": removed}, ensure_ascii=False)
    write_file(run_dir / CHANGES, data.encode("utf-8") + b"\n", durable=SYNCFS is None)


def read_changes(run_dir: Path) -> tuple[str, list[str], list[str]] | None:
    """(base run, changed, removed) recorded with a run, or None."""
    try:
        value = json.loads((run_dir / CHANGES).read_text(encoding="utf-8"))
        base, changed, removed = value["base"], value["changed"], value["removed"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(base, str) or not isinstance(changed, list) or not isinstance(removed, list):
        return None
    return base, [str(p) for p in changed], [str(p) for p in removed]
