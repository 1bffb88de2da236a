"""Comparing two zips of a package: what a delta write's patched zip shares with a full write's
(tests/integreat/test_package_delta.py, test_incremental.py)."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path


def zip_entries(path: Path) -> dict[str, tuple[bytes, tuple, int]]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {i.filename: (archive.read(i), i.date_time, i.external_attr) for i in archive.infolist()}


def zip_layout(path: Path) -> list[tuple[str, bytes, tuple]]:
    """What a patched zip shares with a full write, entry by entry in directory order: the local
    header and compressed data byte for byte, and every field of the directory record but the
    offset (a patch appends changed entries: they lie elsewhere, old bytes left between)."""
    raw = path.read_bytes()
    out = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            start = info.header_offset
            name_length, extra_length = struct.unpack_from("<HH", raw, start + 26)
            end = start + 30 + name_length + extra_length + info.compress_size
            record = (
                info.CRC,
                info.compress_size,
                info.file_size,
                info.date_time,
                info.external_attr,
                info.create_version,
                info.extract_version,
                info.flag_bits,
                info.compress_type,
                info.extra,
            )
            out.append((info.filename, raw[start:end], record))
    return out
