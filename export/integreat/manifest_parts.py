"""The manifest's list of files, split into parts so a re-publish rewrites only the parts it touches.

At full size a package has ~419,000 files; one list of them was a 69 MB manifest written (and
read) by every publish. Now ``manifest.json`` holds the package's own fields, ``file_count``
and ``parts``: for each part its path (``manifest/NNNN.json``), its SHA-256 and how many files
it lists. A part lists ``{path: {"bytes": n, "sha256": hex}}`` for the files whose path falls
into it (CRC-32 of the path modulo the number of parts, a power of two chosen so a part holds
about :data:`PART_FILES` files). A change of 50 files rewrites at most 50 parts (~70 KB each).
The same files give the same parts, whatever the order they were written in.

Readers use :func:`listed_files` (``publish verify``, the writer's reuse, the tests); a manifest
from before the split (``"files"`` in ``manifest.json``) is read as well.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path

PART_FILES = 512  # files per part on average
PART_FOLDER = "manifest"


class ManifestError(ValueError):
    """A manifest part is missing, damaged or not what the manifest names."""


def part_count(files: int) -> int:
    """How many parts a package of ``files`` files has: 1, 2, 4, … (about PART_FILES each)."""
    count = 1
    while count * PART_FILES < files:
        count *= 2
    return count


def part_of(relpath: str, parts: int) -> int:
    return zlib.crc32(relpath.encode("utf-8")) % parts


def part_path(number: int) -> str:
    return f"{PART_FOLDER}/{number:04d}.json"


def is_part(relpath: str) -> bool:
    return relpath.startswith(PART_FOLDER + "/")


_quote = json.encoder.encode_basestring  # what ensure_ascii=False uses


def part_bytes(entries: Iterable[tuple[str, Mapping[str, object]]]) -> bytes:
    """A part's bytes: one file per line, sorted by path (``json.loads`` reads it back)."""
    lines = [
        f'{_quote(path)}: {{"bytes": {int(entry["bytes"])}, "sha256": {_quote(str(entry["sha256"]))}}}'  # type: ignore[call-overload]
        for path, entry in sorted(entries)
    ]
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8") if lines else b"{}\n"


def split(files: Mapping[str, Mapping[str, object]]) -> dict[int, tuple[bytes, int]]:
    """Every part of a package with these files: number -> (bytes, how many files it lists);
    empty parts too (the number of parts is fixed by the number of files)."""
    count = part_count(len(files))
    grouped: dict[int, list[tuple[str, Mapping[str, object]]]] = {n: [] for n in range(count)}
    for path, entry in files.items():
        grouped[part_of(path, count)].append((path, entry))
    return {number: (part_bytes(entries), len(entries)) for number, entries in grouped.items()}


def part_entry(number: int, data: bytes, files: int) -> dict[str, object]:
    """What manifest.json says of a part (``files``: how many it lists)."""
    return {
        "path": part_path(number),
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "files": files,
    }


def parse_part(data: bytes, where: str) -> dict[str, dict[str, object]]:
    try:
        value = json.loads(data)
    except ValueError as exc:
        raise ManifestError(f"{where}: not JSON") from exc
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ManifestError(f"{where}: not a list of files")
    return value


def parts_of(manifest: Mapping[str, object]) -> list[dict[str, object]] | None:
    parts = manifest.get("parts")
    if not isinstance(parts, list) or not all(
        isinstance(p, dict) and isinstance(p.get("path"), str) and is_part(str(p["path"])) for p in parts
    ):
        return None
    return parts


def read_part(folder: Path, part: Mapping[str, object], check: bool = True) -> dict[str, dict[str, object]]:
    """One part's files; ``check``: its bytes must have the SHA-256 the manifest names."""
    where = str(part["path"])
    try:
        data = (folder / where).read_bytes()
    except OSError as exc:
        raise ManifestError(f"{where}: missing") from exc
    if check and hashlib.sha256(data).hexdigest() != part.get("sha256"):
        raise ManifestError(f"{where}: SHA-256 differs from the manifest")
    return parse_part(data, where)


def with_parts(folder: Path, manifest: Mapping[str, object]) -> dict[str, dict[str, object]]:
    """Every file of the package folder but manifest.json, the parts included (as the writer's
    reuse compares them): path -> {"bytes", "sha256"}."""
    files = listed_files(folder, manifest)
    for part in parts_of(manifest) or []:
        files[str(part["path"])] = {"bytes": part.get("bytes"), "sha256": part.get("sha256")}
    return files


def listed_files(
    folder: Path, manifest: Mapping[str, object], check: bool = True
) -> dict[str, dict[str, object]]:
    """Every file the manifest lists, path -> {"bytes", "sha256"} (ManifestError if a part is bad).
    Reads all parts: O(package), for a full publish, ``publish verify`` and the tests."""
    old = manifest.get("files")
    if isinstance(old, dict):  # a manifest from before the split
        return {k: v for k, v in old.items() if isinstance(k, str) and isinstance(v, dict)}
    parts = parts_of(manifest)
    if parts is None:
        raise ManifestError("manifest.json lists no files")
    files: dict[str, dict[str, object]] = {}
    for part in parts:
        files.update(read_part(Path(folder), part, check))
    return files
