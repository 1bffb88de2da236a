"""``lotse integreat link``: a region started in Lotse connected to the real CMS's region.
Sure matches (the same title; a place with the same title and address; an event) are linked
with ``--yes``, a similar title only when the user says yes; linked items take the CMS's
identity, the next ``sync`` sees Lotse's differing texts as Lotse's changes, and a linked
place's flyer QR code leads to the path of the CMS's own ``url`` for it."""

from __future__ import annotations

import builtins
from datetime import datetime
from urllib.parse import unquote, urlsplit

import pytest
from sqlmodel import select

from desktop.app_links import set_app_url
from desktop.cli import main
from desktop.content import create_item
from desktop.flyers import render_offer_flyer
from desktop.offers import create_offer
from models.tables import Offer, OfferText
from tests.flyers.support import decode_qr
from tests.support.factory import make_region, offer_facts

pytestmark = pytest.mark.integreat_cms

APP = "https://integreat.app/testumgebung/"


def text(title: str, content: str = "<p>In Lotse geschrieben.</p>") -> dict:
    return {"de": {"title": title, "summary": "", "content": content}}


@pytest.fixture
def started_in_lotse(sqlite_db):
    db = sqlite_db
    ids = make_region(db, languages=(("de", None), ("en", "de"), ("ar", "de")))
    made = {}
    made["gesundheit"] = create_item(db, "page", text("Gesundheit"), author="t", region_slug="testregion")
    made["kranken"] = create_item(
        db,
        "page",
        text("Krankenversicherung"),
        author="t",
        kind_facts={"parent_id": made["gesundheit"]},
        region_slug="testregion",
    )
    made["job"] = create_item(db, "page", text("Job-Center"), author="t", region_slug="testregion")
    made["own"] = create_item(db, "page", text("Nur bei uns"), author="t", region_slug="testregion")
    made["cafe"] = create_item(
        db,
        "event",
        text("Sprachcafé"),
        author="t",
        kind_facts={
            "event_start": datetime(2026, 1, 6, 17, 0),
            "event_end": datetime(2026, 1, 6, 19, 0),
            "timezone": "Europe/Berlin",
            "rrule": "FREQ=WEEKLY;BYDAY=TU",
        },
        region_slug="testregion",
    )
    place = create_offer(
        db,
        offer_facts(ids, street="Zollernstr. 16", postcode="52070", latitude=50.7841, longitude=6.0921),
        {"de": {"title": "Migrationsberatung", "summary": "Beratung.", "content": "<p>Beratung.</p>"}},
        author="t",
        region_slug="testregion",
        slug="beratung-fuer-erwachsene",
    )
    made["place"] = place.id
    return db, made


def test_link_then_sync_and_qr(integreat_cms, started_in_lotse, monkeypatch, capsys, tmp_path):
    cms = integreat_cms
    db, made = started_in_lotse
    monkeypatch.setenv("LOTSE_LANG", "en")
    url = f"{cms.base_url}/{cms.region}/"
    argv = ["integreat", "link", url, "--region", "testregion", "--db", db.url]
    monkeypatch.setattr(builtins, "input", lambda prompt: pytest.fail(f"asked with --yes: {prompt}"))
    assert main([*argv, "--yes"]) == 0
    out = capsys.readouterr().out
    for line in (
        f"[{made['gesundheit']}] Gesundheit -> /testumgebung/de/gesundheit/ „Gesundheit“ (same title, sure)",
        f"[{made['kranken']}] Krankenversicherung -> /testumgebung/de/gesundheit/krankenversicherung/",
        f"[{made['cafe']}] Sprachcafé -> /testumgebung/de/events/sprachcafe-woechentlich/",
        f"[{made['place']}] Migrationsberatung -> /testumgebung/de/locations/migrationsberatung/ "
        "„Migrationsberatung“ (same title and address, sure)",
        f"[{made['job']}] Job-Center -> /testumgebung/de/behörden/jobcenter/ „Jobcenter“ "
        "(similar title, check)",
        "4 items linked.",
        "Only in Lotse (create them in the CMS, then link): 1\n  Nur bei uns",
    ):
        assert line in out, out
    with db.session() as session:
        place = session.get(Offer, made["place"])
        slugs = dict(
            session.exec(
                select(OfferText.offer_id, OfferText.slug).where(OfferText.language_code == "de")
            ).all()
        )
    cms_places = {p["path"]: p for p in cms.api("de", "locations/")}
    cms_place = cms_places["/testumgebung/de/locations/migrationsberatung/"]
    assert place.cms_id == cms_place["location"]["id"] and place.slug == "migrationsberatung"
    assert slugs[made["kranken"]] == "krankenversicherung" and slugs[made["job"]] is None

    # again, answering: the similar one is asked about, and linked on "y"
    monkeypatch.setattr(builtins, "input", lambda prompt: "y")
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Proposed links: 5" in out and "5 items linked." in out  # the linked ones again (by id/slug)

    # the next sync: Lotse's texts differ from the CMS's, so they count as Lotse's changes
    assert main(["integreat", "sync", url, "--region", "testregion", "--db", db.url]) == 0
    report = capsys.readouterr().out
    taken = report.split("Changed in Lotse")[0]  # the translations only the CMS had come in
    assert f"[{made['gesundheit']}] en: Health (title; content)" in taken
    assert f"[{made['kranken']}] en: Health insurance" in taken and "] de:" not in taken
    assert f"[{made['kranken']}] de: Krankenversicherung (content)" in report.split("Changed on both")[0]
    assert "waiting for your decision (lotse integreat sync --take cms|lotse ID): 0" in report

    # the linked place's QR code: the app URL with the path of the CMS's own url for it
    set_app_url(db, APP)
    pdf = render_offer_flyer(db, made["place"], tmp_path / "place.pdf", "de", policy="machine")
    want = APP + urlsplit(cms_place["url"]).path.removeprefix("/testumgebung/")
    assert [code for code, _ in decode_qr(pdf.path, tmp_path)] == [want]


def test_app_links_of_imported_places_are_the_cms_urls(integreat_cms, tmp_path):
    """Every place imported from the CMS: the address its flyer's QR code carries is the region's
    app URL with the path of the CMS's own ``url`` for that place, in every language the CMS has
    it in (one flyer rendered and decoded to show the QR code carries that address)."""
    from desktop.app_links import offer_language_links, offer_link_templates
    from desktop.db import open_database
    from desktop.regions import current_region

    path = tmp_path / "imported.sqlite"
    assert (
        main(["import", "integreat", f"{integreat_cms.base_url}/{integreat_cms.region}/", "--db", str(path)])
        == 0
    )
    db = open_database(str(path))
    try:
        set_app_url(db, APP)
        with db.session() as session:
            templates = offer_link_templates(session, current_region(session))
            by_language = offer_language_links(session, current_region(session))
            by_cms_id = {o.cms_id: o.id for o in session.exec(select(Offer).where(Offer.kind == "offer"))}
        checked = 0
        for lang in ("de", "en", "ar"):
            for place in integreat_cms.api(lang, "locations/"):
                oid = by_cms_id[place["location"]["id"]]
                cms_path = urlsplit(place["url"]).path.removeprefix(f"/{integreat_cms.region}/")
                link = by_language.get(oid, {}).get(lang) or templates[oid].replace("{lang}", lang)
                assert unquote(link) == APP + cms_path, (lang, place["title"])
                checked += 1
        assert checked >= 6
        place = integreat_cms.api("ar", "locations/")[0]
        oid = by_cms_id[place["location"]["id"]]
        pdf = render_offer_flyer(db, oid, tmp_path / "ar.pdf", "ar", policy="machine")
        want = APP + urlsplit(place["url"]).path.removeprefix(f"/{integreat_cms.region}/")
        assert [unquote(code) for code, _ in decode_qr(pdf.path, tmp_path)] == [want]
    finally:
        db.dispose()
