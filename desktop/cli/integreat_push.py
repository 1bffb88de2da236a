"""``lotse integreat push --cms URL --lang CODE``: page content through the CMS's pushpage."""

from __future__ import annotations

import argparse

from ..db import open_database
from ..errors import default_language
from ..integreat.deliveries import push_pages


def register(
    verbs: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = verbs.add_parser(
        "push", parents=[common], help="send the content of pages that came from the CMS through its pushpage"
    )
    parser.add_argument(
        "--cms", required=True, metavar="URL", help="the CMS, e.g. https://cms.integreat-app.de"
    )
    parser.add_argument(
        "--lang", default=None, metavar="CODE", help="language (default: the source language)"
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="send every page, also those whose content the CMS already has",
    )
    parser.add_argument("--policy", help="publishing policy (as for lotse publish package)")
    parser.add_argument("--region", metavar="SLUG", help="which region, when the database holds several")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = open_database(args.db)
    try:
        lang = args.lang
        if lang is None:
            from ..regions import current_region, language_tree

            with db.session() as session:
                region_id = current_region(session, args.region).id
                assert region_id is not None
                tree = language_tree(session, region_id)
            lang = next(code for code, source in tree.items() if source is None)
        result = push_pages(
            db, args.cms, lang, policy=args.policy, region_slug=args.region, everything=args.all
        )
    finally:
        db.dispose()
    print(result.report(default_language()))
    return 0 if result.delivered or result.unchanged or not result.left_out else 1
