"""``lotse import csv|xlsx FILE [--map SPALTE=FELD ...] [--yes]``: offers from a spreadsheet.

Exit codes: 0 for a preview and for a finished import (problems are reported, rows with a
bad field come in as drafts with a to-do); 1 when no row can be imported (the reason said).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from models.i18n import N_, _

from ..context import current_user
from ..db import open_database
from ..errors import LotseError, default_language
from ..tasks import print_progress


def register(verbs, common) -> None:
    for kind in ("csv", "xlsx"):
        parser = verbs.add_parser(
            kind, parents=[common], help=f"import offers from a .{kind} file (shows the check first)"
        )
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--map",
            metavar="SPALTE=FELD",
            action="append",
            default=[],
            help="adjust the guessed mapping for one column (heading or number = field key, "
            "or =- to leave the column out); repeatable; kept for this provider's next import",
        )
        parser.add_argument(
            "--mapping",
            metavar="FILE",
            help='JSON file {"column heading": "field", ...}: the same adjustments as --map, from a file',
        )
        parser.add_argument("--provider", help="whose list this is (for the remembered mapping)")
        parser.add_argument(
            "--target-group",
            metavar="PHRASE=GRUPPE",
            action="append",
            default=[],
            help="map a target-group phrase to a group key (remembered), e.g. 'Menschen "
            "in Kurzarbeit=skilled_workers'",
        )
        parser.add_argument(
            "--duplicates",
            choices=("skip", "update", "keep"),
            default="skip",
            help="a row like an offer of the region or an earlier row: skip it (default), "
            "update the offer, or keep both",
        )
        parser.add_argument(
            "--skip-faulty",
            action="store_true",
            help="leave out rows with a bad value (default: import them as drafts, the field empty, "
            "the reason attached as a to-do)",
        )
        parser.add_argument("--report", metavar="FILE", help="write every problem to this text file")
        parser.add_argument(
            "--yes", action="store_true", help="save the importable rows (else: preview only)"
        )
        if kind == "csv":
            parser.add_argument(
                "--encoding",
                default="auto",
                help="the file's encoding (default: detected, e.g. windows-1252)",
            )
        else:
            parser.add_argument("--sheet", help="the sheet to read (default: the first)")
        parser.set_defaults(func=run, kind=kind)


def _pairs(items: list[str], option: str) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise LotseError(N_("{option} “{item}”: expected NAME=VALUE.", option=option, item=item))
        name, value = item.rsplit("=", 1)
        out[name.strip()] = value.strip()
    return out


def _changes(args) -> dict[str, str]:
    changes: dict[str, str] = {}
    if args.mapping:
        try:
            from export.safe_archive import read_bounded

            # a mapping is small: its size is checked before it is read
            changes.update(json.loads(read_bounded(Path(args.mapping), 1024 * 1024).decode("utf-8")))
        except (OSError, json.JSONDecodeError, UnicodeDecodeError, AttributeError, ValueError) as exc:
            raise LotseError(
                N_("The mapping file “{mapping}” cannot be used: {exc}", mapping=args.mapping, exc=exc)
            ) from exc
    changes.update(_pairs(args.map, "--map"))
    return {k: v or "-" for k, v in changes.items()}


def run(args) -> int:
    from ..exchange.offer_columns import BY_KEY
    from ..exchange.offer_import import (
        apply_offer_import,
        preview_offer_import,
        remember_target_groups,
        write_report,
    )

    language = default_language()
    file = Path(args.file)
    if file.suffix.lower() != f".{args.kind}":
        raise LotseError(N_("“{name}” is not a .{kind} file.", name=file.name, kind=args.kind))
    groups = _pairs(args.target_group, "--target-group")
    db = open_database(args.db, create=False)
    try:
        if groups:
            remember_target_groups(db, groups)
        preview = preview_offer_import(
            db,
            file,
            changes=_changes(args),
            provider=args.provider,
            encoding=getattr(args, "encoding", "auto"),
            sheet=getattr(args, "sheet", None),
            duplicates=args.duplicates,
            faulty="skip" if args.skip_faulty else "draft",
            progress=print_progress(sys.stderr),
        )
        print(f"{_('Encoding:')} {preview.encoding}")
        mapped = ", ".join(
            f"{preview.headers[i]} → {BY_KEY[k].label(language)}" for i, k in sorted(preview.mapping.items())
        )
        print(_("Columns: ") + mapped)
        for line in preview.report(language):
            print(line)
        if args.report:
            write_report(preview, Path(args.report), language)
        good, left = len(preview.accepted), len(preview.rejected)
        print(N_("{good} rows will be imported, {left} will not.", good=good, left=left))
        if not good:
            print(_("No row can be imported (reasons above)."), file=sys.stderr)
            return 1
        if not args.yes:
            print(_("Preview: nothing saved. Use --yes to save."))
            return 0
        result = apply_offer_import(db, preview, author=current_user(db))
    finally:
        db.dispose()
    print(
        N_(
            "{created} offers created as drafts, {updated} updated.",
            created=len(result.created),
            updated=len(result.updated),
        )
    )
    return 0
