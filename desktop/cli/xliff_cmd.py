"""``lotse xliff export|import``: exchange with translation agencies."""

from __future__ import annotations

import sys
from pathlib import Path

from models.i18n import N_, Message

from ..context import current_user
from ..db import open_database
from ..errors import default_language
from ..tasks import print_progress


def register(sub, common) -> None:
    parser = sub.add_parser("xliff", parents=[common], help="XLIFF files for translation agencies")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    out = verbs.add_parser("export", parents=[common], help="export offers for one target language")
    out.add_argument("--lang", required=True, metavar="CODE", help="target language, e.g. ar or ti")
    out.add_argument(
        "--offer", type=int, nargs="+", metavar="ID", help="only these offers (default: all not archived)"
    )
    out.add_argument("--version", choices=("1.2", "2.0"), default="1.2", help="XLIFF version (default 1.2)")
    out.add_argument("--out", required=True, metavar="PATH", help="a .xliff/.zip file or a folder")
    out.add_argument(
        "--single-file", action="store_true", help="one XLIFF file for all offers instead of one per offer"
    )
    out.add_argument("--no-mark", action="store_true", help="do not mark the texts as in translation")
    out.set_defaults(func=run_export)
    imp = verbs.add_parser(
        "import", parents=[common], help="import translated XLIFF files (shows what changes first)"
    )
    imp.add_argument("path", metavar="PATH", help="an XLIFF file or a zip of them")
    imp.add_argument("--yes", action="store_true", help="save the texts without asking")
    imp.add_argument(
        "--agency", metavar="NAME", help="who translated (recorded as the approver; default: the file name)"
    )
    imp.add_argument(
        "--include-held",
        action="store_true",
        help="also save texts held back by a failed check (never those rejected)",
    )
    imp.set_defaults(func=run_import)


def _say(text: Message) -> str:
    return text.render()


def run_export(args) -> int:
    from ..exchange.xliff_export import export_xliff

    db = open_database(args.db, create=False)
    try:
        result = export_xliff(
            db,
            args.lang,
            args.offer,
            Path(args.out),
            author=current_user(db),
            version=args.version,
            single_file=args.single_file,
            mark=not args.no_mark,
            progress=print_progress(sys.stderr),
        )
    finally:
        db.dispose()
    print(
        _say(
            N_(
                "{path}: {count} offers in {files} file(s), {marked} texts marked “in translation”",
                path=result.path,
                count=len(result.offers),
                files=result.files,
                marked=result.marked,
            ),
        )
    )
    for offer_id, reason in result.skipped:
        print(
            _say(N_("  skipped: offer {offer_id}: {reason}", offer_id=offer_id, reason=reason)),
            file=sys.stderr,
        )
    return 0


def _mark(change, language: str) -> str:
    if change.blocked:
        return N_("REJECTED").render(language)
    if change.unchanged:
        return N_("unchanged").render(language)
    if not change.accepted:
        return N_("held back").render(language)
    if not (change.old.get("title") or change.old.get("content")):
        return N_("new").render(language)
    return N_("changed").render(language)


def print_preview(preview, language: str) -> None:
    """One block per text: what happens to it, why, and a word diff ([-old-] {+new+})."""
    for change in preview.changes:
        print(
            f"[{_mark(change, language)}] #{change.offer_id} {change.language_code} "
            f"{change.offer_title}  ({change.file_label})"
        )
        for finding in change.findings:
            print(
                f"    {'!' if finding.blocking or finding.severity == 'error' else '~'} "
                f"{finding.message(language)}"
            )
        if change.blocked or change.unchanged:
            continue
        for name in ("title", "summary", "content"):
            spans = change.diff(name)
            if any(s.op != "equal" for s in spans):
                rendered = "".join(
                    s.text
                    if s.op == "equal"
                    else (f"[-{s.text}-]" if s.op == "delete" else f"{{+{s.text}+}}")
                    for s in spans
                )
                print(f"    {name}: {rendered[:400]}")


def run_import(args) -> int:
    from ..exchange.xliff_import import apply_xliff_import, preview_xliff_import

    language = default_language()
    db = open_database(args.db, create=False)
    try:
        preview = preview_xliff_import(db, Path(args.path), progress=print_progress(sys.stderr))
        if args.include_held:
            for change in preview.changes:
                change.accepted = change.accepted or (not change.blocked and not change.unchanged)
        print_preview(preview, language)
        chosen = preview.accepted
        rejected = sum(c.blocked for c in preview.changes)
        held = sum(not c.blocked and not c.unchanged and not c.accepted for c in preview.changes)
        print(
            _say(
                N_(
                    "{count} texts to save, {rejected} rejected, {held} held back "
                    "by failed checks, {untranslated} without translation.",
                    count=len(chosen),
                    rejected=rejected,
                    held=held,
                    untranslated=preview.untranslated,
                ),
            )
        )
        if not chosen:
            return 1 if rejected else 0
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    _say(N_("Nothing saved. Use --yes to save.")),
                    file=sys.stderr,
                )
                return 1
            answer = input(_say(N_("Save? [y/N] "))).strip().lower()
            if answer not in ("j", "ja", "y", "yes"):
                print(_say(N_("Nothing saved.")))
                return 1
        agency = args.agency or Path(args.path).name
        result = apply_xliff_import(db, preview, author=current_user(db), agency=agency)
    finally:
        db.dispose()
    print(
        _say(
            N_(
                "{saved} texts saved as “approved” by {agency} ({outdated} outdated).",
                saved=result.saved,
                agency=result.agency,
                outdated=result.outdated,
            ),
        )
    )
    return 1 if rejected else 0
