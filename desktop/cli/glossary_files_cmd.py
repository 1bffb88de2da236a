"""``lotse glossary export|import FILE``: the glossary as TBX or CSV (verbs of the glossary noun)."""

from __future__ import annotations

from pathlib import Path

from models.i18n import N_

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
    print(N_("{file}: {count} terms", file=args.file, count=count).render(default_language()))
    return 0


def run_import(args) -> int:
    from ..exchange.glossary_io import import_glossary

    language = default_language()
    db = open_database(args.db, create=False)
    try:
        result = import_glossary(db, Path(args.file))
    finally:
        db.dispose()
    for number, why in result.rejected:
        print(N_("Row {number}: {why}", number=number, why=why).render(language))
    print(
        N_(
            "{added} new, {changed} changed, {unchanged} unchanged, {count} rejected",
            added=result.added,
            changed=result.changed,
            unchanged=result.unchanged,
            count=len(result.rejected),
        ).render(language)
    )
    return 1 if result.rejected else 0
