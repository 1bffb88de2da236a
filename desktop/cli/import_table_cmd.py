"""``lotse import csv|xlsx FILE [--mapping FILE] [--yes]``: offers from a spreadsheet."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..context import current_user
from ..db import open_database
from ..errors import LotseError, default_language
from ..tasks import print_progress


def register(verbs, common) -> None:
    for kind in ("csv", "xlsx"):
        parser = verbs.add_parser(
            kind, parents=[common], help=f"import offers from a .{kind} file (shows the check first)"
        )
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--mapping",
            metavar="FILE",
            help='JSON file: {"column heading": "field", ...}; fields: title, summary, content, category, ...',
        )
        parser.add_argument("--yes", action="store_true", help="save the good rows without asking")
        if kind == "csv":
            parser.add_argument(
                "--encoding", default="auto", help="the file's encoding if not UTF-8 (e.g. windows-1252)"
            )
        else:
            parser.add_argument("--sheet", help="the sheet to read (default: the first)")
        parser.set_defaults(func=run, kind=kind)


def _mapping(path: str | None, file: Path, encoding: str, sheet: str | None):
    if not path:
        return None
    from export.safe_archive import read_bounded
    from export.table import read_table

    from ..exchange.offer_columns import mapping_from_names

    try:
        names = json.loads(read_bounded(Path(path), 1024 * 1024).decode("utf-8"))  # a mapping is small
        headers = read_table(file, encoding=encoding, sheet=sheet).headers
        return mapping_from_names(headers, names)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError, ValueError) as exc:
        raise LotseError(
            f"Die Zuordnungsdatei „{path}“ ist nicht brauchbar: {exc}",
            f"The mapping file “{path}” cannot be used: {exc}",
        ) from exc


def run(args) -> int:
    from ..exchange.offer_columns import BY_KEY
    from ..exchange.offer_import import apply_offer_import, preview_offer_import

    language = default_language()
    file = Path(args.file)
    if file.suffix.lower() != f".{args.kind}":
        raise LotseError(
            f"„{file.name}“ ist keine .{args.kind}-Datei.", f"“{file.name}” is not a .{args.kind} file."
        )
    encoding, sheet = getattr(args, "encoding", "auto"), getattr(args, "sheet", None)
    db = open_database(args.db, create=False)
    try:
        mapping = _mapping(args.mapping, file, encoding, sheet)
        preview = preview_offer_import(
            db, file, mapping=mapping, encoding=encoding, sheet=sheet, progress=print_progress(sys.stderr)
        )
        mapped = ", ".join(
            f"{preview.headers[i]} → {BY_KEY[k].label(language)}" for i, k in sorted(preview.mapping.items())
        )
        print(("Spalten: " if language == "de" else "Columns: ") + mapped)
        for line in preview.report(language):
            print(line)
        good, bad = len(preview.accepted), len(preview.rejected)
        print(
            f"{good} Zeilen in Ordnung, {bad} abgelehnt."
            if language == "de"
            else f"{good} rows fine, {bad} rejected."
        )
        if not good:
            return 1
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    "Nichts gespeichert. Mit --yes speichern."
                    if language == "de"
                    else "Nothing saved. Use --yes to save.",
                    file=sys.stderr,
                )
                return 1
            if input("Speichern? [j/N] " if language == "de" else "Save? [y/N] ").strip().lower() not in (
                "j",
                "ja",
                "y",
                "yes",
            ):
                return 1
        result = apply_offer_import(db, preview, author=current_user())
    finally:
        db.dispose()
    print(
        f"{len(result.created)} Angebote als Entwurf angelegt."
        if language == "de"
        else f"{len(result.created)} offers created as drafts."
    )
    return 1 if bad else 0
