"""``lotse publish brochure``: the region's brochure ("Wegweiser") as a PDF."""

from __future__ import annotations

import sys

from models.i18n import N_

from ..brochure import render_region_brochure
from ..db import open_database
from ..flyer_words import not_in_language_note
from ..flyers import POLICIES, SIZES
from ..tasks import print_progress
from ..team.publishing import authorize_publish


def register(verbs, common) -> None:
    parser = verbs.add_parser(
        "brochure", parents=[common], help="the region's brochure of published offers as a PDF"
    )
    parser.add_argument("--lang", default="de", metavar="CODE", help="the brochure's language (default: de)")
    parser.add_argument("--bilingual", action="store_true", help="German beside the language")
    parser.add_argument(
        "--category", action="append", metavar="NAME", help="only this category (slug or name; repeatable)"
    )
    parser.add_argument(
        "--municipality", action="append", metavar="NAME", help="only this municipality (repeatable)"
    )
    parser.add_argument(
        "--target-group",
        action="append",
        metavar="KEY",
        help="only offers for this target group (repeatable)",
    )
    parser.add_argument("--size", default="a4", choices=SIZES, help="paper size (default: a4)")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    parser.add_argument("--url", metavar="TEMPLATE", help="QR code address, as for `publish flyer`")
    parser.add_argument("--policy", choices=POLICIES, help="which translations may be printed")
    parser.set_defaults(func=run)


def run(args) -> int:
    db = open_database(args.db, create=False)
    try:
        authorize_publish(db, "publish.brochure", {"language": args.lang, "out": args.out})
        result, left_out = render_region_brochure(
            db,
            args.out,
            args.lang,
            bilingual=args.bilingual,
            size=args.size,
            progress=print_progress(sys.stderr),
            categories=args.category,
            municipalities=args.municipality,
            target_groups=args.target_group,
            link=args.url,
            policy=args.policy,
        )
    finally:
        db.dispose()
    print(
        N_(
            "{path} ({pages} pages, {offers} offers)",
            path=result.path,
            pages=result.pages,
            offers=result.offers,
        )
    )
    for item in left_out:
        print(
            N_("  left out: #{id} {title} – {reason}", id=item.offer_id, title=item.title, reason=item.reason)
        )
    for offer_id, title, parts in result.not_in_language:
        print(f"  #{offer_id} {title} – {not_in_language_note(parts, args.lang)}")
    return 0
