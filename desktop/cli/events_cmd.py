"""``lotse events list|show [--from DATE --to DATE] [--json]`` and ``lotse events ics --lang CODE
--out FILE``: the region's events and their dates, and its calendar as an iCalendar file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from export.safe_input import atomic_write
from models.i18n import N_
from models.richtext import html_to_text

from ..content import list_occurrences
from ..db import open_database
from ..errors import LotseError, default_language
from ..offers import get_offer
from .offers_cmd import show_item
from .output import print_json, print_table


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise LotseError(N_("“{text}” is not a date (YYYY-MM-DD).", text=text)) from exc


def register(sub, common) -> None:
    events = sub.add_parser("events", parents=[common], help="list and show events, write their calendar")
    verbs = events.add_subparsers(dest="verb", metavar="VERB", required=True)
    for name, helptext, func in (
        ("list", "the dates of all events in a period (default: the next 31 days)", run_list),
        ("show", "one event and its dates in a period", run_show),
    ):
        parser = verbs.add_parser(name, parents=[common], help=helptext)
        if name == "show":
            parser.add_argument("id", type=int, metavar="ID")
        parser.add_argument(
            "--from", dest="since", type=_date, metavar="DATE", help="first day (default: today)"
        )
        parser.add_argument(
            "--to", dest="until", type=_date, metavar="DATE", help="last day (default: +31 days)"
        )
        parser.add_argument("--json", action="store_true", help="machine-readable output")
        parser.set_defaults(func=func)
    ics = verbs.add_parser(
        "ics", parents=[common], help="write the events of one language as an .ics calendar"
    )
    ics.add_argument("--lang", required=True, metavar="CODE")
    ics.add_argument("--out", required=True, metavar="FILE")
    ics.add_argument(
        "--policy", choices=("approved", "checked", "machine"), help="publishing policy override"
    )
    ics.add_argument(
        "--cms",
        action="store_true",
        help="the feed the Integreat CMS's calendar import takes (CATEGORIES:integreat)",
    )
    ics.set_defaults(func=run_ics)
    from .calendar_cmd import add_calendar_arguments

    add_calendar_arguments(
        verbs.add_parser("pdf", parents=[common], help="the events of a month or period as a PDF")
    )


def _period(args) -> tuple[date, date]:
    since = args.since or date.today()
    until = args.until or since + timedelta(days=31)
    if until < since:
        raise LotseError(N_("--to is before --from."))
    if (until - since).days > 3660:
        raise LotseError(N_("At most ten years at once."))
    return since, until


def _occurrences(args, event_id: int | None = None):
    since, until = _period(args)
    db = open_database(args.db, create=False)
    try:
        found = list_occurrences(db, since, until)
    finally:
        db.dispose()
    return [o for o in found if event_id is None or o.event_id == event_id]


def _print(occurrences, as_json: bool) -> None:
    if as_json:
        print_json(
            [
                {
                    "event_id": o.event_id,
                    "title": o.title,
                    "start": o.start,
                    "end": o.end,
                    "all_day": o.all_day,
                    "rule": o.rule,
                    "moved": o.moved,
                }
                for o in occurrences
            ]
        )
        return
    print_table(
        ["ID", "Beginn", "Ende", "Titel"],
        [
            [
                o.event_id,
                o.start.strftime("%Y-%m-%d") if o.all_day else o.start.strftime("%Y-%m-%d %H:%M"),
                o.end.strftime("%Y-%m-%d") if o.all_day else o.end.strftime("%H:%M"),
                o.title + (" (verschoben)" if o.moved else ""),
            ]
            for o in occurrences
        ],
    )


def run_list(args) -> int:
    _print(_occurrences(args), args.json)
    return 0


def run_show(args) -> int:
    if args.json:
        return show_item(args, "event", html_to_text, get_offer)
    show_item(args, "event", html_to_text, get_offer)
    print()
    _print(_occurrences(args, args.id), False)
    return 0


def run_ics(args) -> int:
    from ..events_ics import events_calendar

    db = open_database(args.db, create=False)
    try:
        result = events_calendar(db, args.lang, policy=args.policy, cms=args.cms)
    finally:
        db.dispose()
    atomic_write(Path(args.out), result.data)
    lang = default_language()
    print(N_("{count} events written to {path}.", count=result.events, path=args.out).render(lang))
    for note in result.notes:
        print("  - " + note.render(lang))
    return 0
