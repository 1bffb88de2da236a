"""Reading an Excel workbook (.xlsx) as a stream: one pass over the chosen sheet's XML, row by row
(openpyxl's own sheet parser, as its read-only mode uses it), keeping only the cells' texts.

The old reader loaded the whole workbook (``read_only=False``) to see merged cells and walked it
twice: a 4 MB file of 20,000 rows grew the process by 136 MB. Merged ranges are listed after the
rows in the sheet's XML, so the same pass collects them; formulas are noted as the cells go by.
A workbook with merged cells or formulas is refused as before, with the cells named.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from models.i18n import N_

from .safe_archive import ArchiveLimits, NotAnArchive, SafeArchive
from .safe_input import InputRejected
from .table import MAX_TABLE_BYTES, Table, _cell_text, _table

# A workbook is a zip of XML parts, bounded before openpyxl opens it.
XLSX_LIMITS = ArchiveLimits(members=500, member_bytes=150 * 1024 * 1024, total_bytes=200 * 1024 * 1024)


def _check_zip(path: Path) -> None:
    """The workbook's zip checked as a whole (the one safe-archive reader) before openpyxl opens it."""
    try:
        SafeArchive(path, XLSX_LIMITS, path_limit=MAX_TABLE_BYTES).close()
    except NotAnArchive as exc:
        raise InputRejected(N_("“{name}” is not an Excel file (.xlsx).", name=path.name)) from exc


def _unreadable(path: Path, exc: Exception) -> InputRejected:
    return InputRejected(
        N_(
            "“{name}” cannot be read as an Excel file ({error}: {exc}).",
            name=path.name,
            error=type(exc).__name__,
            exc=exc,
        )
    )


class _SheetPass:
    """The sheet's rows as lists of values (rows and columns from 1, gaps filled), noting formula
    cells on the way; ``merged`` holds the merged ranges once the rows are through."""

    def __init__(self, ws: Any):
        self.ws = ws
        self.formulas: list[str] = []
        self.merged: list[str] = []
        self.width = 0

    def rows(self) -> Iterator[list[Any]]:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet._reader import WorkSheetParser

        book = self.ws.parent
        with self.ws._get_source() as source:
            parser = WorkSheetParser(
                source,
                self.ws._shared_strings,
                data_only=False,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            expected = 1
            for index, cells in parser.parse():
                for _gap in range(expected, index):
                    yield []
                expected = index + 1
                values: list[Any] = [None] * (max((c["column"] for c in cells), default=0))
                self.width = max(self.width, len(values))
                for cell in cells:
                    if cell["data_type"] == "f":
                        self.formulas.append(f"{get_column_letter(cell['column'])}{index}")
                    values[cell["column"] - 1] = cell["value"]
                yield values
            if parser.merged_cells is not None:
                self.merged = [str(m.ref) for m in parser.merged_cells.mergeCell]


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    path = Path(path)
    _check_zip(path)  # the file's size first, then every member's (before openpyxl is even loaded)
    import openpyxl  # defusedxml is installed, so openpyxl parses the sheets without entity expansion

    try:
        book = openpyxl.load_workbook(path, data_only=False, read_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise _unreadable(path, exc) from exc
    try:
        try:
            ws = book[sheet] if sheet else book.worksheets[0]
        except KeyError as exc:
            raise InputRejected(
                N_(
                    "“{name}” has no sheet “{sheet}” (sheets: {join}).",
                    name=path.name,
                    sheet=sheet,
                    join=", ".join(book.sheetnames),
                )
            ) from exc
        sheet_pass = _SheetPass(ws)
        refused: InputRejected | None = None
        try:
            table = _table(([_cell_text(v) for v in row] for row in sheet_pass.rows()), path.name, "xlsx")
        except InputRejected as exc:
            refused = exc
        except Exception as exc:  # noqa: BLE001 - a broken sheet part
            raise _unreadable(path, exc) from exc
    finally:
        book.close()
    _refuse(path, ws.title, sheet_pass)  # merged cells and formulas are named before anything else
    if refused is not None:
        raise refused
    width = max(sheet_pass.width, len(table.headers))  # every row as wide as the sheet, as Excel shows it
    table.headers.extend([""] * (width - len(table.headers)))
    table.rows.widen(width)
    return table


def _refuse(path: Path, title: str, sheet_pass: _SheetPass) -> None:
    """Merged cells and formulas: the values a person sees there are not the values in the file."""
    if sheet_pass.merged:
        raise InputRejected(
            N_(
                "“{name}” (sheet “{title}”) has merged cells: {join}. Lotse cannot "
                "tell which row their value belongs to. Unmerge them and fill in every "
                "cell.",
                name=path.name,
                title=title,
                join=", ".join(sheet_pass.merged[:5]),
            )
        )
    formulas = sheet_pass.formulas
    if formulas:
        raise InputRejected(
            N_(
                "“{name}” (sheet “{title}”) has formulas in {join}{value}. Replace "
                "them by their values (copy, paste special: values).",
                name=path.name,
                title=title,
                join=", ".join(formulas[:5]),
                value=" …" if len(formulas) > 5 else "",
            )
        )
