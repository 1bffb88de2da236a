"""``lotse offers list|show``."""

from __future__ import annotations

from dataclasses import asdict

from models.i18n import N_, _, render
from models.richtext import html_to_text
from models.vocabulary import PUBLICATION_STATES, STATUS_LABELS

from ..db import open_database
from ..offers import get_offer, list_offers
from .output import print_json, print_table


def register(sub, common) -> None:
    offers = sub.add_parser("offers", parents=[common], help="list and show offers")
    verbs = offers.add_subparsers(dest="verb", metavar="VERB", required=True)
    listing = verbs.add_parser("list", parents=[common], help="list offers with their status per language")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.add_argument("--lang", metavar="CODE", help="show only this language's status")
    listing.set_defaults(func=run_list)
    show = verbs.add_parser("show", parents=[common], help="show one offer")
    show.add_argument("id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(func=run_show)


def run_list(args) -> int:
    db = open_database(args.db, create=False)
    try:
        rows = list_offers(db)
    finally:
        db.dispose()
    if args.lang:
        for row in rows:
            row.statuses = {args.lang: row.statuses.get(args.lang, "missing")}
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "slug": r.slug,
                    "title": r.title,
                    "category": r.category,
                    "municipality": r.municipality,
                    "organization": r.organization,
                    "state": r.state,
                    "version": r.version,
                    "statuses": r.statuses,
                }
                for r in rows
            ]
        )
        return 0
    print_table(
        ["ID", _("Title"), _("Category"), _("Municipality"), _("State"), _("Status")],
        [
            [
                r.id,
                r.title,
                r.category,
                r.municipality,
                render(PUBLICATION_STATES.get(r.state, r.state)),
                " ".join(f"{c}: {render(STATUS_LABELS.get(s, s))}" for c, s in r.statuses.items()),
            ]
            for r in rows
        ],
    )
    return 0


def run_show(args) -> int:
    return show_item(args, "offer", html_to_text, get_offer)


def show_item(args, kind: str, to_text, read) -> int:
    """One offer, page or event: its facts and texts (``--json``) or a readable summary."""
    from models.tables import ContentKind, Offer

    from ..content import kind_facts_of
    from ..errors import LotseError

    db = open_database(args.db, create=False)
    try:
        offer = read(db, args.id)
        with db.transaction() as session:
            row = session.get(Offer, args.id)
            if row.kind != kind:
                names = {"offer": N_("offer"), "page": N_("page"), "event": N_("event")}
                raise LotseError(
                    N_(
                        "#{id} is of the kind “{actual}”, not “{wanted}”.",
                        id=args.id,
                        actual=names[row.kind],
                        wanted=names[kind],
                    )
                )
            extra = kind_facts_of(row) if row.kind != ContentKind.OFFER.value else {}
    finally:
        db.dispose()
    if args.json:
        print_json(
            {
                "id": offer.id,
                "kind": kind,
                "slug": offer.slug,
                "version": offer.version,
                "facts": {**offer.facts, **extra},
                "updated_at": offer.updated_at,
                "updated_by": offer.updated_by,
                "texts": {code: asdict(t) for code, t in offer.texts.items()},
            }
        )
        return 0
    de = next(iter(offer.texts.values()))
    print(f"#{offer.id} {de.title}  (version {offer.version}, {offer.facts['state']})")
    if de.summary:
        print(de.summary)
    if de.content:
        print()
        print(to_text(de.content))
    print()
    address = ", ".join(str(offer.facts[k]) for k in ("street", "postcode", "town") if offer.facts.get(k))
    if address:
        print(f"Adresse: {address}")
    for contact in offer.facts.get("contacts") or []:
        print("Kontakt: " + ", ".join(str(v) for v in contact.values() if v))
    for name, value in extra.items():
        if value not in (None, [], {}, ""):
            print(f"{name}: {value}")
    print("Sprachen: " + " ".join(f"{c}:{t.status}" for c, t in offer.texts.items()))
    return 0
