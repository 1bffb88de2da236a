"""``lotse team init`` and ``lotse users list|add|change|remove``: people and rights in a team
database (PostgreSQL). Passwords come from a prompt or ``$LOTSE_NEW_PASSWORD``, never from the
command line (other users of the machine could read it in the process list)."""

from __future__ import annotations

import getpass
import os
import sys

from models.i18n import N_, Message

from ..db import open_database
from ..errors import LotseError
from .output import print_json, print_table

ROLES = ["editor", "reviewer", "agency", "publisher", "admin"]


def register(sub, common) -> None:
    team = sub.add_parser("team", parents=[common], help="turn a PostgreSQL database into a team database")
    verbs = team.add_subparsers(dest="verb", metavar="VERB", required=True)
    init = verbs.add_parser(
        "init",
        parents=[common],
        help="roles, rights and audit log; run by the server's administrator (a superuser, "
        "or a managed server's CREATEROLE account owning the tables)",
    )
    init.add_argument(
        "--admin", required=True, metavar="NAME", help="the first Lotse administrator (a new login)"
    )
    init.set_defaults(func=run_team_init)
    move = verbs.add_parser(
        "import-sqlite",
        parents=[common],
        help="copy a single-user SQLite database with all its history into a new, empty "
        "PostgreSQL database (--db); then run `lotse team init`",
    )
    move.add_argument("file", metavar="FILE", help="the SQLite database (lotse.sqlite)")
    move.set_defaults(func=run_import_sqlite)

    users = sub.add_parser("users", parents=[common], help="people and their rights in a team database")
    verbs = users.add_subparsers(dest="verb", metavar="VERB", required=True)
    listing = verbs.add_parser("list", parents=[common], help="everyone, with roles and scopes")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)
    add = verbs.add_parser("add", parents=[common], help="a new person (asks for the password)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    _scope_options(add)
    add.set_defaults(func=run_add)
    change = verbs.add_parser("change", parents=[common], help="roles, scopes or password of a person")
    change.add_argument("name")
    change.add_argument("--add-role", choices=ROLES)
    change.add_argument("--drop-role", choices=ROLES)
    change.add_argument("--password", action="store_true", help="set a new password (asks for it)")
    change.add_argument(
        "--clear-scopes",
        action="store_true",
        help="remove all municipalities, organizations, languages first",
    )
    _scope_options(change)
    change.set_defaults(func=run_change)
    remove = verbs.add_parser("remove", parents=[common], help="no more login or rights; the history stays")
    remove.add_argument("name")
    remove.set_defaults(func=run_remove)

    audit = sub.add_parser("audit", parents=[common], help="the team database's audit log (administrators)")
    audit.add_argument("--item", metavar="KIND", help="offer, offer_text, person, region, …")
    audit.add_argument("--id", type=int, metavar="N", help="the item's id (an offer's id for its texts)")
    audit.add_argument("--person", metavar="NAME")
    audit.add_argument(
        "--action", metavar="ACTION", help="insert, update, delete, publish.package, rights.add, …"
    )
    audit.add_argument("--limit", type=int, default=1000, metavar="N", help="newest N entries (default 1000)")
    audit.add_argument("--csv", metavar="FILE", help="write them as CSV instead")
    audit.set_defaults(func=run_audit)


def _scope_options(parser) -> None:
    parser.add_argument(
        "--municipality", action="append", default=[], metavar="M", help="may edit offers there"
    )
    parser.add_argument(
        "--organization", action="append", default=[], metavar="O", help="may edit its offers"
    )
    parser.add_argument(
        "--language", action="append", default=[], metavar="CODE", help="may review this language"
    )


def new_password(name: str) -> str:
    value = os.environ.get("LOTSE_NEW_PASSWORD")
    if value:
        return value
    first = getpass.getpass(f"Password for {name}: ")
    if not first or first != getpass.getpass("Once more: "):
        raise LotseError(N_("The passwords are empty or do not match; nothing was changed."))
    return first


def _say(text: Message) -> None:
    print(text.render())


def run_team_init(args) -> int:
    from ..team import team_init

    team_init(args.db, args.admin, new_password(args.admin))
    _say(N_("Team database set up; first administrator: {admin}.", admin=args.admin))
    return 0


def run_import_sqlite(args) -> int:
    from ..tasks import print_progress
    from ..team.import_sqlite import import_sqlite

    target = args.db or os.environ.get("LOTSE_DB")
    if not target:
        raise LotseError(N_("Name the new PostgreSQL database with --db URL."))
    counts = import_sqlite(args.file, target, progress=print_progress(sys.stderr))
    print(
        N_(
            "Copied {rows} rows ({offers} offers and pages and events, {texts} texts, {revisions} "
            "revisions). Next: “lotse team init --db URL --admin NAME” as the server's administrator.",
            rows=sum(counts.values()),
            offers=counts.get("offer", 0),
            texts=counts.get("offer_text", 0),
            revisions=counts.get("text_revision", 0) + counts.get("offer_revision", 0),
        ).render()
    )
    return 0


def _with_db(args, work):
    db = open_database(args.db, create=False)
    try:
        return work(db)
    finally:
        db.dispose()


def run_list(args) -> int:
    from ..team.people import list_people

    people = _with_db(args, list_people)
    if args.json:
        print_json([p.__dict__ for p in people])
        return 0
    print_table(
        ["name", "roles", "municipalities", "organizations", "languages", "login"],
        [
            [
                p.name,
                ", ".join(p.roles),
                ", ".join(p.municipalities),
                ", ".join(p.organizations),
                ", ".join(p.languages),
                "yes" if p.can_login else "no",
            ]
            for p in people
        ],
    )
    return 0


def run_add(args) -> int:
    from ..team.people import add_person

    password = new_password(args.name)
    _with_db(
        args,
        lambda db: add_person(
            db,
            args.name,
            args.role,
            password,
            municipalities=args.municipality,
            organizations=args.organization,
            languages=args.language,
        ),
    )
    _say(N_("{name} added ({role}).", name=args.name, role=args.role))
    return 0


def run_change(args) -> int:
    from ..team.people import change_person

    password = new_password(args.name) if args.password else None
    _with_db(
        args,
        lambda db: change_person(
            db,
            args.name,
            add_role=args.add_role,
            drop_role=args.drop_role,
            password=password,
            municipalities=args.municipality,
            organizations=args.organization,
            languages=args.language,
            clear_scopes=args.clear_scopes,
        ),
    )
    _say(N_("{name} changed.", name=args.name))
    return 0


def run_remove(args) -> int:
    from ..team.people import remove_person

    _with_db(args, lambda db: remove_person(db, args.name))
    _say(N_("{name} removed: no login and no rights any more; the history stays.", name=args.name))
    return 0


def run_audit(args) -> int:
    from ..team.audit import read_audit, write_audit_csv

    entries = _with_db(
        args,
        lambda db: read_audit(
            db, item=args.item, item_id=args.id, person=args.person, action=args.action, limit=args.limit
        ),
    )
    if args.csv:
        write_audit_csv(entries, args.csv)
        _say(N_("{count} entries written to {csv}.", count=len(entries), csv=args.csv))
        return 0
    print_table(
        ["at", "person", "action", "item", "id", "language", "details"],
        [[str(c) for c in e.row()[1:]] for e in entries],
    )
    return 0
