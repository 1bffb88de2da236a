"""What a process remembers of shaping (shaped runs, advances, widths), bounded by bytes.

Four caches keep HarfBuzz's work for the next line, flyer or page: ``shaping`` (whole shaped
runs), ``pdf`` (advances of a string, its width at a size) and ``breaking`` (each character's
advance). Bounded by entry counts they grew by ~145 KiB per offer of a brochure, 1.4 GB at
10,000 offers, because a brochure's texts are nearly all different. Here they share one
budget in bytes, least recently used first out: a print run or a brochure's repeated labels
stay, an offer's description seen once leaves. Dropping an entry only costs shaping it again:
the documents are the same whatever was dropped (tests/flyers/test_remembered.py).

An entry's size is estimated from its parts' lengths with CPython's (3.11, 64-bit) sizes as
the allocator rounds them: the key's tuple and text, the value's tuples and the integers that
are not the interpreter's shared small ones, plus the table's own cost per entry. A text shared
by several keys counts in each, so the estimate errs high. The test holds it against
``tracemalloc``.
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

# 256 MiB for the four together: a 500-offer brochure (~75 MiB) drops nothing, a flyer's
# print run keeps everything it repeats.
BUDGET = 256 * 2**20

_ENTRY = 112  # the table's slot, its order node and its share of the free slots
_INT = 32  # an int object outside -5..256 (28 bytes, allocated in 16s)
_FLOAT = 32


def _tuple(length: int) -> int:
    """A tuple of ``length`` references (GC header included), as the allocator rounds it."""
    return (40 + 8 * length + 15) & ~15


def _text(text: str) -> int:
    """A str as the allocator rounds it (its size depends on its widest character)."""
    return (sys.getsizeof(text) + 15) & ~15


def _ints(values: Any) -> int:
    """The int objects among ``values`` that are not the interpreter's shared small ones."""
    return _INT * sum(1 for value in values if type(value) is int and not -5 <= value <= 256)


def _key(key: tuple[Any, ...]) -> int:
    """The key's tuple and the text in it (position 2, after the tag and the font)."""
    return _ENTRY + _tuple(len(key)) + _text(key[2])


def _shaped_size(key: tuple[Any, ...], value: tuple[tuple[Any, ...], ...]) -> int:
    """A shaped run: per glyph a 9-tuple, its characters' tuple, and its numbers."""
    size = _key(key) + _tuple(len(value))
    for glyph in value:
        characters = glyph[1]
        size += _tuple(9) + _tuple(len(characters)) + _ints(characters) + _ints(glyph)
    return size


def _advances_size(key: tuple[Any, ...], value: tuple[int, ...]) -> int:
    """Advances (per glyph or per character): a tuple of ints."""
    return _key(key) + _tuple(len(value)) + _ints(value)


def _width_size(key: tuple[Any, ...], value: tuple[int, float]) -> int:
    """A width: glyph count and total, beside the key's own size (a float)."""
    return _key(key) + _FLOAT + _tuple(2) + _ints(value[:1]) + _FLOAT


# An entry's size by its key's tag (the key's first item names the cache it belongs to).
SIZES: dict[str, Callable[[tuple[Any, ...], Any], int]] = {
    "shaped": _shaped_size,
    "advances": _advances_size,
    "units": _advances_size,
    "width": _width_size,
}


class Remembered:
    """One table for all four caches, keys tagged by their cache, evicted least recently used
    first once the estimated bytes pass the budget."""

    __slots__ = ("entries", "budget", "used", "evicted")

    def __init__(self, budget: int = BUDGET) -> None:
        self.entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.budget = budget
        self.used = 0
        self.evicted = 0

    def get(self, key: tuple[Any, ...]) -> Any:
        """The value remembered for ``key`` (now the most recently used), or None."""
        value = self.entries.get(key)
        if value is not None:
            self.entries.move_to_end(key)
        return value

    def put(self, key: tuple[Any, ...], value: Any) -> Any:
        """Remember ``value`` (not None) for ``key``, dropping the least recently used entries
        the budget has no room for; returns ``value``."""
        entries = self.entries
        if key in entries:
            return value
        entries[key] = value
        self.used += SIZES[key[0]](key, value)
        while self.used > self.budget and entries:
            old_key, old_value = entries.popitem(last=False)
            self.used -= SIZES[old_key[0]](old_key, old_value)
            self.evicted += 1
        return value

    def resize(self, budget: int) -> None:
        """A new budget (tests force evictions with a small one); drops what no longer fits."""
        self.budget = budget
        while self.used > budget and self.entries:
            old_key, old_value = self.entries.popitem(last=False)
            self.used -= SIZES[old_key[0]](old_key, old_value)
            self.evicted += 1

    def clear(self) -> None:
        self.entries.clear()
        self.used = self.evicted = 0

    def bytes_by_cache(self) -> dict[str, int]:
        """Estimated bytes per cache (for the benchmarks' notes and the tests)."""
        out: dict[str, int] = {}
        for key, value in self.entries.items():
            out[key[0]] = out.get(key[0], 0) + SIZES[key[0]](key, value)
        return out


# The process's one table: the fonts it serves (``pdf.py``) live as long as the process.
REMEMBERED = Remembered()
