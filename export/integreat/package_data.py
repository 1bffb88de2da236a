"""The parts of the app package besides the API tree: images of offers and organizations,
Lotse's own side files (for a faithful re-import) and the manifest."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .images import prepare_image
from .item_paths import offer_path_slugs
from .policy import Omission, Plan
from .snapshot import OfferSnap, RegionSnapshot, TextSnap

FORMAT = "lotse-integreat-package"
FORMAT_VERSION = 1


def prepare_media(
    snapshot: RegionSnapshot, plan: Plan, base_url: str
) -> tuple[dict, dict[str, bytes], list[Omission]]:
    """Images of published offers and organizations: URLs by ("offer"|"org", id), bytes by path."""
    published = {oid for ids in plan.included.values() for oid in ids}
    # pages and events too (an imported page's picture): their ids are rows of the same table
    published |= {pid for ids in [*plan.pages.values(), *plan.events.values()] for pid in ids}
    urls: dict = {}
    files: dict[str, bytes] = {}
    problems: list[Omission] = []
    root = snapshot.root
    for offer in [*snapshot.offers, *snapshot.pages, *snapshot.events]:
        if offer.id in published and offer.image_path:
            try:
                image = prepare_image(offer.image_path, "offers", offer.slug)
            except ValueError as exc:
                title = offer.texts[root].title if root in offer.texts else ""
                problems.append(Omission(offer.id, offer.slug, title, "*", "check_failed", f"image: {exc}"))
                continue
            files[image.relpath] = image.data
            urls[("offer", offer.id)] = base_url.rstrip("/") + "/" + image.relpath
    used_orgs = {o.organization_id for o in snapshot.offers if o.id in published}
    for org in snapshot.organizations:
        if org.id in used_orgs and org.logo_path:
            try:
                image = prepare_image(org.logo_path, "organizations", org.slug, max_side=400)
            except ValueError as exc:
                problems.append(Omission(None, org.slug, org.name, "*", "check_failed", f"logo: {exc}"))
                continue
            files[image.relpath] = image.data
            urls[("org", org.id)] = base_url.rstrip("/") + "/" + image.relpath
    return urls, files, problems


def side_entry(offer: OfferSnap, snapshot: RegionSnapshot) -> dict[str, object]:
    """One offer's entry in ``lotse/offers.json`` (under its path slug)."""
    o = offer
    return {
        "languages_spoken": o.languages_spoken,
        "target_groups": o.target_groups,
        "cost": o.cost,
        "valid_from": o.valid_from.isoformat() if o.valid_from else None,
        "valid_until": o.valid_until.isoformat() if o.valid_until else None,
        "opening_hours": o.opening_hours,
        "contacts": o.contacts,
        "category": next((c.slug for c in snapshot.categories if c.id == o.category_id), None),
        "organization": next((g.slug for g in snapshot.organizations if g.id == o.organization_id), None),
    }


def text_entry(text: TextSnap) -> dict[str, object]:
    """One offer's entry in ``lotse/texts/{language}.json``."""
    return {"status": text.status, "summary": text.summary}


def side_files(snapshot: RegionSnapshot, plan: Plan) -> dict[str, object]:
    """Lotse's own data for a faithful re-import (nothing private: no notes, no names)."""
    offers = {o.id: o for o in snapshot.offers}
    slugs = offer_path_slugs(snapshot)
    published = sorted({oid for ids in plan.included.values() for oid in ids}, key=lambda i: slugs[i])
    facts = {slugs[oid]: side_entry(offers[oid], snapshot) for oid in published}
    out: dict[str, object] = {
        "lotse/offers.json": {
            "offers": facts,
            "categories": [
                {"slug": c.slug, "icon": c.icon, "color": c.color, "position": c.position, "names": c.names}
                for c in sorted(snapshot.categories, key=lambda c: (c.position, c.slug))
            ],
            "languages": [
                {"code": lang.code, "source": lang.source_code}
                for lang in snapshot.languages
                if lang.code in plan.languages
            ],
        }
    }
    for code in plan.languages:
        out[f"lotse/texts/{code}.json"] = {
            slugs[oid]: text_entry(offers[oid].texts[code])
            for oid in sorted(plan.included[code], key=lambda i: slugs[i])
        }
    return out


def tallies_of(snapshot: RegionSnapshot, plan: Plan) -> dict[str, Any]:
    """What the manifest counts (per language: offers, events, left out, review statuses; left
    out everywhere), as plain JSON values: a re-publish of a few offers adjusts them
    (lean.py) instead of planning every offer again."""
    left_out: dict[str, int] = {}
    for o in plan.omissions:
        if o.language != "*" and o.reason != "language_empty":
            left_out[o.language] = left_out.get(o.language, 0) + 1
    return {
        "offers": {code: len(ids) for code, ids in plan.included.items()},
        "events": {code: len(ids) for code, ids in plan.events.items()},
        "left_out": left_out,
        "review": plan.status_counts(snapshot),
        "everywhere": sum(1 for o in plan.omissions if o.language == "*" and o.reason != "no_coordinates"),
        "languages": plan.languages,
    }


def manifest_for(
    snapshot: RegionSnapshot,
    plan: Plan,
    *,
    base_url: str,
    lotse_version: str,
    generated_at: datetime,
    page_counts: dict[str, tuple[int, int]],
    local_preview: bool = False,
    tallies: dict[str, Any] | None = None,
) -> dict:
    """The manifest's own fields; the writer adds the list of files and the run. ``tallies``:
    the counts (tallies_of), if not those of ``plan``."""
    t = tallies if tallies is not None else tallies_of(snapshot, plan)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "api": "integreat-api-v3",
        "region": {"id": snapshot.id, "slug": snapshot.slug, "name": snapshot.name},
        "base_url": base_url,
        "local_preview": local_preview,  # URLs on this computer were asked for
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "lotse_version": lotse_version,
        "languages": [
            {
                "code": lang.code,
                "native_name": lang.native_name,
                "dir": lang.direction,
                "policy": plan.policies[lang.code],
                "published": lang.code in t["languages"],
                "offers": t["offers"].get(lang.code, 0),
                "events": t["events"].get(lang.code, 0),
                "pages": page_counts.get(lang.code, (0, 0))[0],
                "places": page_counts.get(lang.code, (0, 0))[1],
                "left_out": t["left_out"].get(lang.code, 0),
                "review": t["review"].get(lang.code, {}),
            }
            for lang in snapshot.languages
        ],
        "left_out_everywhere": t["everywhere"],
    }
