"""``lotse publish package``: the app package in Integreat's API v3 format, with the report."""

from __future__ import annotations

import sys

from export.integreat.policy import POLICIES
from models.i18n import N_

from ..db import open_database
from ..errors import default_language
from ..publish import DEFAULT_BASE_URL, preview_publication, publish_package, set_package_base_url
from ..publish_report import language_lines, omission_rows
from ..tasks import print_progress
from .output import print_table


def register(verbs, common) -> None:
    parser = verbs.add_parser(
        "package", parents=[common], help="the app package (Integreat API v3 JSON tree, zip)"
    )
    parser.add_argument(
        "--out", metavar="DIR", help="package folder (replaced atomically); required unless --dry-run"
    )
    parser.add_argument("--zip", action="store_true", help="also write DIR.zip")
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="where the package will be served, https://… (remembered as the region's setting; "
        "default: the region's setting)",
    )
    parser.add_argument(
        "--local-preview",
        action="store_true",
        help=f"a package for `lotse serve` on this computer only (default address {DEFAULT_BASE_URL})",
    )
    parser.add_argument(
        "--policy",
        choices=POLICIES,
        help="for every language: approved, checked or machine (default: each language's own setting)",
    )
    parser.add_argument("--region", metavar="SLUG", help="region (default: the first)")
    parser.add_argument("--dry-run", action="store_true", help="only print the report")
    parser.add_argument("--all", action="store_true", help="list missing translations one by one too")
    parser.set_defaults(func=run)


def print_report(snapshot, plan, lang: str, *, include_missing: bool) -> None:
    for line in language_lines(snapshot, plan):
        print(line.text(lang))
    rows = omission_rows(plan, lang, include_missing=include_missing)
    if rows:
        print()
        print_table(
            [
                N_("Offer").render(lang),
                N_("Lang").render(lang),
                N_("Why").render(lang),
            ],
            [list(r) for r in rows],
        )


def run(args) -> int:
    lang = default_language()
    if not args.out and not args.dry_run:
        print(
            "lotse: " + (N_("--out DIR is required (or --dry-run)").render(lang)),
            file=sys.stderr,
        )
        return 2
    db = open_database(args.db, create=False)
    try:
        if args.dry_run:
            preview = preview_publication(db, policy=args.policy, region_slug=args.region)
            print_report(preview.snapshot, preview.plan, lang, include_missing=args.all)
            return 0
        preview = preview_publication(db, policy=args.policy, region_slug=args.region)
        result = publish_package(
            db,
            args.out,
            print_progress(sys.stderr),
            base_url=args.base_url,
            policy=args.policy,
            make_zip=args.zip,
            region_slug=args.region,
            local_preview=args.local_preview,
        )
        if args.base_url and not args.local_preview:
            set_package_base_url(db, args.base_url, args.region)
    finally:
        db.dispose()
    print_report(preview.snapshot, result.plan, lang, include_missing=args.all)
    print()
    size = f"{result.total_bytes / 1_000_000:.1f} MB"
    where = f"{result.folder}" + (f" + {result.zip_path}" if result.zip_path else "")
    for warning in result.warnings:
        print(warning.message(lang))
    print(
        N_(
            "Package written: {where} ({count} files, {size})",
            where=where,
            count=result.file_count,
            size=size,
        )
    )
    return 0
