"""``lotse import integreat PATH``: a region from Integreat's API v3 JSON (folder, zip or saved files)."""

from __future__ import annotations

import sys

from ..db import open_database
from ..errors import default_language
from ..integreat_import import import_integreat
from ..tasks import print_progress


def register(verbs, common) -> None:
    parser = verbs.add_parser(
        "integreat",
        parents=[common],
        help="import a region from Integreat API v3 JSON (package folder, zip or saved API files)",
    )
    parser.add_argument("path", metavar="PATH")
    parser.add_argument("--region", metavar="SLUG", help="which region, when the data holds several")
    parser.set_defaults(func=run)


def run(args) -> int:
    lang = default_language()
    db = open_database(args.db)
    try:
        result = import_integreat(db, args.path, print_progress(sys.stderr), region_slug=args.region)
    finally:
        db.dispose()
    print(result.summary(lang))
    for warning in result.warnings:
        print("  - " + warning.render(lang))
    return 0
