"""The demo region: big and varied enough to show every feature, and valid by our own rules."""

from __future__ import annotations

from collections import Counter

from desktop.offers import get_offer, list_offers
from desktop.regions import categories, current_region, municipalities, organizations, region_languages
from models.validation import check_offer_facts, check_text

AACHEN_TOWNS = {
    "Aachen",
    "Alsdorf",
    "Baesweiler",
    "Eschweiler",
    "Herzogenrath",
    "Monschau",
    "Roetgen",
    "Simmerath",
    "Stolberg (Rhld.)",
    "Würselen",
}


def test_the_region_its_towns_languages_categories_and_providers(demo_db):
    with demo_db.transaction() as session:
        region = current_region(session)
        assert region.name == "StädteRegion Aachen"
        towns = {m.name for m in municipalities(session, region.id)}
        languages = {rl.code: rl.source_code for rl in region_languages(session, region.id)}
        assert len(categories(session, region.id)) >= 8
        assert len(organizations(session, region.id)) >= 8
    assert towns == AACHEN_TOWNS
    assert languages["de"] is None and languages["prs"] == "fa"
    assert {"en", "ar", "fa", "prs", "ps", "uk", "ru", "tr", "ti", "ku", "fr"} <= set(languages)


def test_at_least_forty_offers_in_every_town(demo_db):
    rows = list_offers(demo_db)
    assert len(rows) >= 40
    per_town = Counter(r.municipality for r in rows)
    assert set(per_town) == AACHEN_TOWNS
    assert min(per_town.values()) >= 2
    assert len({r.category for r in rows}) >= 8


def test_every_status_can_be_seen_and_ten_offers_are_translated(demo_db):
    rows = list_offers(demo_db)
    seen = Counter(s for r in rows for s in r.statuses.values())
    for status in ("source", "missing", "machine", "checked", "approved", "outdated"):
        assert seen[status] >= 1, status
    for code in ("en", "ar", "uk"):
        translated = [r for r in rows if r.statuses[code] != "missing"]
        assert len(translated) >= 10, code


def test_published_offers_pass_every_check(demo_db):
    with demo_db.transaction() as session:
        box = current_region(session).bounding_box
    for row in list_offers(demo_db):
        if row.state != "published":
            continue
        offer = get_offer(demo_db, row.id)
        german = offer.texts["de"]
        problems = check_offer_facts(offer.facts, box, draft=False) + check_text(
            german.title, german.summary, german.content, draft=False
        )
        assert problems == [], (row.id, row.title, [p.message("en") for p in problems])
