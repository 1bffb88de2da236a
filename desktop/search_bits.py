"""Sets of offer slots as Python ints (bitmaps), made and read in C: the search index's
postings (desktop/search_index.py, search_postings.py) and the list's row picking."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import compress, repeat

DIGITS = bytes.maketrans(b"\x00\x01", b"01")
FLAGS = bytes.maketrans(b"01", b"\x00\x01")  # the other way: binary digits to 0/1 flags
FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")


def consume(iterator: Iterator[object]) -> None:
    deque(iterator, maxlen=0)


def bitmap_of(slots: Iterable[int], size: int) -> int:
    """A bitmap with the given slots (all below ``size``) set, built in C: one flag byte per
    slot, then the flags read as a binary number."""
    if not size:
        return 0
    flags = bytearray(size)
    consume(map(flags.__setitem__, slots, repeat(1)))
    return int(flags.translate(DIGITS)[::-1], 2)


is_one = "1".__eq__  # a C function: map() over a bitmap's digits stays in C


def slots_of(bitmap: int) -> list[int]:
    """The set bits of a bitmap, lowest first."""
    return list(compress(range(bitmap.bit_length()), map(is_one, reversed(bin(bitmap)))))
