"""A flyer's QR code reads only what an offer's path depends on (``app_links.path_snapshot``),
not the whole region: the paths must be the ones the whole snapshot gives, which the package
builder uses. Compared for every offer on SQLite and PostgreSQL, with the cases that change a
path: slug clashes, a reserved category slug, no category, a place without coordinates, an
imported CMS place with its own slug per translation (one clashing, one reserved, one in a
language no longer active), pages that are not offers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlmodel import select

from desktop.app_links import offer_links, path_snapshot
from desktop.demo import install_demo
from desktop.publish import load_snapshot
from export.integreat.item_paths import offer_item_segments, offer_language_segments
from models.tables import Category, Offer, OfferText, Region, RegionLanguage


def _paths(snapshot):
    return offer_item_segments(snapshot), offer_language_segments(snapshot)


def _both(db):
    with db.transaction() as session:
        region = session.exec(select(Region)).one()
        whole = _paths(load_snapshot(session, region.slug, light=True))
        narrow = _paths(path_snapshot(session, region))
        links = offer_links(session, region)
    return whole, narrow, links


def _make_cases(db) -> None:
    with db.transaction() as session:
        offers = list(session.exec(select(Offer).where(Offer.kind == "offer").order_by(Offer.id)))
        first, second, third, fourth, fifth = offers[:5]
        second.slug = first.slug  # a clash: the later one takes a suffix
        third.latitude = third.longitude = None  # no longer a place: its page
        third.category_id = first.category_id
        fourth.latitude = fourth.longitude = None
        fourth.category_id = None  # the uncategorised page
        category = session.get(Category, first.category_id)
        category.slug = "events"  # a reserved word: suffixed
        fifth.cms_id = 4711  # an imported place: its translations' own slugs
        session.add_all([first, second, third, fourth, fifth, category])
        texts = {
            t.language_code: t for t in session.exec(select(OfferText).where(OfferText.offer_id == fifth.id))
        }
        slugs = {"de": "sprachcafe", "en": first.slug, "ar": "events", "fa": "kafe-zaban"}
        for code, slug in slugs.items():
            if code in texts:
                texts[code].slug = slug
                session.add(texts[code])
        farsi = session.exec(select(RegionLanguage).where(RegionLanguage.code == "fa")).one()
        farsi.active = False
        session.add(farsi)


def test_the_paths_read_narrowly_are_the_whole_snapshots(db):
    install_demo(db)
    whole, narrow, (templates, by_language) = _both(db)
    assert narrow == whole and whole[0]
    _make_cases(db)
    whole, narrow, (templates, by_language) = _both(db)
    assert narrow == whole
    items, languages = whole
    assert len(templates) == len(items) and by_language.keys() == languages.keys()
    assert any(slug.endswith("-2") for _, slug in items.values())  # the clash
    assert any(segment.startswith("events-") for segment, _ in items.values())  # the reserved slug
    assert any(seg == "weitere-angebote" for seg, _ in items.values())
    imported = next(by_code for by_code in languages.values())
    assert imported["de"] == ("locations", "sprachcafe")
    assert "fa" not in imported and "ar" not in imported and "en" not in imported


def test_one_offers_links_are_those_of_the_whole_region(db):
    """A flyer writes out only its own offer's addresses (``only``): the same as the region's."""
    install_demo(db)
    _make_cases(db)
    with db.transaction() as session:
        region = session.exec(select(Region)).one()
        templates, by_language = offer_links(session, region)
        ids = [o.id for o in session.exec(select(Offer).where(Offer.kind == "offer"))]
        for offer_id in ids:
            one = offer_links(session, region, only=offer_id)
            assert one == (
                {k: v for k, v in templates.items() if k == offer_id},
                {k: v for k, v in by_language.items() if k == offer_id},
            )
    assert any(by_language) and len(templates) > 1


def test_a_flyer_does_not_load_the_publishing_code(demo_db, tmp_path):
    """The first flyer of a fresh process (the user's first print) reads its links without
    importing ``desktop.publish`` and the package builder behind it."""
    url = demo_db.engine.url.render_as_string(hide_password=False)
    script = (
        "import json, sys\n"
        "from desktop.db import open_database\n"
        "from desktop.flyers import render_offer_flyer\n"
        "from desktop.offers import list_offers\n"
        f"db = open_database({url!r})\n"
        "offer = list_offers(db)[0].id\n"
        f"result = render_offer_flyer(db, offer, {str(tmp_path / 'f.pdf')!r}, 'de', policy='machine')\n"
        "print(json.dumps({'pages': result.pages, 'publish': 'desktop.publish' in sys.modules}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    answer = json.loads(proc.stdout.strip().splitlines()[-1])
    assert answer == {"pages": 1, "publish": False}
    assert (tmp_path / "f.pdf").stat().st_size > 10_000
