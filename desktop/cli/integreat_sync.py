"""``lotse integreat sync URL``: a later import from the CMS into the linked region, three-way
(Lotse changed / CMS changed / both); ``--list`` shows what waits for a decision, ``--take
cms|lotse ID`` decides it."""

from __future__ import annotations

import argparse

from models.i18n import N_, render

from ..db import open_database
from ..errors import default_language


def register(
    verbs: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = verbs.add_parser(
        "sync",
        parents=[common],
        help="update linked pages and events from the CMS; show what changed on which side",
    )
    parser.add_argument(
        "url", nargs="?", metavar="URL", help="the CMS region, e.g. https://cms.example/region/"
    )
    parser.add_argument("--list", action="store_true", help="list the texts changed on both sides")
    parser.add_argument(
        "--take",
        nargs=2,
        metavar=("cms|lotse", "ID"),
        help="decide a text changed on both sides: take the CMS's version or keep Lotse's",
    )
    parser.add_argument("--lang", metavar="CODE", help="with --take: only this language")
    parser.add_argument("--region", metavar="SLUG", help="the Lotse region (default: the CMS region's slug)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..integreat.sync import sync_from_cms, take, waiting

    lang = default_language()
    db = open_database(args.db)
    try:
        if args.take:
            side, item = args.take
            if side not in ("cms", "lotse") or not item.isdigit():
                print(render(N_("--take needs cms or lotse and an item id, e.g. --take cms 12"), lang))
                return 2
            done = take(db, int(item), side, args.lang)
            print(render(N_("Decided for item {id}: {languages}", id=item, languages=", ".join(done)), lang))
            return 0
        if args.list or not args.url:
            entries = waiting(db)
            print(render(N_("Changed on both sides: {count}", count=len(entries)), lang))
            for entry, cms_title, cms_content in entries:
                print(entry.line(lang))
                print(
                    render(
                        N_("    CMS: {title}: {content}", title=cms_title, content=cms_content[:200]), lang
                    )
                )
            return 0
        result = sync_from_cms(db, args.url, region_slug=args.region)
    finally:
        db.dispose()
    print(result.report(lang))
    return 0
