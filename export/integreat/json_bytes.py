"""The package's JSON bytes, each page or place object encoded once per publish.

A page object is in many files: ``pages/``, the page-tree answers ``children/``, ``parents/``
and ``page/`` by id and by URL, at several depths; encoding it anew for every file was the
largest part of a publish (profile in docs/benchmarks.md). The package's JSON is compact
(``separators=(",", ":")``), so a list's bytes are ``[`` + its items' bytes joined by ``,`` +
``]``: byte for byte what ``json.dumps`` of the whole list gives
(tests/integreat/test_json_bytes.py).
"""

from __future__ import annotations

import json
from typing import Any

_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode


def encode(value: Any) -> bytes:
    """Deterministic JSON: sorted keys, no extra spaces, UTF-8 (no trailing newline)."""
    return _ENCODE(value).encode("utf-8")


def dump(value: Any) -> bytes:
    """A file's bytes: deterministic JSON and one trailing newline (bytes, such as a calendar,
    as they are)."""
    if isinstance(value, bytes):
        return value
    return encode(value) + b"\n"


class Dumper:
    """``dump`` with the bytes of each object (a dict at the top or in a top-level list)
    remembered for the objects given again in later files. An object is remembered by its
    identity and kept alive meanwhile (so its id is not reused); the objects a package hands
    out are not changed after they were given, and ``forget`` drops them (per language)."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, bytes]] = {}

    def forget(self) -> None:
        self._known.clear()

    def _one(self, value: Any) -> bytes:
        if not isinstance(value, dict):
            return encode(value)
        known = self._known.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        data = encode(value)
        self._known[id(value)] = (value, data)
        return data

    def __call__(self, value: Any) -> bytes:
        if isinstance(value, bytes):
            return value
        if isinstance(value, list):
            return b"[" + b",".join([self._one(item) for item in value]) + b"]\n"
        return self._one(value) + b"\n"


_FILES = "\ue000files of the manifest\ue000"  # a stand-in no manifest value holds


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """``json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1)`` + newline, made
    fast: ``indent`` leaves json's C encoder out, and the list of files (one entry per file,
    hundreds of thousands at full size) is written here line by line instead."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(v, dict) and v.keys() == {"bytes", "sha256"} for v in files.values()
    ):
        return _indented(manifest)
    head = _indented({**manifest, "files": _FILES}).decode("utf-8")
    quote = json.encoder.encode_basestring  # what ensure_ascii=False uses for a string
    body = ",\n".join(
        f'  {quote(path)}: {{\n   "bytes": {_number(entry["bytes"])},\n'
        f'   "sha256": {quote(entry["sha256"])}\n  }}'
        for path, entry in sorted(files.items())
    )
    block = "{\n" + body + "\n }" if files else "{}"
    return head.replace(quote(_FILES), block, 1).encode("utf-8")


def _number(value: Any) -> str:
    return str(value) if type(value) is int else json.dumps(value)


def _indented(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"
