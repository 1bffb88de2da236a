"""``lotse integreat link URL``: connect a region started in Lotse to an existing CMS region.
The proposed matches are printed and asked about one by one; ``--yes`` takes the sure ones
(same CMS id, or the same title and, for places, the same address) and leaves the rest."""

from __future__ import annotations

import argparse

from models.i18n import N_, render

from ..db import open_database
from ..errors import default_language

HOW = {
    "id": N_("same CMS id"),
    "title": N_("same title"),
    "title and address": N_("same title and address"),
    "similar title": N_("similar title"),
    "title, other address": N_("same title, other address"),
}


def register(
    verbs: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = verbs.add_parser(
        "link", parents=[common], help="match a Lotse region's pages, events and places to a CMS region's"
    )
    parser.add_argument("url", metavar="URL", help="the CMS region, e.g. https://cms.example/region/")
    parser.add_argument("--region", metavar="SLUG", help="the Lotse region (default: the CMS region's slug)")
    parser.add_argument(
        "--yes", action="store_true", help="link the sure matches without asking, skip the rest"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..integreat.link import apply_links, propose_links

    lang = default_language()
    db = open_database(args.db)
    try:
        plan = propose_links(db, args.url, region_slug=args.region)
        accepted = []
        print(render(N_("Proposed links: {count}", count=len(plan.proposals)), lang))
        for proposal in plan.proposals:
            sure = render(N_("sure"), lang) if proposal.sure else render(N_("check"), lang)
            print(
                f"  [{proposal.offer_id}] {proposal.lotse_title} -> {proposal.cms_key} "
                f"„{proposal.cms_title}“ ({render(HOW[proposal.how], lang)}, {sure})"
            )
            if args.yes:
                if proposal.sure:
                    accepted.append(proposal)
                continue
            answer = input(render(N_("Link? [y/N] "), lang)).strip().lower()
            if answer in ("y", "yes", "j", "ja"):
                accepted.append(proposal)
        done = apply_links(db, plan, accepted) if accepted else 0
    finally:
        db.dispose()
    print(render(N_("{count} items linked.", count=done), lang))
    if plan.unmatched_lotse:
        print(
            render(
                N_(
                    "Only in Lotse (create them in the CMS, then link): {count}",
                    count=len(plan.unmatched_lotse),
                ),
                lang,
            )
        )
        print("\n".join(f"  {title}" for title in plan.unmatched_lotse))
    if plan.unmatched_cms:
        print(render(N_("Only in the CMS: {count}", count=len(plan.unmatched_cms)), lang))
        print("\n".join(f"  {key}" for key in plan.unmatched_cms))
    return 0
