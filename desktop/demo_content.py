"""The demo region's information pages (a tree of three levels) and events (weekly, every
second week, monthly by weekday, one-off, all-day, a series with a cancelled and a moved
date, one in the past), from resources/demo/pages-and-events.json, translated like the offers
so every status shows."""

from __future__ import annotations

import json
from datetime import date, datetime
from importlib import resources as importlib_resources
from pathlib import Path

from sqlmodel import select

from models.recurrence import Timing
from models.tables import ContentKind, Offer

from .content import create_item, timing_facts
from .db import Database
from .demo import DEMO_AUTHOR, install_translations


def content_file() -> Path:
    return Path(str(importlib_resources.files("resources") / "demo" / "pages-and-events.json"))


def _timing(spec: dict) -> Timing:
    return Timing(
        start=datetime.fromisoformat(spec["start"]),
        end=datetime.fromisoformat(spec["end"]),
        all_day=spec.get("all_day", False),
        rule=spec.get("rrule"),
        exdates=tuple(date.fromisoformat(d) for d in spec.get("exdates", [])),
        moved={
            date.fromisoformat(d): (datetime.fromisoformat(t[0]), datetime.fromisoformat(t[1]))
            for d, t in spec.get("moved", {}).items()
        },
    )


def install_content(db: Database, region_slug: str, organization_ids: dict[str, int]) -> None:
    data = json.loads(content_file().read_text(encoding="utf-8"))
    with db.transaction() as session:
        offer_ids = dict(
            session.exec(select(Offer.slug, Offer.id).where(Offer.kind == ContentKind.OFFER.value)).all()
        )
    page_ids: dict[str, int] = {}
    for spec in data["pages"]:  # parents come before their children in the file
        _install(
            db,
            region_slug,
            ContentKind.PAGE.value,
            spec,
            facts={"organization_id": organization_ids.get(spec.get("organization")), "state": "published"},
            kind_facts={"parent_id": page_ids.get(spec["parent"]), "icon": spec.get("icon")},
            ids=page_ids,
        )
    for spec in data["events"]:
        address = spec.get("address") or {}
        _install(
            db,
            region_slug,
            ContentKind.EVENT.value,
            spec,
            facts={
                "organization_id": organization_ids.get(spec.get("organization")),
                "state": spec.get("state", "published"),
                "street": address.get("street"),
                "postcode": address.get("postcode"),
                "town": address.get("town"),
            },
            kind_facts={
                **timing_facts(_timing(spec)),
                "place_id": offer_ids.get(spec.get("place")),
                "meeting_url": spec.get("meeting_url"),
            },
            ids={},
        )


def _install(db, region_slug, kind, spec, *, facts, kind_facts, ids) -> None:
    texts = spec["texts"]
    previous = spec.get("previous_de")
    german = previous or texts["de"]
    item_id = create_item(
        db,
        kind,
        {"de": german},
        author=DEMO_AUTHOR,
        facts=facts,
        kind_facts=kind_facts,
        region_slug=region_slug,
        slug=spec["key"],
    )
    ids[spec["key"]] = item_id
    with db.transaction() as session:
        version = session.get(Offer, item_id).version
    install_translations(db, item_id, version, texts, german, previous is not None)
