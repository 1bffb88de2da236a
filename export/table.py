"""Spreadsheets in and out: CSV (any common dialect) and Excel .xlsx.

Reading: UTF-8 (with or without byte order mark) first, otherwise the encoding is
detected (charset-normalizer) and named in the result; an .xlsx with
merged cells or formulas in the data is refused with the cells named, because
the values a person sees there are not the values in the file. Writing guards
against formula injection (OWASP): a text cell that starts with ``= + - @``, a tab or a
carriage return gets a quote in front, whatever follows (line breaks included).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from models.i18n import N_

from .safe_input import InputRejected
from .table_rows import Rows
from .text_files import open_text, text_encoding

MAX_ROWS = 20000
MAX_TABLE_BYTES = 30 * 1024 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    headers: list[str]
    rows: Rows  # a list of rows given here is made a Rows (compact: see export/table_rows.py)
    row_numbers: list[int] = field(default_factory=list)  # as the user sees them (1 = header line)
    encoding: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.rows, Rows):
            self.rows = Rows(self.rows)


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most rows of one width (two or more
    columns): a title line above the headings ("Liste der AWO, Stand März") does not decide."""
    sample = text[:65536]
    best, best_score = ";", (0, 0)
    for candidate in (";", ",", "\t", "|"):
        try:
            records = list(
                itertools.islice(csv.reader(io.StringIO(sample, newline=""), delimiter=candidate), 50)
            )
        except csv.Error:
            continue
        widths = Counter(len(r) for r in records if any(c.strip() for c in r))
        width, count = max(widths.items(), key=lambda wc: (wc[1], wc[0]), default=(0, 0))
        score = (count, width) if width >= 2 else (0, 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def read_csv(path: Path, encoding: str = "auto") -> Table:
    """Row by row from the file: the encoding is found chunk by chunk (text_files), the delimiter
    from the first 64 KB, and only the rows are kept, never the file's bytes or its whole text."""
    path = Path(path)
    used = text_encoding(path, MAX_TABLE_BYTES, encoding)  # the size is checked before a byte is read
    with open_text(path, MAX_TABLE_BYTES, used) as handle:
        delimiter = detect_delimiter(handle.read(65536))
    with open_text(path, MAX_TABLE_BYTES, used) as handle:
        try:
            return _table(_text_rows(csv.reader(handle, delimiter=delimiter), path.name), path.name, used)
        except csv.Error as exc:
            raise InputRejected(
                N_("“{name}” is not a valid CSV file ({exc}).", name=path.name, exc=exc)
            ) from exc
        except UnicodeDecodeError as exc:  # the file changed after its encoding was checked
            raise InputRejected(
                N_("“{name}” cannot be read as {encoding} ({exc}).", name=path.name, encoding=used, exc=exc)
            ) from exc


def _text_rows(reader: Iterable[list[str]], name: str) -> Iterator[list[str]]:
    for line in reader:
        if any("\x00" in cell for cell in line):
            raise InputRejected(N_("“{name}” is not a text file (it contains null bytes).", name=name))
        yield line


def _table(lines: Iterable[Sequence], name: str, encoding: str = "") -> Table:
    """The first non-empty line is the headings; rows numbered as the user sees them (1 = first
    line). Read as the lines come, so a reader that streams keeps only the rows."""
    headers: list[str] | None = None
    rows = Rows()
    numbers: list[int] = []
    for number, line in enumerate(lines, start=1):
        cells = [unescape_cell(("" if v is None else str(v)).strip()) for v in line]
        if not any(cells):
            continue
        if headers is None:
            headers = cells
            continue
        if len(rows) >= MAX_ROWS:
            raise InputRejected(N_("“{name}” has more than {max_rows} rows.", name=name, max_rows=MAX_ROWS))
        rows.append(cells)
        numbers.append(number)
    if headers is None:
        raise InputRejected(N_("“{name}” is empty.", name=name))
    rows.widen(len(headers))
    return Table(headers=headers, rows=rows, row_numbers=numbers, encoding=encoding)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return str(value)


def read_table(path: Path, encoding: str = "auto", sheet: str | None = None) -> Table:
    path = Path(path)
    if not path.is_file():
        raise InputRejected(N_("There is no file “{path}”.", path=path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from .xlsx_read import read_xlsx

        return read_xlsx(path, sheet)
    if suffix in (".csv", ".tsv", ".txt"):
        return read_csv(path, encoding)
    raise InputRejected(
        N_("“{name}”: .csv and .xlsx are read (for .xls: save it as .xlsx in Excel).", name=path.name)
    )


def _safe_cell(value) -> str:
    """A spreadsheet must not run what a cell says: ``=HYPERLINK(…)`` goes out as ``'=HYPERLINK(…)``.

    OWASP's rule, not a guess at what a formula looks like: a pattern for "+ followed by
    letters" did not cross a line break, so ``+1⏎+cmd|…`` went out bare. A phone number
    ``+49 241 1234`` gets the quote too; reading our own export back removes it. Numbers
    we write ourselves (int, float) cannot be formulas and stay numbers."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`_safe_cell` when reading our own exports back."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def write_csv(headers: list[str], rows: list[list]) -> bytes:
    """UTF-8 with BOM and semicolons, as Excel in a German locale opens it directly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow([_safe_cell(v) for v in row])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def write_xlsx(headers: list[str], rows: list[list], sheet_title: str = "Angebote") -> bytes:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet_title[:31]
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=column, value=str(header))
        cell.font = Font(bold=True)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.value = value
            else:
                cell.value = "" if value is None else str(value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
    ws.freeze_panes = "A2"
    for column, header in enumerate(headers, start=1):
        width = max([len(str(header))] + [min(len(str(row[column - 1] or "")), 60) for row in rows[:200]])
        ws.column_dimensions[get_column_letter(column)].width = max(8, min(width + 2, 62))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
