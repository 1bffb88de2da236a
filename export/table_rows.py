"""A spreadsheet's rows held compactly: each row its cells joined by a null character, as
compressed UTF-8 bytes.

A provider list of 20,000 rows and 11 columns is 220,000 cell strings and 20,000 lists as Python
objects: about 700 bytes a row before any text, 1.7 times the file; the import's preview keeps the
table (the dialog shows and edits every cell) beside what it read from it. Packed, a row costs a
third to a half of its text. A row is unpacked when it is read (``rows[i]`` is a new list: change
a row by assigning it); the last row read is kept unpacked, as a table view asks for it cell by
cell. A cell never holds a null character (a CSV with one is refused; XML cannot carry one); a row
whose cells do (an xlsx's ``_x0000_`` escape) is kept as a tuple.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

_SEP = "\x00"


class Rows(Sequence[list[str]]):
    """A list of rows of cells, stored joined (see the module's comment)."""

    def __init__(self, rows: Iterable[Sequence[str]] = ()):
        self._rows: list[bytes | tuple[str, ...]] = []
        self._last: tuple[int, list[str]] | None = None  # (index, cells) of the row read last
        for row in rows:
            self.append(row)

    @staticmethod
    def _pack(cells: Sequence[str]) -> bytes | tuple[str, ...]:
        if any(_SEP in cell for cell in cells):
            return tuple(cells)
        # a row of one empty cell and an empty row must stay apart: an empty row is the empty tuple
        return zlib.compress(_SEP.join(cells).encode("utf-8"), 1) if cells else ()

    @staticmethod
    def _unpack(packed: bytes | tuple[str, ...]) -> list[str]:
        if isinstance(packed, tuple):
            return list(packed)
        return zlib.decompress(packed).decode("utf-8").split(_SEP)

    def append(self, cells: Sequence[str]) -> None:
        self._rows.append(self._pack(cells))

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> list[str]: ...

    @overload
    def __getitem__(self, index: slice) -> Rows: ...

    def __getitem__(self, index: int | slice) -> list[str] | Rows:
        if isinstance(index, slice):
            part = Rows()
            part._rows = self._rows[index]
            return part
        if index < 0:
            index += len(self._rows)
        if self._last is None or self._last[0] != index:
            self._last = (index, self._unpack(self._rows[index]))  # IndexError as a list's
        return list(self._last[1])

    def __setitem__(self, index: int, cells: Sequence[str]) -> None:
        self._rows[index] = self._pack(cells)
        self._last = None

    def __iter__(self) -> Iterator[list[str]]:
        return (self._unpack(packed) for packed in self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rows):
            return self._rows == other._rows
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == list(b) for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"Rows({list(self)!r})"

    def widen(self, width: int) -> None:
        """Every row at least ``width`` cells wide (empty cells added)."""
        for index, packed in enumerate(self._rows):
            cells = self._unpack(packed)
            if len(cells) < width:
                self._rows[index] = self._pack(cells + [""] * (width - len(cells)))
        self._last = None
