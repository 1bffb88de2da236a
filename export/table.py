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
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from models.i18n import N_

from .safe_archive import ArchiveLimits, NotAnArchive, SafeArchive, read_bounded
from .safe_input import InputRejected

MAX_ROWS = 20000
MAX_TABLE_BYTES = 30 * 1024 * 1024
# A workbook is a zip of XML parts; openpyxl reads them all, so they are bounded before it starts.
XLSX_LIMITS = ArchiveLimits(members=500, member_bytes=150 * 1024 * 1024, total_bytes=200 * 1024 * 1024)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int] = field(default_factory=list)  # as the user sees them (1 = header line)
    encoding: str = ""


def decode_text(data: bytes, name: str, encoding: str) -> tuple[str, str]:
    if encoding and encoding != "auto":
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputRejected(
                N_("“{name}” cannot be read as {encoding} ({exc}).", name=name, encoding=encoding, exc=exc)
            ) from exc
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        detected = detect_encoding(data)
        if detected:
            return data.decode(detected), detected
        snippet = data[max(exc.start - 15, 0) : exc.end + 15].decode("cp1252", errors="replace")
        raise InputRejected(
            N_(
                "“{name}” is not saved as UTF-8 and its encoding cannot be recognised "
                "(byte {start}: “…{snippet}…”). Save it from Excel as “CSV UTF-8” or "
                "name its encoding (--encoding windows-1252).",
                name=name,
                start=exc.start,
                snippet=snippet,
            )
        ) from exc


# What spreadsheets in German offices come in besides UTF-8. Asked among all code pages,
# charset-normalizer takes a short German list for Big5; among these it answers well.
_CANDIDATES = ["cp1252", "cp1250", "latin_1", "iso8859_15", "cp850", "mac_roman", "utf_16"]
_WESTERN = {"cp1250", "latin_1", "iso8859_15", "iso8859_2"}


def detect_encoding(data: bytes) -> str | None:
    """The encoding of text that is not UTF-8, or None. Excel on Windows writes windows-1252:
    where the guess is a close relative and windows-1252 reads the bytes, that wins."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=_CANDIDATES).best()
    if best is None:
        return None
    guess = best.encoding
    if guess in _WESTERN or guess == "cp1252":
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    try:
        data.decode(guess)
    except (UnicodeDecodeError, LookupError):
        return None
    return guess


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
    path = Path(path)
    data = read_bounded(path, MAX_TABLE_BYTES)  # the size is checked before a byte is read
    text, used = decode_text(data, path.name, encoding)
    if "\x00" in text:
        raise InputRejected(N_("“{name}” is not a text file (it contains null bytes).", name=path.name))
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise InputRejected(N_("“{name}” is not a valid CSV file ({exc}).", name=path.name, exc=exc)) from exc
    return _table(lines, path.name, used)


def _table(lines: list[list], name: str, encoding: str = "") -> Table:
    numbered = [
        (i + 1, [unescape_cell(("" if v is None else str(v)).strip()) for v in line])
        for i, line in enumerate(lines)
    ]
    numbered = [(n, line) for n, line in numbered if any(line)]
    if not numbered:
        raise InputRejected(N_("“{name}” is empty.", name=name))
    if len(numbered) > MAX_ROWS + 1:
        raise InputRejected(N_("“{name}” has more than {max_rows} rows.", name=name, max_rows=MAX_ROWS))
    (_, headers), body = numbered[0], numbered[1:]
    width = len(headers)
    rows = [(line + [""] * width)[: max(width, len(line))] for _, line in body]
    return Table(headers=headers, rows=rows, row_numbers=[n for n, _ in body], encoding=encoding)


def _check_zip(path: Path) -> None:
    """The workbook's zip checked as a whole (the one safe-archive reader) before openpyxl opens it."""
    try:
        SafeArchive(path, XLSX_LIMITS, path_limit=MAX_TABLE_BYTES).close()
    except NotAnArchive as exc:
        raise InputRejected(N_("“{name}” is not an Excel file (.xlsx).", name=path.name)) from exc


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


def read_xlsx(path: Path, sheet: str | None = None) -> Table:
    path = Path(path)
    _check_zip(path)  # the file's size first, then every member's (before openpyxl is even loaded)
    import openpyxl  # defusedxml is installed, so openpyxl parses the sheets without entity expansion

    try:
        book = openpyxl.load_workbook(path, data_only=False, read_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise InputRejected(
            N_(
                "“{name}” cannot be read as an Excel file ({error}: {exc}).",
                name=path.name,
                error=type(exc).__name__,
                exc=exc,
            )
        ) from exc
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
    merged = [str(r) for r in ws.merged_cells.ranges]
    if merged:
        raise InputRejected(
            N_(
                "“{name}” (sheet “{title}”) has merged cells: {join}. Lotse cannot "
                "tell which row their value belongs to. Unmerge them and fill in every "
                "cell.",
                name=path.name,
                title=ws.title,
                join=", ".join(merged[:5]),
            )
        )
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    if formulas:
        raise InputRejected(
            N_(
                "“{name}” (sheet “{title}”) has formulas in {join}{value}. Replace "
                "them by their values (copy, paste special: values).",
                name=path.name,
                title=ws.title,
                join=", ".join(formulas[:5]),
                value=" …" if len(formulas) > 5 else "",
            )
        )
    lines = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    return _table(lines, path.name, "xlsx")


def read_table(path: Path, encoding: str = "auto", sheet: str | None = None) -> Table:
    path = Path(path)
    if not path.is_file():
        raise InputRejected(N_("There is no file “{path}”.", path=path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
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
