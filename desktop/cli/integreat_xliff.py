"""``lotse integreat xliff --lang CODE --out ZIP [--upload URL --user NAME]``: translations of
the CMS's pages for its XLIFF upload; with ``--upload`` delivered to the hosted CMS the way its
upload form does it (login, upload, the CMS's preview shown, confirm)."""

from __future__ import annotations

import argparse
import getpass
import sys

from models.i18n import N_, render

from ..db import open_database
from ..errors import default_language
from ..integreat.deliveries import export_cms_xliff


def register(
    verbs: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = verbs.add_parser(
        "xliff",
        parents=[common],
        help="translations of pages that came from the CMS, as XLIFF for its upload",
    )
    parser.add_argument("--lang", required=True, metavar="CODE")
    parser.add_argument("--out", required=True, metavar="ZIP")
    parser.add_argument("--policy", help="publishing policy (as for lotse publish package)")
    parser.add_argument("--region", metavar="SLUG", help="which region, when the database holds several")
    parser.add_argument(
        "--upload", metavar="URL", help="the hosted CMS to deliver to, e.g. https://cms.example"
    )
    parser.add_argument(
        "--user", metavar="NAME", help="CMS user name for --upload (password: keyring, environment or asked)"
    )
    parser.add_argument("--yes", action="store_true", help="confirm the CMS's preview without asking")
    parser.add_argument(
        "--machine-translated",
        action="store_true",
        help="mark the uploaded translations as machine translated",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lang = default_language()
    db = open_database(args.db)
    try:
        result = export_cms_xliff(db, args.lang, args.out, policy=args.policy, region_slug=args.region)
        region = args.region
        if args.upload and region is None:
            from ..regions import current_region

            with db.session() as session:
                region = current_region(session).slug
    finally:
        db.dispose()
    print(result.report(lang))
    if not args.upload:
        return 0
    return _upload(args, region, lang)


def _upload(args: argparse.Namespace, region: str, lang: str) -> int:
    from ..integreat.upload import confirm, login, login_key, login_password, upload

    if not args.user:
        print(render(N_("--upload needs --user (the CMS user name)."), lang))
        return 2
    password = login_password(args.upload, args.user)
    if not password and sys.stdin.isatty():
        password = getpass.getpass(render(N_("Password of {user} in the CMS: ", user=args.user), lang))
    if not password:
        print(
            render(
                N_(
                    "No password for {user}: store it in the keyring or set ${var}.",
                    user=args.user,
                    var=f"LOTSE_{login_key(args.upload, args.user).upper()}_KEY",
                ),
                lang,
            )
        )
        return 2
    http = login(args.upload, args.user, password)
    preview = upload(args.upload, region, args.lang, args.out, http)
    print(render(N_("The CMS's preview of {count} files:", count=len(preview.files)), lang))
    for message in preview.general:
        print(f"  ! {message}")
    for item in preview.files:
        print(f"  {item.name}: {item.page}")
        for message in item.errors:
            print(f"    ! {message}")
    if not args.yes:
        answer = input(render(N_("Import into the CMS? [y/N] "), lang)).strip().lower()
        if answer not in ("y", "yes", "j", "ja"):
            print(render(N_("Not imported: the CMS keeps its pages as they are."), lang))
            return 1
    confirm(preview, machine_translated=args.machine_translated)
    print(render(N_("Imported into the CMS: {count} files.", count=len(preview.files)), lang))
    return 0
