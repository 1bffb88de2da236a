"""What a process remembers of shaping (shaped runs, advances, widths), bounded by bytes.

Four caches keep HarfBuzz's work for the next line, flyer or page: ``shaping`` (whole shaped
runs), ``pdf`` (advances of a string, its width at a size) and ``breaking`` (each character's
advance). Bounded by entry counts they grew by ~145 KiB per offer of a brochure, 1.4 GB at
10,000 offers, because a brochure's texts are nearly all different. Here they share one
budget in bytes, least recently used first out: a print run or a brochure's repeated labels
stay, an offer's description seen once leaves. Dropping an entry only costs shaping it again:
the documents are the same whatever was dropped (tests/flyers/test_remembered.py).

An entry's size is estimated from its parts' lengths with CPython's (3.11, 64-bit) sizes as
the allocator rounds them: the key's tuple and text, the value's tuples and numbers, plus the
table's own cost per entry. A text shared by several keys counts in each, and so does a small
number the interpreter shares, so the estimate errs high. The test holds it against
``tracemalloc``.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

# 64 MiB for the four together. A brochure looks up what it shaped mostly within the same
# paragraph or label: at 810 offers (122 MiB if nothing is dropped) a quarter of that budget
# shaped 2 % more strings, an eighth 5 %; a flyer's print run needs a few MiB.
BUDGET = 64 * 2**20

# Computed from lengths alone (an entry is sized when it comes and again when it goes: walking
# its glyphs cost more than the lookups saved). Numbers count as int objects of their own,
# though the interpreter shares those from -5 to 256 (Latin code points, zero offsets).
_ENTRY = 112  # the table's slot, its order node and its share of the free slots
_INT = 32  # an int object (28 bytes, allocated in 16s)
_FLOAT = 32
# A glyph of a shaped run: its 9-tuple, its characters' 1-tuple, and four numbers (glyph id,
# width, advance, the character's code point).
_GLYPH = 112 + 48 + 4 * _INT


def _tuple(length: int) -> int:
    """A tuple of ``length`` references (GC header included), as the allocator rounds it."""
    return (40 + 8 * length + 15) & ~15


def _key(key: tuple[Any, ...]) -> int:
    """The key's tuple and the text in it (position 2, after the tag and the font): a str's
    size depends on its widest character, which ``sys.getsizeof`` knows without looking."""
    return _ENTRY + _tuple(len(key)) + ((sys.getsizeof(key[2]) + 15) & ~15)


def _shaped_size(key: tuple[Any, ...], value: tuple[tuple[Any, ...], ...]) -> int:
    """A shaped run: the key, the run's tuple and its glyphs."""
    return _key(key) + _tuple(len(value)) + _GLYPH * len(value)


def _advances_size(key: tuple[Any, ...], value: tuple[int, ...]) -> int:
    """Advances (per glyph or per character): a tuple of ints."""
    return _key(key) + _tuple(len(value)) + _INT * len(value)


def _width_size(key: tuple[Any, ...], value: tuple[int, float]) -> int:
    """A width: the key (with its type size, a float), glyph count and total."""
    return _key(key) + _FLOAT + _tuple(2) + _FLOAT


# An entry's size by its key's tag (the key's first item names the cache it belongs to).
SIZES: dict[str, Callable[[tuple[Any, ...], Any], int]] = {
    "shaped": _shaped_size,
    "advances": _advances_size,
    "units": _advances_size,
    "width": _width_size,
}


class Remembered:
    """One table for all four caches, keys tagged by their cache, evicted least recently used
    first once the estimated bytes pass the budget. A preview and a brochure may shape in two
    threads at once: changes to the table and its count are made under a lock (only a miss
    pays for it), and a hit whose entry another thread just dropped is still a hit."""

    __slots__ = ("entries", "budget", "used", "evicted", "_lock")

    def __init__(self, budget: int = BUDGET) -> None:
        self.entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.budget = budget
        self.used = 0
        self.evicted = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any:
        """The value remembered for ``key`` (now the most recently used), or None."""
        value = self.entries.get(key)
        if value is not None:
            try:
                self.entries.move_to_end(key)
            except KeyError:  # dropped by another thread meanwhile
                pass
        return value

    def put(self, key: tuple[Any, ...], value: Any) -> Any:
        """Remember ``value`` (not None) for ``key``, dropping the least recently used entries
        the budget has no room for; returns ``value``."""
        with self._lock:
            if key not in self.entries:
                self.entries[key] = value
                self.used += SIZES[key[0]](key, value)
                self._fit()
        return value

    def resize(self, budget: int) -> None:
        """A new budget (tests force evictions with a small one); drops what no longer fits."""
        with self._lock:
            self.budget = budget
            self._fit()

    def _fit(self) -> None:
        entries = self.entries
        while self.used > self.budget and entries:
            old_key, old_value = entries.popitem(last=False)
            self.used -= SIZES[old_key[0]](old_key, old_value)
            self.evicted += 1

    def clear(self) -> None:
        with self._lock:
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
