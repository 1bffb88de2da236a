"""``lotse publish flyer``: one offer's flyer as a PDF."""

from __future__ import annotations

from models.i18n import N_

from ..db import open_database
from ..errors import default_language
from ..flyer_words import not_in_language_note
from ..flyers import POLICIES, SIZES, render_offer_flyer
from ..team.publishing import authorize_publish


def register(verbs, common) -> None:
    parser = verbs.add_parser("flyer", parents=[common], help="one offer's flyer as a PDF (A4 or A5)")
    parser.add_argument(
        "--offer", type=int, required=True, metavar="ID", help="the offer's id (lotse offers list)"
    )
    parser.add_argument("--lang", default="de", metavar="CODE", help="the flyer's language (default: de)")
    parser.add_argument(
        "--bilingual", action="store_true", help="German beside (A4) or above (A5) the language"
    )
    parser.add_argument("--size", default="a4", choices=SIZES, help="paper size (default: a4)")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    parser.add_argument(
        "--url",
        metavar="TEMPLATE",
        help="QR code address; {region}, {lang}, {slug} are filled in "
        "(default: $LOTSE_FLYER_URL or the Integreat web app)",
    )
    parser.add_argument(
        "--policy",
        choices=POLICIES,
        help="which translations may be printed (default: the region's publishing policy)",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    db = open_database(args.db, create=False)
    try:
        authorize_publish(db, "publish.flyer", {"offer": args.offer, "language": args.lang, "out": args.out})
        result = render_offer_flyer(
            db,
            args.offer,
            args.out,
            args.lang,
            bilingual=args.bilingual,
            size=args.size,
            link=args.url,
            policy=args.policy,
        )
    finally:
        db.dispose()
    print(
        N_(
            "{path} ({pages} page(s), {languages}, type at {scale:.0%})",
            path=result.path,
            pages=result.pages,
            languages="/".join(result.languages),
            scale=result.scale,
        )
    )
    if result.foreign:
        print(not_in_language_note(result.foreign, args.lang, default_language()))
    return 0
