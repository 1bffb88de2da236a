"""How the search index (desktop/search_index.py) stores its tokens compactly.

At 10,000 offers × 15 languages the index has ~148,000 tokens, and 138,000 of them occur in
one offer only (names, numbers, addresses). As a list of one array per token and a dict from
token to number, the index took 39 MiB, two thirds of it Python objects' headers (an array
object for one slot, an int object for each token's number). Here a token's offers are one
entry of a flat array when it is one offer, an array only from two on, a bitmap when many; a
token's number is found through a table of numbers placed by its hash (issue 20, round 4: 39 → 15 MiB).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from functools import reduce
from itertools import chain, compress
from operator import or_

from .search_bits import bitmap_of

_ARRAY = -1  # in ``Postings._first``: the slots are in ``_arrays``
_BITMAP = -2  # ... in ``_bitmaps``
_is_array, _is_bitmap, _is_slot = _ARRAY.__eq__, _BITMAP.__eq__, _ARRAY.__lt__  # C functions for map()


class Postings:
    """Token number -> the slots of the offers it occurs in: a bitmap (int) or an array."""

    def __init__(self) -> None:
        self._first = array("i")  # the one slot, or _ARRAY / _BITMAP
        self._arrays: dict[int, array[int]] = {}  # two slots or more, fewer than dense
        self._bitmaps: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._first)

    def get(self, number: int) -> int | array[int]:
        first = self._first[number]
        if first >= 0:
            return array("I", (first,))
        return self._arrays[number] if first == _ARRAY else self._bitmaps[number]

    def append(self, posting: int | array[int]) -> None:
        self._first.append(_ARRAY)
        self.put(len(self._first) - 1, posting)

    def put(self, number: int, posting: int | array[int]) -> None:
        self._arrays.pop(number, None)
        self._bitmaps.pop(number, None)
        if isinstance(posting, int):
            self._first[number] = _BITMAP
            self._bitmaps[number] = posting
        elif len(posting) == 1:
            self._first[number] = posting[0]
        else:
            self._first[number] = _ARRAY
            self._arrays[number] = posting

    def add(self, number: int, slot: int, dense_from: int) -> None:
        """One more offer (its slot the highest so far)."""
        first = self._first[number]
        if first == _BITMAP:
            self._bitmaps[number] |= 1 << slot
            return
        posting = self._arrays[number] if first == _ARRAY else array("I", (first,))
        posting.append(slot)
        self.put(number, bitmap_of(posting, slot + 1) if len(posting) >= dense_from else posting)

    def union(self, numbers: Sequence[int], size: int) -> int:
        """The slots of any of these tokens, as a bitmap; in C (no Python step per token)."""
        firsts = array("i", map(self._first.__getitem__, numbers))
        bits = reduce(or_, map(self._bitmaps.__getitem__, compress(numbers, map(_is_bitmap, firsts))), 0)
        arrays = map(self._arrays.__getitem__, compress(numbers, map(_is_array, firsts)))
        slots = chain(filter(_is_slot, firsts), chain.from_iterable(arrays))
        return bits | bitmap_of(slots, size)


class TokenNumbers:
    """Token -> its number, for the tokens of a list, without a dict of them all: an open-
    addressing table of numbers in an array, placed by the token's hash (4 bytes a slot, at
    most two slots a token, instead of ~70 bytes a token), and a dict only for tokens added
    after. Built in place, one token at a time: no sorted list of Python ints on the way (at
    148,000 tokens that list was the search build's peak, issue 20 round 5)."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self._tokens = tokens  # the index's list: looked at, never changed here
        size = 1 << (len(tokens) + len(tokens) // 2).bit_length()  # more than 1.5 slots a token
        self._mask = mask = size - 1
        table = self._table = array("i", (-1,)) * size
        for number, wanted in enumerate(map(hash, tokens)):
            at = wanted & mask
            while table[at] >= 0:
                at = (at + 1) & mask
            table[at] = number
        self._added: dict[str, int] = {}

    def get(self, token: str) -> int | None:
        table, mask = self._table, self._mask
        at = hash(token) & mask
        while (number := table[at]) >= 0:
            if self._tokens[number] == token:
                return number
            at = (at + 1) & mask
        return self._added.get(token)

    def add(self, token: str, number: int) -> None:
        self._added[token] = number
