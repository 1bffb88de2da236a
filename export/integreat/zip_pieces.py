"""Large zip entries compressed in pieces, so a changed list re-compresses only the pieces it changed.

At full size each language's ``pages/index.json`` is ~27 MB and one changed offer changes it in
every language: compressing ~400 MB again took seconds. An entry of at least :data:`BIG` bytes is
deflated as a row of pieces of about :data:`PIECE` bytes, each by a fresh compressor ending in a
full flush (the last one in the final block): together one valid deflate stream, and a piece's
compressed bytes depend on that piece's bytes alone. A piece ends between two items of a JSON
list (after ``},``) chosen by the bytes there alone (:func:`boundaries`), so an edit changes
only the piece it is in. ``package.zip.pieces`` beside the zip lists each large entry's pieces
(length, CRC-32 and Adler-32 of the input, compressed length); a re-publish takes an unchanged
piece's compressed bytes from the live zip. Full write and patch use the same pieces: the same
bytes give the same entry (tests/integreat/test_package_delta.py).
"""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path

from .swap import SYNCFS, write_file

BIG = 1 << 20
PIECE = 1 << 16
MARK = b"},"
PIECES_FILE = "package.zip.pieces"

Row = tuple[int, int, int, int]  # input length, crc32, adler32, compressed length


def boundaries(data: bytes) -> list[int]:
    """Where each piece of ``data`` ends: after a ``},`` whose 32 bytes before it have a CRC-32
    ending in five zero bits (about every 32nd item), so a boundary depends only on the bytes
    around it and an edit moves no boundary but its own; pieces of at least PIECE // 4 and at
    most 4 * PIECE bytes (a cut there when no mark comes)."""
    ends: list[int] = []
    size = len(data)
    start = 0
    pos = PIECE // 4
    crc32 = zlib.crc32
    while pos < size:
        cut = data.find(MARK, pos, start + 4 * PIECE)
        if cut < 0:
            end = min(start + 4 * PIECE, size)
        else:
            end = cut + len(MARK)
            if crc32(data[max(0, end - 32) : end]) & 31:
                pos = end
                continue
        ends.append(end)
        start = end
        pos = end + PIECE // 4
    if start < size:
        ends.append(size)
    return ends


def _deflate(chunk: bytes | memoryview, last: bool) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(chunk) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)


def compress(
    data: bytes, old_rows: list[Row] | None = None, old_data: bytes | None = None
) -> tuple[bytes, list[Row], int]:
    """(deflated ``data``, its rows, pieces taken from ``old_data``): the compressed bytes of an
    earlier version of the entry whose rows are ``old_rows``, for the pieces that did not change."""
    known: dict[tuple[int, int, int], tuple[int, int]] = {}  # pieces ending in a full flush
    last_known: tuple[tuple[int, int, int], tuple[int, int]] | None = None  # the one in the final block
    if old_rows and old_data is not None:
        start = 0
        for index, (length, crc, adler, compressed) in enumerate(old_rows):
            if index == len(old_rows) - 1:
                last_known = ((length, crc, adler), (start, compressed))
            else:
                known.setdefault((length, crc, adler), (start, compressed))
            start += compressed
    view = memoryview(data)
    out: list[bytes] = []
    rows: list[Row] = []
    reused = 0
    begin = 0
    ends = boundaries(data)
    for number, end in enumerate(ends):
        chunk = view[begin:end]
        key = (end - begin, zlib.crc32(chunk), zlib.adler32(chunk))
        last = number == len(ends) - 1
        if last:
            old = last_known[1] if last_known is not None and last_known[0] == key else None
        else:
            old = known.get(key)
        if old is not None and old_data is not None:
            piece = old_data[old[0] : old[0] + old[1]]
            reused += 1
        else:
            piece = _deflate(chunk, last)
        out.append(piece)
        rows.append((*key, len(piece)))
        begin = end
    if not ends:
        out.append(_deflate(b"", True))
    return b"".join(out), rows, reused


def read_rows(zip_path: Path) -> dict[str, list[Row]]:
    try:
        value = json.loads((zip_path.parent / PIECES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): [tuple(r) for r in v] for k, v in value.items() if isinstance(v, list)}


def write_rows(zip_path: Path, rows: Mapping[str, list[Row]]) -> None:
    data = json.dumps({k: [list(r) for r in v] for k, v in sorted(rows.items())}, separators=(",", ":"))
    write_file(zip_path.parent / PIECES_FILE, data.encode("utf-8") + b"\n", durable=SYNCFS is None)


def entry_header(info: zipfile.ZipInfo, data: bytes, compressed: bytes) -> bytes:
    """The local header zipfile writes for an entry of these bytes (as ``open(info, "w",
    force_zip64=True)`` leaves it once its sizes are known)."""
    info.CRC, info.compress_size, info.file_size = zlib.crc32(data), len(compressed), len(data)
    info.flag_bits = 0
    return info.FileHeader(True)


def append_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, header: bytes, compressed: bytes) -> None:
    """Write an entry (local header and compressed bytes) at the end of ``archive``'s entries."""
    target = archive.fp
    assert target is not None
    if target.tell() != archive.start_dir:
        target.seek(archive.start_dir)
    info.header_offset = archive.start_dir
    target.write(header)
    target.write(compressed)
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info
    archive.start_dir += len(header) + len(compressed)
