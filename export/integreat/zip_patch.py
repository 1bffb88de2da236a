"""A run's zip patched instead of written anew: O(changed entries), not O(package).

The recycled spare run keeps its zip. Of the files that differ from it, the new entries are
appended where the old central directory began, then a new central directory (the old records
copied as byte slices, offsets unchanged because no old entry moved; the changed ones replaced,
removed ones left out, new ones inserted in name order) and the end records as ``zipfile``
writes them. A new entry's local header and data are made by ``zipfile`` itself with the
settings of a full write (writer._write_zip), so every entry has the bytes, name, date and
attributes a full write gives; what differs from a full write is only where entries lie (and
the old bytes of replaced entries left in between). A full publish writes the zip anew and so
compacts it; so does a patch that would pass 2 GiB (zip64 offsets) or leave more old bytes than live
ones.

Finding a name among ~419,000 entries without reading them all: ``package.zip.index`` beside
the zip holds where each central-directory record begins (binary search over the sorted names).
It is written last and removed before a patch begins: a zip without a matching index is never
patched (a kill half-way leaves a zip that the next publish writes anew).
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from array import array
from bisect import bisect_left
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from .swap import step
from .zip_pieces import BIG, Row, append_entry, entry_header, read_rows, write_rows
from .zip_pieces import compress as compress_pieces

INDEX_FILE = "package.zip.index"
_INDEX_HEAD = struct.Struct("<8sQQQQQ")  # magic, zip size, cd offset, cd size, entries, old bytes
_MAGIC = b"LZIDX001"
_CD_HEAD = struct.Struct("<4s4B4HL2L5H2L")  # zipfile's structCentralDir (46 bytes)
_END = struct.Struct("<4s4H2LH")  # structEndArchive
_END64 = struct.Struct("<4sQ2H2L4Q")  # structEndArchive64
_LOCATOR64 = struct.Struct("<4sLQL")  # structEndArchive64Locator
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # structFileHeader
_LIMIT = (1 << 31) - 1  # zipfile's ZIP64_LIMIT: offsets beyond need zip64 extras (not patched)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
COMPACT_AT = 64 << 20  # old bytes left in a zip before a patch writes it anew instead (if also > live)


def _starts(cd: bytes | memoryview, count: int) -> array[int]:
    """Where each central-directory record begins (relative to the directory)."""
    starts = array("L")
    pos = 0
    unpack = struct.Struct("<3H").unpack_from
    for _ in range(count):
        starts.append(pos)
        name, extra, comment = unpack(cd, pos + 28)
        pos += 46 + name + extra + comment
    return starts


def _end_of(data: bytes | _Shifted, size: int) -> tuple[int, int, int]:
    """(central directory offset, size, entries) from the end records of a zip without comment."""
    tail = bytes(data[size - _END.size : size])
    sig, _d, _s, _n, count, cd_size, cd_offset, comment = _END.unpack(tail)
    if sig != b"PK\x05\x06" or comment:
        raise ValueError("no end record")
    if count == 0xFFFF or cd_offset == 0xFFFFFFFF or cd_size == 0xFFFFFFFF:
        locator = bytes(data[size - _END.size - _LOCATOR64.size : size - _END.size])
        _sig, _disk, end64, _disks = _LOCATOR64.unpack(locator)
        record = _END64.unpack(bytes(data[end64 : end64 + _END64.size]))
        count, cd_size, cd_offset = record[7], record[8], record[9]
    return cd_offset, cd_size, count


def write_index(zip_path: Path, old_bytes: int = 0) -> None:
    """``package.zip.index`` for a zip just written (a full write: reads its directory once)."""
    with open(zip_path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        tail_at = max(0, size - 4096)
        handle.seek(tail_at)
        tail = handle.read()
        cd_offset, cd_size, count = _end_of(_Shifted(tail, tail_at), size)
        handle.seek(cd_offset)
        cd = handle.read(cd_size)
    _put_index(zip_path, size, cd_offset, cd_size, count, old_bytes, _starts(cd, count))


class _Shifted:
    """The tail of a file, indexed by positions in the whole file."""

    def __init__(self, data: bytes, at: int):
        self.data, self.at = data, at

    def __getitem__(self, part: slice) -> bytes:
        return self.data[part.start - self.at : part.stop - self.at]


def _put_index(
    zip_path: Path, size: int, cd_offset: int, cd_size: int, count: int, old: int, starts: array[int]
) -> None:
    step(f"write {INDEX_FILE}")
    with open(zip_path.parent / INDEX_FILE, "wb") as handle:
        handle.write(_INDEX_HEAD.pack(_MAGIC, size, cd_offset, cd_size, count, old))
        starts.tofile(handle)


def _read_index(zip_path: Path) -> tuple[int, int, int, int, int, array[int]] | None:
    try:
        with open(zip_path.parent / INDEX_FILE, "rb") as handle:
            head = handle.read(_INDEX_HEAD.size)
            magic, size, cd_offset, cd_size, count, old = _INDEX_HEAD.unpack(head)
            starts = array("L")
            starts.frombytes(handle.read())
    except (OSError, struct.error, ValueError):
        return None
    if magic != _MAGIC or len(starts) != count or os.path.getsize(zip_path) != size:
        return None
    return size, cd_offset, cd_size, count, old, starts


def entry_bytes(
    name: str, data: bytes, old_rows: list[Row] | None = None, old_data: bytes | None = None
) -> tuple[bytes, bytes, list[Row] | None]:
    """(local header + compressed data, central-directory record at offset 0, its pieces) of
    one entry, made as writer._write_zip makes it: by zipfile, or in pieces when large (the
    unchanged ones taken from ``old_data``, the compressed bytes of an earlier version)."""
    buffer = io.BytesIO()
    rows = None
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        if len(data) >= BIG:
            compressed, rows, _reused = compress_pieces(data, old_rows, old_data)
            append_entry(archive, info, entry_header(info, data, compressed), compressed)
        else:
            _deflated(archive, info, data)
        local_end = archive.start_dir
    whole = buffer.getvalue()
    cd_offset, cd_size, _count = _end_of(whole, len(whole))
    return whole[:local_end], whole[cd_offset : cd_offset + cd_size], rows


def _deflated(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    with archive.open(info, "w", force_zip64=True) as target:
        view = memoryview(data)
        for start in range(0, len(data), 1 << 20):  # as shutil.copyfileobj(source, target, 1 << 20)
            target.write(view[start : start + (1 << 20)])


class _Directory:
    """A zip's central directory as read with its index: names found by binary search."""

    def __init__(self, zip_path: Path):
        known = _read_index(zip_path)
        if known is None:
            raise ValueError("no index")
        self.size, self.offset, self.length, self.count, self.old_bytes, self.starts = known
        with open(zip_path, "rb") as handle:
            handle.seek(self.offset)
            self.cd = handle.read(self.length)
        if len(self.cd) != self.length:
            raise ValueError("short directory")

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> bytes:  # the name of entry ``index`` (for bisect)
        pos = self.starts[index]
        length = struct.unpack_from("<H", self.cd, pos + 28)[0]
        return self.cd[pos + 46 : pos + 46 + length]

    def find(self, name: bytes) -> int:
        """The entry's index, or where it would be inserted (``self[index] != name`` then)."""
        return bisect_left(self, name)

    def record(self, index: int) -> bytes:
        begin = self.starts[index]
        end = self.starts[index + 1] if index + 1 < self.count else self.length
        return self.cd[begin:end]


def _copied(
    live: _Directory | None, source: BinaryIO | None, encoded: bytes
) -> tuple[bytes, bytes, int] | None:
    """(local header + data, directory record, header length) of the live zip's entry for ``encoded``."""
    if live is None or source is None:
        return None
    index = live.find(encoded)
    if index >= live.count or live[index] != encoded:
        return None
    record = live.record(index)
    fields = _CD_HEAD.unpack_from(record, 0)
    if fields[13] or fields[14]:  # extra or comment in the directory: zip64 sizes, not copied
        return None
    source.seek(fields[18])
    head = source.read(_LOCAL.size)
    local = _LOCAL.unpack(head)
    rest = source.read(local[10] + local[11] + fields[10])
    return head + rest, record, local[10] + local[11] + _LOCAL.size


def patch_zip(
    zip_path: Path,
    folder: Path,
    differs: Mapping[str, bytes | None],
    linked: set[str] | frozenset[str] = frozenset(),
    live_zip: Path | None = None,
) -> bool:
    """Bring the zip at ``zip_path`` (the recycled spare's) to the files of ``folder``:
    ``differs`` names every file that differs from the zip (its bytes, None: gone); those in
    ``linked`` have the bytes of the live run, whose zip (``live_zip``, same settings) holds
    their entries: copied from there, else read from the folder. False, and nothing changed,
    when the zip cannot be patched."""
    try:
        names = _Directory(zip_path)
    except (ValueError, OSError):
        return False
    try:
        live: _Directory | None = _Directory(live_zip) if live_zip is not None else None
        live_source = open(live_zip, "rb") if live is not None and live_zip is not None else None  # noqa: SIM115
    except (ValueError, OSError):
        live, live_source = None, None
    try:
        return _patch(zip_path, folder, differs, linked, names, live, live_source, live_zip)
    finally:
        if live_source is not None:
            live_source.close()


def _patch(
    zip_path: Path,
    folder: Path,
    differs: Mapping[str, bytes | None],
    linked: set[str] | frozenset[str],
    names: _Directory,
    live: _Directory | None,
    live_source: BinaryIO | None,
    live_zip: Path | None,
) -> bool:
    cd_offset, cd_size, count, old_bytes = names.offset, names.length, names.count, names.old_bytes
    starts, cd = names.starts, names.cd
    rows = read_rows(zip_path)  # the spare's large entries' pieces, brought up to date below
    live_rows = read_rows(live_zip) if live is not None and live_zip is not None else {}
    name_at = names.__getitem__
    new_locals: list[bytes] = []
    pieces: list[bytes] = []
    new_starts = array("L")
    kept = 0  # records of the old directory copied so far (index of the next one)
    written = 0  # bytes of the new directory so far
    offset = cd_offset  # where the next appended entry goes
    dropped = 0  # bytes of old entries no longer listed
    source = open(zip_path, "rb")  # noqa: SIM115 - closed below

    def copy_old(upto: int) -> None:
        nonlocal kept, written
        if upto <= kept:
            return
        begin = starts[kept]
        end = starts[upto] if upto < count else cd_size
        pieces.append(cd[begin:end])
        shift = written - begin
        new_starts.extend(start + shift for start in starts[kept:upto])
        written += end - begin
        kept = upto

    for name, given in sorted(differs.items()):
        encoded = name.encode("utf-8")
        index = names.find(encoded)
        found = index < count and name_at(index) == encoded
        copy_old(index)
        if found:
            dropped += _entry_size(source, cd, starts[index])
            kept = index + 1
        rows.pop(name, None)
        if given is None:
            continue
        live_entry = _copied(live, live_source, encoded)
        if name in linked and live_entry is not None:
            local, record = live_entry[0], live_entry[1]
            if name in live_rows:
                rows[name] = live_rows[name]
        else:
            data = given if given or name not in linked else _read(folder / name)
            old = live_entry[0][live_entry[2] :] if live_entry is not None and name in live_rows else None
            local, record, made_rows = entry_bytes(name, data, live_rows.get(name), old)
            if made_rows is not None:
                rows[name] = made_rows
        if offset > _LIMIT:
            source.close()
            return False
        placed = bytearray(record)
        struct.pack_into("<L", placed, 42, offset)
        new_locals.append(local)
        new_starts.append(written)
        pieces.append(bytes(placed))
        written += len(record)
        offset += len(local)
    copy_old(count)
    source.close()
    new_count = len(new_starts)
    old_total = old_bytes + dropped  # the old directory itself is overwritten, not left
    if offset + written > _LIMIT or old_total > max(offset - old_total, COMPACT_AT):
        return False  # a full write compacts it
    step("patch package.zip")
    (zip_path.parent / INDEX_FILE).unlink(missing_ok=True)
    with open(zip_path, "r+b") as target:
        target.seek(cd_offset)
        for local in new_locals:
            target.write(local)
        new_cd_offset = target.tell()
        for piece in pieces:
            target.write(piece)
        end = target.tell()
        target.write(_end_records(new_count, written, new_cd_offset, end))
        target.truncate()
        total = target.tell()
    write_rows(zip_path, rows)
    _put_index(zip_path, total, new_cd_offset, written, new_count, old_total, new_starts)
    return True


def _read(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _entry_size(source: BinaryIO, cd: bytes, pos: int) -> int:
    """Bytes of the local entry a central-directory record points at (header, name, extra, data)."""
    fields = _CD_HEAD.unpack_from(cd, pos)
    source.seek(fields[18])
    local = _LOCAL.unpack(source.read(_LOCAL.size))
    return int(_LOCAL.size + local[10] + local[11] + fields[10])


def _end_records(count: int, cd_size: int, cd_offset: int, cd_end: int) -> bytes:
    """The end records as zipfile's _write_end_record writes them (no comment)."""
    out = b""
    if count > 0xFFFF or cd_offset > _LIMIT or cd_size > _LIMIT:
        out += _END64.pack(b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, cd_size, cd_offset)
        out += _LOCATOR64.pack(b"PK\x06\x07", 0, cd_end, 1)
        count, cd_size, cd_offset = min(count, 0xFFFF), min(cd_size, 0xFFFFFFFF), min(cd_offset, 0xFFFFFFFF)
    return out + _END.pack(b"PK\x05\x06", 0, 0, count, count, cd_size, cd_offset, 0)
