"""The demo region (StädteRegion Aachen), loaded from resources/demo on first start."""

from __future__ import annotations

import json
from importlib import resources as importlib_resources
from pathlib import Path

from sqlmodel import select

from models.i18n import N_
from models.tables import Category, Municipality, Organization, Region

from .db import Database
from .errors import LotseError
from .offers import create_offer, get_offer, save_offer, save_translation
from .regions import add_language

DEMO_FORMAT = "lotse-demo/1"
DEMO_AUTHOR = "Demo"


def demo_file() -> Path:
    return Path(str(importlib_resources.files("resources") / "demo" / "staedteregion-aachen.json"))


def load_demo_data(path: Path | None = None) -> dict:
    data = json.loads((path or demo_file()).read_text(encoding="utf-8"))
    if data.get("format") != DEMO_FORMAT:
        raise LotseError(
            N_(
                "The demo file has format {get!r}, expected {DEMO_FORMAT}.",
                get=data.get("format"),
                DEMO_FORMAT=DEMO_FORMAT,
            ),
        )
    return data


def has_region(db: Database) -> bool:
    with db.transaction() as session:
        return session.exec(select(Region.id)).first() is not None


def install_demo(db: Database, path: Path | None = None, progress=None) -> Region:
    """Create the demo region with its languages, places, providers and offers."""
    data = load_demo_data(path)
    spec = data["region"]
    with db.transaction() as session:
        if session.exec(select(Region).where(Region.slug == spec["slug"])).first():
            raise LotseError(
                N_("The region “{name}” is already in this database.", name=spec["name"]),
            )
        (lon_min, lat_min), (lon_max, lat_max) = spec["bounding_box"]
        region = Region(
            slug=spec["slug"],
            name=spec["name"],
            prefix=spec.get("prefix"),
            name_without_prefix=spec.get("name_without_prefix"),
            postcode=spec.get("postcode"),
            latitude=spec.get("latitude"),
            longitude=spec.get("longitude"),
            bbox_lon_min=lon_min,
            bbox_lat_min=lat_min,
            bbox_lon_max=lon_max,
            bbox_lat_max=lat_max,
            imprint_html=spec.get("imprint_html", ""),
        )
        session.add(region)
        session.flush()
        # Parents before children, so every source language exists when its children arrive.
        pending = list(data["languages"])
        position = 0
        while pending:
            for entry in list(pending):
                known = {rl["code"] for rl in data["languages"] if rl not in pending}
                if entry["source"] is None or entry["source"] in known:
                    add_language(session, region, entry["code"], entry["source"], position=position)
                    position += 1
                    pending.remove(entry)
        municipality_ids = {}
        for m in data["municipalities"]:
            row = Municipality(region_id=region.id, **m)
            session.add(row)
            session.flush()
            municipality_ids[m["name"]] = row.id
        category_ids = {}
        for index, c in enumerate(data["categories"]):
            row = Category(
                region_id=region.id,
                slug=c["slug"],
                icon=c.get("icon"),
                color=c["color"],
                names=c["names"],
                position=index,
            )
            session.add(row)
            session.flush()
            category_ids[c["slug"]] = row.id
        organization_ids = {}
        for o in data["organizations"]:
            row = Organization(region_id=region.id, **o)
            session.add(row)
            session.flush()
            organization_ids[o["slug"]] = row.id
        region_slug = region.slug
    offers = data["offers"]
    for index, spec_offer in enumerate(offers):
        _install_offer(db, region_slug, spec_offer, category_ids, organization_ids, municipality_ids)
        if progress:
            progress(index + 1, len(offers), spec_offer["texts"]["de"].get("title", ""))
    from .demo_content import install_content

    install_content(db, region_slug, organization_ids)
    with db.transaction() as session:
        return session.exec(select(Region).where(Region.slug == region_slug)).one()


def _install_offer(db, region_slug, spec, category_ids, organization_ids, municipality_ids) -> None:
    facts = {
        "category_id": category_ids.get(spec.get("category")),
        "organization_id": organization_ids.get(spec.get("organization")),
        "municipality_id": municipality_ids.get(spec.get("municipality")),
        "street": spec.get("street"),
        "postcode": spec.get("postcode"),
        "town": spec.get("town"),
        "latitude": spec.get("latitude"),
        "longitude": spec.get("longitude"),
        "contacts": spec.get("contacts") or [],
        "opening_hours": spec.get("opening_hours"),
        "appointment_url": spec.get("appointment_url"),
        "barrier_free": spec.get("barrier_free"),
        "languages_spoken": spec.get("languages_spoken") or [],
        "target_groups": spec.get("target_groups") or [],
        "cost": spec.get("cost"),
        "valid_from": spec.get("valid_from"),
        "valid_until": spec.get("valid_until"),
        "image_path": spec.get("image"),
        "internal_notes": spec.get("internal_notes") or "",
        "state": spec.get("state", "published"),
    }
    texts = spec["texts"]
    previous = spec.get("previous_de")
    german = previous or texts["de"]
    offer = create_offer(
        db,
        facts,
        {"de": german},
        author=DEMO_AUTHOR,
        region_slug=region_slug,
        slug=spec.get("key"),
        validate=False,
    )
    install_translations(db, offer.id, offer.version, texts, german, previous is not None)


def install_translations(db, item_id: int, version: int, texts: dict, german: dict, outdated: bool) -> None:
    """The demo's translations of one offer, page or event, each with its status; with
    ``outdated`` the German text changes afterwards, so the translations made before are outdated."""
    # Made from the German text as stored now (its cost and contacts' areas count too).
    made_from = get_offer(db, item_id).texts["de"].fingerprint
    # Languages translated from German first, then those translated from another language.
    for code in sorted((c for c in texts if c != "de"), key=lambda c: c == "prs"):
        t = texts[code]
        source_fp = made_from if code != "prs" else None
        save_translation(
            db,
            item_id,
            code,
            t,
            author=DEMO_AUTHOR,
            review_status=t.get("status", "machine"),
            source_fingerprint=source_fp,
            provider=None if t.get("status") == "approved" else "demo",
            reviewed_by="Demo-Prüferin" if t.get("status") in ("checked", "approved") else None,
        )
        if t.get("back_de"):
            # A back-translation as a service would give it, so the review screen shows one offline.
            from .translation.backtranslate import store_back_translation

            store_back_translation(db, item_id, code, t["back_de"], provider="demo")
    if outdated:
        save_offer(
            db,
            item_id,
            expected_version=version,
            author=DEMO_AUTHOR,
            texts={"de": texts["de"]},
            validate=False,
        )
