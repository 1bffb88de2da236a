"""``lotse pages list|show``: the information pages, as ``lotse offers`` shows offers."""

from __future__ import annotations

from models.richtext import html_to_text

from ..content import list_pages
from ..db import open_database
from ..offers import get_offer
from .offers_cmd import show_item
from .output import print_json, print_table


def register(sub, common) -> None:
    pages = sub.add_parser("pages", parents=[common], help="list and show information pages")
    verbs = pages.add_subparsers(dest="verb", metavar="VERB", required=True)
    listing = verbs.add_parser(
        "list", parents=[common], help="the page tree with each page's status per language"
    )
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(func=run_list)
    show = verbs.add_parser("show", parents=[common], help="show one page")
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(func=run_show)


def run_list(args) -> int:
    db = open_database(args.db, create=False)
    try:
        rows = list_pages(db)
    finally:
        db.dispose()
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "parent_id": r.parent_id,
                    "order": r.position,
                    "depth": r.depth,
                    "slug": r.slug,
                    "title": r.title,
                    "state": r.state,
                    "statuses": r.statuses,
                }
                for r in rows
            ]
        )
        return 0
    print_table(
        ["ID", "Titel", "Stand", "Status"],
        [
            [
                "  " * r.depth + str(r.id),
                "  " * r.depth + r.title,
                r.state,
                " ".join(f"{c}:{s}" for c, s in r.statuses.items()),
            ]
            for r in rows
        ],
    )
    return 0


def run_show(args) -> int:
    return show_item(args, "page", html_to_text, get_offer)
