"""``lotse init``: create or migrate a database, optionally with the demo region."""

from __future__ import annotations

import sys

from ..db import describe_url, open_database
from ..demo import has_region, install_demo


def register(sub, common) -> None:
    parser = sub.add_parser("init", parents=[common], help="create or migrate a database")
    parser.add_argument("--demo", action="store_true", help="load the demo region (StädteRegion Aachen)")
    parser.set_defaults(func=run)


def run(args) -> int:
    db = open_database(args.db)
    try:
        if args.demo:
            if has_region(db):
                print(
                    f"{describe_url(db.url)}: region already present, demo not loaded again", file=sys.stderr
                )
            else:
                region = install_demo(db)
                print(f"{describe_url(db.url)}: demo region “{region.name}” created")
        else:
            print(f"{describe_url(db.url)}: ready")
    finally:
        db.dispose()
    return 0
