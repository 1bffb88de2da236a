"""``lotse providers request|import|stale``: the yearly update round with the providers.

Exit codes: 0 when done (or a preview shown); 1 on an error, or when a reply changes nothing.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ..context import current_user
from ..db import open_database
from ..errors import default_language


def register(sub, common) -> None:
    noun = sub.add_parser("providers", help="the update round: ask providers to confirm their offers")
    verbs = noun.add_subparsers(dest="verb", metavar="VERB", required=True)
    request = verbs.add_parser(
        "request", parents=[common], help="a pre-filled .xlsx and a cover letter (PDF) per organization"
    )
    request.add_argument("--out", required=True, metavar="DIR", help="the folder to write them to")
    request.add_argument(
        "--contact", default="", help="an e-mail or phone for questions, printed in the letter"
    )
    request.add_argument(
        "--reply-weeks", type=int, default=6, help="weeks until the reply is due (default 6)"
    )
    request.set_defaults(func=run_request)
    reply = verbs.add_parser(
        "import", parents=[common], help="read a returned sheet: what changed, offer by offer, field by field"
    )
    reply.add_argument("file", metavar="FILE")
    reply.add_argument("--yes", action="store_true", help="save the changes and the confirmations")
    reply.set_defaults(func=run_import)
    stale = verbs.add_parser(
        "stale", parents=[common], help="offers not confirmed by their provider for a while"
    )
    stale.add_argument(
        "--months", type=int, default=12, help="not confirmed for this many months (default 12)"
    )
    stale.set_defaults(func=run_stale)
    hold = verbs.add_parser(
        "hold",
        parents=[common],
        help="the region's rule: hold back offers not confirmed for N months when publishing",
    )
    group = hold.add_mutually_exclusive_group(required=True)
    group.add_argument("--months", type=int, help="hold back offers not confirmed for this many months")
    group.add_argument("--off", action="store_true", help="publish them again (the default)")
    hold.set_defaults(func=run_hold)


def run_request(args) -> int:
    from ..exchange.provider_round import request_round

    db = open_database(args.db, create=False)
    try:
        result = request_round(db, Path(args.out), contact=args.contact, reply_weeks=args.reply_weeks)
    finally:
        db.dispose()
    de = default_language() == "de"
    for sheet, letter in zip(result.sheets, result.letters, strict=False):
        print(f"{sheet}\n{letter}")
    print(
        f"{len(result.sheets)} Träger, {result.offers} Angebote angefragt."
        if de
        else f"{len(result.sheets)} organizations, {result.offers} offers asked about."
    )
    return 0


def run_import(args) -> int:
    from ..exchange.provider_round import GONE, apply_round_reply, preview_round_reply

    de = default_language() == "de"
    db = open_database(args.db, create=False)
    try:
        reply = preview_round_reply(db, Path(args.file))
        language = default_language()
        for line in reply.problems:
            print(line.render(language))
        for item in reply.offers:
            answer = item.answer or ("keine Antwort" if de else "no answer")
            print(f"[{item.offer_id}] {item.title}: {answer}")
            if item.answer == GONE:
                print("    → wird archiviert" if de else "    → will be archived")
            for change in item.changes:
                print(f"    {change.label}: „{change.old}“ → „{change.new}“")
            for problem in item.problems:
                print(f"    ! {problem.render(language)}")
            if item.remark:
                print(f"    {'Anmerkung' if de else 'Remark'}: {item.remark}")
        answered = [i for i in reply.offers if i.confirms]
        if not answered:
            print(
                "Die Rückmeldung bestätigt nichts." if de else "The reply confirms nothing.", file=sys.stderr
            )
            return 1
        if not args.yes:
            print(
                "Vorschau: nichts gespeichert. Mit --yes speichern."
                if de
                else "Preview: nothing saved. Use --yes."
            )
            return 0
        confirmed = apply_round_reply(db, reply, author=current_user(db))
    finally:
        db.dispose()
    print(
        f"{len(confirmed)} Angebote bestätigt vom Träger am {date.today():%d.%m.%Y}."
        if de
        else f"{len(confirmed)} offers confirmed by the provider on {date.today():%Y-%m-%d}."
    )
    return 0


def run_stale(args) -> int:
    from ..confirmations import unconfirmed_offers

    de = default_language() == "de"
    db = open_database(args.db, create=False)
    try:
        rows = unconfirmed_offers(db, months=args.months)
    finally:
        db.dispose()
    for row in rows:
        when = row.confirmed_on.strftime("%d.%m.%Y") if row.confirmed_on else ("nie" if de else "never")
        print(f"{row.offer_id}\t{when}\t{row.title}")
    print(
        f"{len(rows)} Angebote nicht bestätigt seit {args.months} Monaten."
        if de
        else f"{len(rows)} offers not confirmed for {args.months} months."
    )
    return 0


def run_hold(args) -> int:
    from ..confirmations import set_hold_months

    de = default_language() == "de"
    db = open_database(args.db, create=False)
    try:
        months = None if args.off else args.months
        set_hold_months(db, months)
    finally:
        db.dispose()
    if months is None:
        print(
            "Keine Zurückhaltung: bestätigt oder nicht, alles wird veröffentlicht."
            if de
            else "No hold: confirmed or not, everything is published."
        )
    else:
        print(
            f"Angebote, die seit {months} Monaten nicht bestätigt sind, werden nicht veröffentlicht."
            if de
            else f"Offers not confirmed for {months} months are not published."
        )
    return 0
