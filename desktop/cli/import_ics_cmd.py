"""``lotse import ics FILE [--yes]``: events from an iCalendar file (shows what changes first)."""

from __future__ import annotations

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
            f"{counts['new']} neu, {counts['update']} geändert, {counts['same']} unverändert."
            if lang == "de"
            else f"{counts['new']} new, {counts['update']} changed, {counts['same']} unchanged."
        )
        if not counts["new"] and not counts["update"]:
            return 0
        if not args.yes:
            answer = input("Übernehmen? [j/N] " if lang == "de" else "Import? [y/N] ").strip().lower()
            if answer not in ("j", "ja", "y", "yes"):
                print("Nichts übernommen." if lang == "de" else "Nothing imported.")
                return 0
        apply_ics_import(db, preview, author=current_user())
        print("Übernommen." if lang == "de" else "Imported.")
    finally:
        db.dispose()
    return 0
