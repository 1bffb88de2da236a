"""Flyer QR codes lead to the item's path in the region's real app URL (issue 19 item 6): the
code read back from the rendered PDF is the app URL joined with the path the published package
gives the same item in the same language."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from desktop.app_links import app_url, default_app_url, set_app_url
from desktop.brochure import brochure_plan
from desktop.errors import LotseError
from desktop.flyers import render_offer_flyer
from desktop.publish import load_snapshot, publish_package
from export.integreat.api_values import own_id
from export.integreat.item_paths import is_place
from models.tables import Offer

from .support import decode_qr

REGION = "staedteregion-aachen"
APP = "https://app.example.org/aachen-live/"


def _published_item(out, code: str, kind: str, text_id: int) -> dict:
    items = json.loads((out / f"api/v3/{REGION}/{code}/{kind}/index.json").read_text())
    (item,) = [i for i in items if i["id"] == text_id]
    return item


def test_qr_code_is_the_app_url_and_the_items_path_in_the_package(demo_db, tmp_path):
    set_app_url(demo_db, APP.rstrip("/"))  # stored with its slash
    assert app_url(demo_db) == APP
    with demo_db.transaction() as session:  # every demo offer is a place: make one a page only
        moved = session.exec(select(Offer).where(Offer.kind == "offer").order_by(Offer.id.desc())).first()
        moved.latitude = moved.longitude = None
        session.add(moved)
    out = tmp_path / "package"
    publish_package(
        demo_db,
        out,
        base_url="https://packages.example.org/",
        policy="machine",
        today=date(2026, 12, 1),
        generated_at=datetime(2026, 12, 1, tzinfo=UTC),
    )
    with demo_db.transaction() as session:
        offers = load_snapshot(session, REGION, light=True).offers
    published_ar = {
        i["id"] for i in json.loads((out / f"api/v3/{REGION}/ar/locations/index.json").read_text())
    }
    place = next(o for o in offers if is_place(o) and "ar" in o.texts and o.texts["ar"].id in published_ar)
    page = next(o for o in offers if not is_place(o) and "de" in o.texts)
    for offer, code, kind in ((place, "de", "locations"), (place, "ar", "locations"), (page, "de", "pages")):
        text_id = offer.texts[code].id
        item = _published_item(out, code, kind, own_id(text_id) if kind == "pages" else text_id)
        assert item["path"].startswith(f"/{REGION}/{code}/")
        expected = APP + item["path"].removeprefix(f"/{REGION}/")
        pdf = render_offer_flyer(
            demo_db, offer.id, tmp_path / f"{offer.id}-{code}.pdf", code, policy="machine"
        )
        assert [text for text, _ in decode_qr(pdf.path, tmp_path)] == [expected], (offer.slug, code)
    # the brochure's cover leads to the region's start page in the app, its entries to the items
    plan = brochure_plan(demo_db, "de", policy="machine")
    assert plan.data.link.replace("{lang}", "de") == APP + "de/"
    entry = next(o for o in plan.data.offers if o.offer_id == place.id)
    assert entry.link("de") == APP + _published_item(out, "de", "locations", place.texts["de"].id)[
        "path"
    ].removeprefix(f"/{REGION}/")


def test_app_url_default_and_validation(demo_db):
    assert app_url(demo_db) == default_app_url(REGION) == f"https://integreat.app/{REGION}/"
    for bad in (
        "http://integreat.app/aachen/",
        "https://127.0.0.1:8000/aachen/",
        "https://localhost/aachen/",
        "integreat.app/aachen",
        "https://integreat.app/aachen/?x=1",
    ):
        with pytest.raises(LotseError):
            set_app_url(demo_db, bad)
    assert app_url(demo_db) == default_app_url(REGION)
    set_app_url(demo_db, APP)
    set_app_url(demo_db, "  ")  # empty: back to the default
    assert app_url(demo_db) == default_app_url(REGION)


def test_a_template_still_overrides_the_app_url(demo_db, tmp_path):
    with demo_db.transaction() as session:
        offer = next(o for o in load_snapshot(session, REGION, light=True).offers if "de" in o.texts)
    template = "https://example.org/{region}/{lang}/x/{slug}"
    pdf = render_offer_flyer(demo_db, offer.id, tmp_path / "t.pdf", "de", policy="machine", link=template)
    assert [t for t, _ in decode_qr(pdf.path, tmp_path)] == [
        f"https://example.org/{REGION}/de/x/{offer.slug}"
    ]
