"""``lotse integreat places --out FILE.csv``: places for the CMS's ``import_places_from_csv``."""

from __future__ import annotations

from ..db import open_database
from ..errors import default_language
from ..integreat.places_csv import export_places_csv


def register(verbs, common) -> None:
    parser = verbs.add_parser(
        "places",
        parents=[common],
        help="write the places as a CSV for the Integreat CMS's import_places_from_csv command",
    )
    parser.add_argument("--out", required=True, metavar="FILE.csv")
    parser.add_argument("--policy", help="publishing policy (as for lotse publish package)")
    parser.add_argument("--region", metavar="SLUG", help="which region, when the database holds several")
    parser.set_defaults(func=run)


def run(args) -> int:
    db = open_database(args.db)
    try:
        result = export_places_csv(db, args.out, policy=args.policy, region_slug=args.region)
    finally:
        db.dispose()
    print(result.report(default_language()))
    return 0
