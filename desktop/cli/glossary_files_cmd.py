"""``lotse glossary export|import FILE``: the glossary as TBX or CSV (verbs of the glossary noun)."""

from __future__ import annotations

from pathlib import Path

from ..db import open_database
from ..errors import default_language


def register_verbs(verbs, common) -> None:
    out = verbs.add_parser("export", parents=[common], help="write the glossary as .tbx or .csv")
    out.add_argument("file", metavar="FILE")
    out.set_defaults(func=run_export)
    imp = verbs.add_parser("import", parents=[common], help="add or change terms from a .tbx or .csv file")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(func=run_import)


def run_export(args) -> int:
    from ..exchange.glossary_io import export_glossary

    db = open_database(args.db, create=False)
    try:
        count = export_glossary(db, Path(args.file))
    finally:
        db.dispose()
    print(f"{args.file}: {count} terms" if default_language() == "en" else f"{args.file}: {count} Begriffe")
    return 0


def run_import(args) -> int:
    from ..exchange.glossary_io import import_glossary

    language = default_language()
    db = open_database(args.db, create=False)
    try:
        result = import_glossary(db, Path(args.file))
    finally:
        db.dispose()
    for number, de, en in result.rejected:
        print(f"{'Row' if language == 'en' else 'Zeile'} {number}: {en if language == 'en' else de}")
    print(
        f"{result.added} new, {result.changed} changed, {result.unchanged} unchanged, {len(result.rejected)} rejected"
        if language == "en"
        else f"{result.added} neu, {result.changed} geändert, {result.unchanged} unverändert, {len(result.rejected)} abgelehnt"
    )
    return 1 if result.rejected else 0
