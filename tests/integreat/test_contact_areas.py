"""A place's contacts in the app package name their area of responsibility in the page's
language where its text has one (issue 18 item 11), else in the source language as before."""

from __future__ import annotations

import json
from datetime import date

from desktop.offers import get_offer, list_offers, save_translation
from desktop.publish import publish_package
from tests.support.areas import areas_of, keyed

TODAY = date(2026, 12, 1)
SAMPLE = "vhs-integrationskurse-aachen"


def test_each_language_s_places_carry_its_own_contact_areas(demo_db, tmp_path):
    offer_id = next(r.id for r in list_offers(demo_db) if r.slug == SAMPLE)
    offer = get_offer(demo_db, offer_id)
    ar = offer.texts["ar"]
    area = "الإرشاد وتحديد المستوى لدورات الاندماج"
    save_translation(
        demo_db,
        offer_id,
        "ar",
        {
            "title": ar.title,
            "summary": ar.summary,
            "content": ar.content,
            "contact_areas": keyed(offer, [area]),
        },
        author="Redaktion",
        review_status="approved",
        overwrite_reviewed=True,
    )
    publish_package(demo_db, tmp_path / "pkg", policy="machine", today=TODAY, local_preview=True)
    base = tmp_path / "pkg/api/v3/staedteregion-aachen"

    def contacts(code):
        places = json.loads((base / code / "locations/index.json").read_text())
        return next(p["contacts"] for p in places if p["location"]["id"] == offer_id)

    german_area = offer.facts["contacts"][0]["area_of_responsibility"]
    assert contacts("ar")[0]["area_of_responsibility"] == area
    assert contacts("de")[0]["area_of_responsibility"] == german_area
    assert contacts("en")[0]["area_of_responsibility"] == german_area  # English has no own area yet


def test_an_imported_package_gives_the_texts_their_cost_and_areas(demo_db, sqlite_db, tmp_path):
    from desktop.integreat_import import import_integreat

    offer_id = next(r.id for r in list_offers(demo_db) if r.slug == SAMPLE)
    before = get_offer(demo_db, offer_id)
    ar = before.texts["ar"]
    area = "الإرشاد وتحديد المستوى لدورات الاندماج"
    save_translation(
        demo_db,
        offer_id,
        "ar",
        {
            "title": ar.title,
            "summary": ar.summary,
            "content": ar.content,
            "contact_areas": keyed(before, [area]),
        },
        author="Redaktion",
        review_status="approved",
        overwrite_reviewed=True,
    )
    publish_package(demo_db, tmp_path / "pkg", policy="machine", today=TODAY, local_preview=True)
    import_integreat(sqlite_db, tmp_path / "pkg")
    imported = get_offer(sqlite_db, next(r.id for r in list_offers(sqlite_db) if r.slug == SAMPLE))
    german = imported.texts["de"]
    assert german.cost == before.facts["cost"] == imported.facts["cost"]
    # The import gives the contacts keys of their own; the areas are stored by them.
    assert areas_of(imported, "de") == [c["area_of_responsibility"] for c in before.facts["contacts"]]
    assert areas_of(imported, "ar")[0] == area and set(imported.texts["ar"].contact_areas.values()) == {area}
    assert imported.texts["en"].contact_areas == {}  # the German area shown in English is not English
    assert imported.texts["ar"].status == "approved"  # made from the German as imported: current
