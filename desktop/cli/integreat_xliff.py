"""``lotse integreat xliff --lang CODE --out ZIP``: translations of the CMS's pages for its XLIFF upload."""

from __future__ import annotations

import argparse

from ..db import open_database
from ..errors import default_language
from ..integreat.deliveries import export_cms_xliff


def register(
    verbs: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = verbs.add_parser(
        "xliff",
        parents=[common],
        help="translations of pages that came from the CMS, as XLIFF for its upload",
    )
    parser.add_argument("--lang", required=True, metavar="CODE")
    parser.add_argument("--out", required=True, metavar="ZIP")
    parser.add_argument("--policy", help="publishing policy (as for lotse publish package)")
    parser.add_argument("--region", metavar="SLUG", help="which region, when the database holds several")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    try:
        result = export_cms_xliff(db, args.lang, args.out, policy=args.policy, region_slug=args.region)
    finally:
        db.dispose()
    print(result.report(default_language()))
    return 0
