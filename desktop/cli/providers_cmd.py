"""``lotse providers request|import|stale``: the yearly update round with the providers.

Exit codes: 0 when done (or a preview shown); 1 on an error, or when a reply changes nothing.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from models.i18n import N_, _

from ..context import current_user
from ..db import open_database
from .output import day_value


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
    for sheet, letter in zip(result.sheets, result.letters, strict=False):
        print(f"{sheet}\n{letter}")
    print(
        N_(
            "{organizations} organizations, {offers} offers asked about.",
            organizations=len(result.sheets),
            offers=result.offers,
        )
    )
    return 0


def run_import(args) -> int:
    from ..exchange.provider_round import GONE, apply_round_reply, preview_round_reply

    db = open_database(args.db, create=False)
    try:
        reply = preview_round_reply(db, Path(args.file))
        for line in reply.problems:
            print(line)
        for item in reply.offers:
            print(f"[{item.offer_id}] {item.title}: {item.answer or _('no answer')}")
            if item.answer == GONE:
                print("    " + _("→ will be archived"))
            for change in item.changes:
                print(f"    {change.label}: „{change.old}“ → „{change.new}“")
            for problem in item.problems:
                print(f"    ! {problem}")
            if item.remark:
                print(f"    {_('Remark')}: {item.remark}")
        if not [i for i in reply.offers if i.confirms]:
            print(_("The reply confirms nothing."), file=sys.stderr)
            return 1
        if not args.yes:
            print(_("Preview: nothing saved. Use --yes to save."))
            return 0
        confirmed = apply_round_reply(db, reply, author=current_user(db))
    finally:
        db.dispose()
    print(
        N_(
            "{count} offers confirmed by the provider on {date}.",
            count=len(confirmed),
            date=day_value(date.today()),
        )
    )
    return 0


def run_stale(args) -> int:
    from ..confirmations import unconfirmed_offers

    db = open_database(args.db, create=False)
    try:
        rows = unconfirmed_offers(db, months=args.months)
    finally:
        db.dispose()
    for row in rows:
        when = day_value(row.confirmed_on) if row.confirmed_on else _("never")
        print(f"{row.offer_id}\t{when}\t{row.title}")
    print(N_("{count} offers not confirmed for {months} months.", count=len(rows), months=args.months))
    return 0


def run_hold(args) -> int:
    from ..confirmations import set_hold_months

    db = open_database(args.db, create=False)
    try:
        months = None if args.off else args.months
        set_hold_months(db, months)
    finally:
        db.dispose()
    if months is None:
        print(_("No hold: confirmed or not, everything is published."))
    else:
        print(N_("Offers not confirmed for {months} months are not published.", months=months))
    return 0
