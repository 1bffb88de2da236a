"""JSON from outside parsed from a stream (ijson's C parser, events built into values here), so
an import holds the parsed values, never a file's bytes and its decoded text besides them.

Two guards the standard parser gave for free are kept: nesting deeper than ``MAX_DEPTH`` is
refused (ijson's own builder ran a 200,000-deep ``[[[…]]]`` out of memory), and what parsing would
cost is counted on the bytes before a value is built (:func:`stream_cost`; ``[{},{},…]`` is 3 bytes per
dict on disk and 72 in memory; real Integreat JSON is about twice its size in memory, and this
estimate says about four times).
Input ijson refuses (or that Python's json reads differently: NaN, lone surrogates) is handed to
the standard parser, which names the line and column of the mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

import ijson

MAX_DEPTH = 500
CHUNK = 1 << 20
SHARED = 200  # texts up to this length are kept once per distinct value


class TooDeep(Exception):
    """The JSON nests deeper than MAX_DEPTH."""


def stream_cost(stream: BinaryIO) -> tuple[int, bytes]:
    """(about what parsing costs, the first bytes) counted chunk by chunk: every value a Python
    object of 50 to 70 bytes, values separated by , or : (or opening with { [)."""
    size = tokens = 0
    head = b""
    while chunk := stream.read(CHUNK):
        head = head or chunk[:4]
        size += len(chunk)
        tokens += chunk.count(b",") + chunk.count(b":") + chunk.count(b"{") + chunk.count(b"[")
    return size + 64 * tokens, head


class _Prefixed:
    """``head`` and then the rest of ``stream`` (zip members cannot seek back)."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self.head, self.stream = head, stream

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson reads 0 bytes first to tell bytes from text
            return b""
        if self.head:
            data, self.head = self.head, b""
            return data
        return self.stream.read(size)


def load(stream: BinaryIO, memo: dict[str, str] | None = None) -> Any:
    """The one JSON value in ``stream`` (UTF-8, a byte order mark allowed). Raises TooDeep, or
    ijson's errors for anything it does not read. Keys and short texts are kept once per distinct
    value in ``memo`` (pass one memo to files read together: languages repeat each other's paths)."""
    head = stream.read(3)
    source = _Prefixed(b"" if head == b"\xef\xbb\xbf" else head, stream)
    stack: list[Any] = []  # the containers being filled, innermost last
    keys: list[Any] = []  # per map on the stack: the key its next value goes to
    result: list[Any] = []

    def put(value: Any) -> None:
        if not stack:
            result.append(value)
        elif isinstance(stack[-1], list):
            stack[-1].append(value)
        else:
            stack[-1][keys[-1]] = value

    def open_(container: Any) -> None:
        put(container)
        stack.append(container)
        keys.append(None)
        if len(stack) > MAX_DEPTH:
            raise TooDeep

    def close() -> None:
        stack.pop()
        keys.pop()

    memo = {} if memo is None else memo

    def key(name: str) -> None:
        keys[-1] = memo.setdefault(name, name)  # one object per distinct key, as json.loads keeps it

    handlers: dict[str, Callable[[Any], None]] = {
        "start_map": lambda _v: open_({}),
        "start_array": lambda _v: open_([]),
        "end_map": lambda _v: close(),
        "end_array": lambda _v: close(),
        "map_key": key,
    }
    for event, value in ijson.basic_parse(source, use_float=True):
        handler = handlers.get(event)
        if handler is None:
            # short texts repeat (paths, dates, statuses): one object each, not one per use
            put(memo.setdefault(value, value) if event == "string" and len(value) <= SHARED else value)
        else:
            handler(value)
    if len(result) != 1:
        raise ijson.JSONError("not one JSON value")
    return result[0]
