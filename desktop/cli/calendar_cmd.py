"""``lotse publish calendar``: the region's events of a month or period as a PDF to print
(also ``lotse events pdf``), and ``lotse publish event-flyer``: one event's flyer."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from export.integreat.policy import POLICIES
from models.i18n import N_

from ..db import open_database
from ..errors import LotseError
from ..flyers import SIZES
from ..team.publishing import authorize_publish


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise LotseError(N_("“{text}” is not a date (YYYY-MM-DD).", text=text)) from None


def _period(args: argparse.Namespace) -> tuple[date, date]:
    from export.flyers.calendar_data import month_period

    if args.month:
        if args.since or args.until:
            raise LotseError(N_("Give either --month or --from and --to."))
        try:
            return month_period(args.month)
        except ValueError:
            raise LotseError(N_("“{text}” is not a month (YYYY-MM).", text=args.month)) from None
    if not (args.since and args.until):
        raise LotseError(N_("Give --month YYYY-MM or --from DATE and --to DATE."))
    return _date(args.since), _date(args.until)


def add_calendar_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", default="de", metavar="CODE", help="the calendar's language (default: de)")
    parser.add_argument("--bilingual", action="store_true", help="German beside the language")
    parser.add_argument("--month", metavar="YYYY-MM", help="a whole month")
    parser.add_argument("--from", dest="since", metavar="DATE", help="first day (with --to)")
    parser.add_argument("--to", dest="until", metavar="DATE", help="last day (with --from)")
    parser.add_argument(
        "--town", action="append", metavar="NAME", help="only events in this town (repeatable)"
    )
    parser.add_argument(
        "--category", action="append", metavar="NAME", help="only this category (slug or name; repeatable)"
    )
    parser.add_argument("--size", default="a4", choices=SIZES, help="paper size (default: a4)")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    parser.add_argument("--policy", choices=POLICIES, help="which translations may be printed")
    parser.set_defaults(func=run_calendar)


def register(verbs: Any, common: argparse.ArgumentParser) -> None:
    calendar = verbs.add_parser("calendar", parents=[common], help="the events of a month or period as a PDF")
    add_calendar_arguments(calendar)
    flyer = verbs.add_parser("event-flyer", parents=[common], help="one event's flyer as a PDF (A4 or A5)")
    flyer.add_argument(
        "--event", type=int, required=True, metavar="ID", help="the event's id (lotse events list)"
    )
    flyer.add_argument("--lang", default="de", metavar="CODE", help="the flyer's language (default: de)")
    flyer.add_argument(
        "--bilingual", action="store_true", help="German beside (A4) or above (A5) the language"
    )
    flyer.add_argument("--size", default="a4", choices=SIZES, help="paper size (default: a4)")
    flyer.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    flyer.add_argument("--policy", choices=POLICIES, help="which translations may be printed")
    flyer.set_defaults(func=run_event_flyer)


def _missing_note(missing: tuple[str, ...], language: str) -> None:
    if missing:
        print(
            N_(
                "No word in {language} yet for: {keys} (printed without them; "
                "resources/flyers/calendar_labels.json).",
                language=language,
                keys=", ".join(missing),
            )
        )


def run_calendar(args: argparse.Namespace) -> int:
    from ..event_print import render_event_calendar

    since, until = _period(args)
    db = open_database(args.db, create=False)
    try:
        authorize_publish(db, "publish.calendar", {"language": args.lang, "out": args.out})
        result = render_event_calendar(
            db,
            args.out,
            args.lang,
            since,
            until,
            bilingual=args.bilingual,
            towns=args.town,
            categories=args.category,
            policy=args.policy,
            size=args.size,
        )
    finally:
        db.dispose()
    print(
        N_(
            "{path} ({pages} page(s), {languages}, {count} date(s))",
            path=result.path,
            pages=result.pages,
            languages="/".join(result.languages),
            count=result.occurrences,
        )
    )
    _missing_note(result.missing_words, args.lang)
    return 0


def run_event_flyer(args: argparse.Namespace) -> int:
    from ..event_print import render_event_flyer_pdf

    db = open_database(args.db, create=False)
    try:
        authorize_publish(db, "publish.flyer", {"event": args.event, "language": args.lang, "out": args.out})
        result = render_event_flyer_pdf(
            db, args.event, args.out, args.lang, bilingual=args.bilingual, size=args.size, policy=args.policy
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
    _missing_note(result.missing_words, args.lang)
    return 0
