"""``lotse import ics FILE [--yes]``: events from an iCalendar file (shows what changes first)."""

from __future__ import annotations

from models.i18n import _

from ..context import current_user
from ..db import open_database
from ..errors import default_language
from ..ics_import import apply_ics_import, preview_ics_import


def register(verbs, common) -> None:
    parser = verbs.add_parser(
        "ics", parents=[common], help="import events from an .ics file (shows the changes first)"
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--yes", action="store_true", help="save without asking")
    parser.set_defaults(func=run)


def run(args) -> int:
    lang = default_language()
    db = open_database(args.db, create=False)
    try:
        preview = preview_ics_import(db, args.file)
        for line in preview.report(lang):
            print(line)
        counts = preview.counts()
        print(
            _("{new} new, {update} changed, {same} unchanged.").format(
                new=counts["new"], update=counts["update"], same=counts["same"]
            )
        )
        if not counts["new"] and not counts["update"]:
            return 0
        if not args.yes:
            answer = input(_("Import? [y/N] ")).strip().lower()
            if answer not in ("j", "ja", "y", "yes"):
                print(_("Nothing imported."))
                return 0
        apply_ics_import(db, preview, author=current_user())
        print(_("Imported."))
    finally:
        db.dispose()
    return 0
