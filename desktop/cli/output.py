"""Printing for the command line: JSON for scripts, aligned text for people."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime

from babel.dates import format_date

from models.i18n import Localized


def _default(value: object) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = min(max(widths[i], len(str(cell))), 60)
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in rows:
        cells = [str(c) if len(str(c)) <= 60 else str(c)[:59] + "…" for c in row]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip())


def day_value(day: date) -> Localized:
    """A date as a message value, in the language of the text around it (CLDR's medium form:
    "06.12.2026", "Dec 6, 2026")."""
    return Localized(lambda language: format_date(day, "medium", locale=language))
