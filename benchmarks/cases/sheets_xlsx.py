"""A provider's Excel workbook of 20,000 rows (the import's row limit): reading it, and the
whole import (read, checked, saved), against openpyxl in read-only mode reading the same file.

The baseline is the cheapest honest way to get the same cells out of the same file; ours
also guards the zip, refuses merged cells and formulas, maps the columns, checks every row
(addresses, phones, e-mails, hours, duplicates) and saves the offers with their revisions."""

from __future__ import annotations

import random

from ..harness import Result, Stats, alternate, timed
from .sheets_import import GROUPS, HOURS, LANGUAGES, STREETS, WORDS

WHAT = "Excel workbook import (20,000 rows at full size) vs openpyxl read-only reading it"
# quick stays under a few minutes on a loaded machine; the 20,000 rows are the full run.
ROWS = {"tiny": 200, "quick": 5_000, "full": 20_000}


def missing() -> str | None:
    return None


def write_xlsx(path, rows: int, seed: int = 7) -> None:
    """The same provider list as ``sheets_import.write_csv``, as an Excel workbook."""
    import openpyxl

    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Angebote")
    sheet.append(
        "Angebot;Träger;Straße;PLZ;Ort;Telefon;E-Mail;Öffnungszeiten;Sprachen;Zielgruppe;Beschreibung".split(
            ";"
        )
    )
    for index in range(rows):
        sheet.append(
            [
                " ".join(rng.sample(WORDS, 3)) + f" {index}",
                f"Träger {index % 40}",
                f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                f"520{rng.randint(62, 80)}" if index % 70 else "",
                "Aachen",
                f"0241 {rng.randint(100000, 999999)}",
                f"kontakt{index}@traeger.example" if index % 50 else f"kontakt{index}@traeger",
                rng.choice(HOURS),
                rng.choice(LANGUAGES),
                rng.choice(GROUPS),
                "Jeden Dienstag.\nMit Kinderbetreuung.",
            ]
        )
    book.save(path)


def _openpyxl_read(path) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def run(bench) -> list[Result]:
    from desktop.db import open_database
    from desktop.exchange.offer_import import apply_offer_import, preview_offer_import
    from export.table import read_table

    rows = ROWS[bench.size]
    path = bench.scratch / f"liste-{rows}.xlsx"
    write_xlsx(path, rows)
    read_ours, read_plain = alternate(
        lambda: timed(lambda: read_table(path)),
        lambda: timed(lambda: _openpyxl_read(path)),
        bench.runs["slow"],
    )
    region = bench.private_region("sheets-xlsx")
    db = open_database(region.url)
    created: list[int] = []
    try:
        # One import: a second into the same region would find every row a duplicate.
        imported = [
            timed(
                lambda: created.extend(
                    apply_offer_import(db, preview_offer_import(db, path), author="bench").created
                )
            )
        ]
    finally:
        db.dispose()
    bench.say(f"{rows} rows: imported in {imported[0]:.1f} s, {len(created)} offers created")
    return [
        Result(
            "sheets_xlsx",
            f"read an Excel workbook of {rows} rows",
            "s",
            Stats.of(read_ours),
            "openpyxl read-only, the same file",
            Stats.of(read_plain),
            notes="ours loads the whole workbook (read_only=False) to see merged cells and formulas",
        ),
        Result(
            "sheets_xlsx",
            f"import an Excel workbook of {rows} rows: read, checked, saved ({len(created)} offers)",
            "s",
            Stats.of(imported),
            "openpyxl read-only reading the same file",
            Stats.of(read_plain),
            notes="one run (a second would only find duplicates); the ratio is what the checks and "
            "the saving cost on top of reading the cells",
        ),
    ]
