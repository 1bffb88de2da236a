"""The update round's sheet: one organization's offers as an .xlsx to check and send back.

One row per offer with its current facts, a column "Stimmt das?" (stimmt so / geändert /
entfällt, a drop-down) and one for a remark. The sheet is protected: the ID, the headings
and the hints cannot be typed over; the facts, the answer and the remark can. Reading a
returned sheet gives back each row's values by field key, whatever the provider did to the
column order, and refuses a sheet that is not one of ours.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from models.i18n import N_

from .safe_input import InputRejected
from .xlsx_read import read_xlsx

SHEET = "Angebote"
ANSWERS = ("stimmt so", "geändert", "entfällt")
OK, CHANGED, GONE = ANSWERS


@dataclass(frozen=True)
class SheetColumn:
    key: str
    heading: str
    hint: str
    width: int = 24


# The facts a provider can put right; "id", "answer" and "remark" are the round's own.
COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("id", "Nr.", "Lotse-Nummer des Angebots. Bitte nicht ändern.", 7),
    SheetColumn("title", "Angebot", "Name des Angebots, wie er in der App steht.", 32),
    SheetColumn("summary", "Kurzbeschreibung", "Ein bis zwei Sätze.", 40),
    SheetColumn("street", "Straße", "Straße und Hausnummer."),
    SheetColumn("postcode", "PLZ", "Fünf Ziffern.", 8),
    SheetColumn("town", "Ort", "", 14),
    SheetColumn("phone", "Telefon", "z. B. 0241 123456"),
    SheetColumn("email", "E-Mail", ""),
    SheetColumn("website", "Website", "mit https://"),
    SheetColumn("opening_hours", "Öffnungszeiten", "z. B. Mo, Mi 9-12 Uhr; Do 14-17 Uhr", 34),
    SheetColumn(
        "languages_spoken", "Sprachen", "Sprachen, in denen beraten wird, z. B. Deutsch, Arabisch", 24
    ),
    SheetColumn(
        "answer",
        "Stimmt das?",
        "Bitte wählen: stimmt so / geändert / entfällt (das Angebot gibt es nicht mehr).",
        14,
    ),
    SheetColumn("remark", "Anmerkung", "Was wir noch wissen sollten.", 30),
)
BY_HEADING = {c.heading.casefold(): c.key for c in COLUMNS}
LOCKED = {"id"}


def write_sheet(organization: str, rows: list[dict[str, str]], requested_on: str) -> bytes:
    """``rows``: per offer a dict by column key (strings). Returns the .xlsx bytes."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = SHEET
    for number, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=number, value=column.heading)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        if column.hint:
            cell.comment = Comment(column.hint, "Lotse")
        ws.column_dimensions[get_column_letter(number)].width = column.width
    answers = DataValidation(type="list", formula1='"' + ",".join(ANSWERS) + '"', allow_blank=True)
    answers.error = "Bitte „stimmt so“, „geändert“ oder „entfällt“ wählen."
    answers.prompt = "stimmt so / geändert / entfällt"
    ws.add_data_validation(answers)
    for r, values in enumerate(rows, start=2):
        for number, column in enumerate(COLUMNS, start=1):
            value = str(values.get(column.key) or "")
            cell = ws.cell(row=r, column=number)
            cell.value = int(value) if column.key == "id" and value.isdigit() else value
            if column.key != "id":
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.protection = Protection(locked=False)
            else:
                cell.fill = PatternFill("solid", fgColor="EEEEEE")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        answers.add(f"{get_column_letter(len(COLUMNS) - 1)}{r}")
    ws.freeze_panes = "C2"
    # Protected without a password: it keeps mistakes out, not people.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    info = book.create_sheet("Hinweise")
    for line, text in enumerate(
        (
            f"Ihre Angebote bei uns – {organization}",
            f"Stand: {requested_on}",
            "Bitte prüfen Sie jede Zeile: Stimmt alles, wählen Sie „stimmt so“. Hat sich etwas geändert, "
            "tragen Sie es in die Zeile ein und wählen Sie „geändert“. Gibt es ein Angebot nicht mehr, "
            "wählen Sie „entfällt“.",
            "Die grauen Felder (Nr.) bitte nicht ändern. Schicken Sie die Datei danach an uns zurück.",
        ),
        start=1,
    ):
        info.cell(row=line, column=1, value=text).alignment = Alignment(wrap_text=True)
    info.column_dimensions["A"].width = 100
    info.protection.sheet = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class ReturnedRow:
    number: int  # the row in the sheet
    values: dict[str, str]  # by column key


def read_sheet(path: Path) -> list[ReturnedRow]:
    """The rows of a returned sheet by column key; a sheet without our "Nr." column is refused."""
    path = Path(path)
    table = read_xlsx(path, SHEET)
    keys = [BY_HEADING.get(h.strip().casefold()) for h in table.headers]
    if "id" not in keys:
        raise InputRejected(
            N_("“{name}” is not a reply to a Lotse request (the column “Nr.” is missing).", name=path.name)
        )
    return [
        ReturnedRow(
            number, {k: (cells[i] if i < len(cells) else "").strip() for i, k in enumerate(keys) if k}
        )
        for number, cells in zip(table.row_numbers, table.rows, strict=False)
    ]
