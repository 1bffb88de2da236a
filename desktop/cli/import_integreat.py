"""``lotse import integreat PATH|URL``: a region from Integreat's API v3 JSON (folder, zip or saved
files) or from a live CMS's public API (``https://HOST/REGION/``)."""

from __future__ import annotations

import sys

from ..db import open_database
from ..errors import default_language
from ..integreat.fetch import import_from_cms, is_url
from ..integreat_import import import_integreat
from ..tasks import print_progress


def register(verbs, common) -> None:
    parser = verbs.add_parser(
        "integreat",
        parents=[common],
        help="import a region from Integreat API v3 JSON (package folder, zip, saved API "
        "files, or a CMS's URL)",
    )
    parser.add_argument(
        "path",
        metavar="PATH|URL",
        help="folder, zip or JSON file, or a CMS address like https://HOST/REGION/",
    )
    parser.add_argument("--region", metavar="SLUG", help="which region, when the data holds several")
    parser.set_defaults(func=run)


def run(args) -> int:
    lang = default_language()
    db = open_database(args.db)
    try:
        if is_url(args.path):
            result = import_from_cms(db, args.path, print_progress(sys.stderr), region_slug=args.region)
        else:
            result = import_integreat(db, args.path, print_progress(sys.stderr), region_slug=args.region)
    finally:
        db.dispose()
    print(result.summary(lang))
    for warning in result.warnings:
        print("  - " + warning.render(lang))
    return 0
