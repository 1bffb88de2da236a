"""Import from Integreat: the CMS's own outputs, our own package back (round trip), bad and hostile input."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from desktop.integreat_import import ImportFailed, import_integreat
from desktop.offers import get_offer, list_offers
from desktop.publish import publish_package
from desktop.tasks import Cancelled, CancelToken
from export.integreat import reader
from models.bidi import LRM
from models.tables import Category, Offer, OfferText, Region, RegionLanguage

FIXTURES = Path(__file__).with_name("fixtures")
TODAY = date(2026, 12, 1)


def regions(db) -> list[str]:
    with db.transaction() as session:
        return [r.slug for r in session.exec(select(Region))]


def test_import_of_the_cms_test_region(db):
    result = import_integreat(db, FIXTURES)
    assert result.region_slug == "augsburg" and result.languages[0] == "de"
    assert set(result.languages) == {"de", "en", "ar", "fa"}
    assert (result.offers, result.pages, result.events) == (1, 22, 3) and result.warnings == []
    rows = {r.slug: r for r in list_offers(db)}
    place = get_offer(db, rows["test-ort"].id)
    facts = place.facts
    assert (
        facts["street"] == "Wolfgangstraße 2" and facts["postcode"] == "86153" and facts["town"] == "Augsburg"
    )
    assert (facts["latitude"], facts["longitude"]) == (48.3781092, 10.887578)
    assert len(facts["opening_hours"]) == 7 and facts["opening_hours"][0]["slots"] == [
        ["10:00", "13:00"],
        ["15:00", "18:00"],
    ]
    assert facts["opening_hours"][2]["closed"] is True and facts["barrier_free"] is True
    assert (
        place.texts["de"].title == "Test-Ort"
        and place.texts["de"].summary == "Meta-Beschreibung des Test-Ortes"
    )
    assert (
        place.texts["en"].title == "Test location"
        and place.texts["ar"].title
        and place.texts["ar"].status == "checked"
    )
    assert (
        rows["test-ort"].category == "Behörde/Amt"
        and rows["test-ort"].organization == "Nicht archivierte Organisation"
    )
    # pages are information pages (the whole tree, tests/content/test_augsburg_roundtrip.py),
    # with their Arabic translation, the CMS's slug per language and its translation id
    pages = {p.slug: p for p in list_offers(db, kind="page")}
    sprachkurse = get_offer(db, pages["sprachkurse"].id)
    assert (
        sprachkurse.texts["ar"].status == "checked" and sprachkurse.texts["ar"].title == "دورات تعليم اللغة"
    )
    with db.transaction() as session:
        texts = {
            (t.language_code, t.slug): t.cms_id
            for t in session.exec(select(OfferText).where(OfferText.offer_id == pages["sprachkurse"].id))
        }
        assert texts == {("de", "sprachkurse"): 57, ("ar", "دورات-تعليم-اللغة"): 58}
    with db.transaction() as session:
        region = session.exec(select(Region)).one()
        assert region.name == "Stadt Augsburg" and region.prefix == "Stadt" and region.postcode == "86150"
        assert region.bounding_box == ((10.7633615, 48.2581444), (10.9593328, 48.4586541))
        assert "Stadt Augsburg" in region.imprint_html
        dirs = {lang.code: lang.direction for lang in session.exec(select(RegionLanguage))}
        assert dirs == {"de": "ltr", "en": "ltr", "ar": "rtl", "fa": "rtl"}
        assert [c.names["de"] for c in session.exec(select(Category))] == ["Behörde/Amt"]


def _published_state(db, codes=None):
    """Every offer by slug: facts that travel and per language title, summary, content, status."""
    out = {}
    for row in list_offers(db):
        offer = get_offer(db, row.id)
        facts = {
            k: offer.facts[k]
            for k in (
                "street",
                "postcode",
                "town",
                "latitude",
                "longitude",
                "contacts",
                "opening_hours",
                "appointment_url",
                "barrier_free",
                "languages_spoken",
                "target_groups",
                "cost",
                "valid_from",
                "valid_until",
                "state",
            )
        }
        # A contact's key is Lotse's own (the package has none): the import gives new ones.
        facts["contacts"] = [{k: v for k, v in c.items() if k != "key"} for c in facts["contacts"] or []]
        texts = {
            c: (t.title, t.summary, t.content, t.status)
            for c, t in offer.texts.items()
            if t.status != "missing"
        }
        out[row.slug] = (facts, row.category, row.organization, texts)
    return out


def test_round_trip_demo_package_import_gives_the_same_offers_texts_and_statuses(demo_db, db, tmp_path):
    result = publish_package(
        demo_db,
        tmp_path / "pkg",
        policy="machine",
        make_zip=True,
        today=TODAY,
        generated_at=datetime(2026, 12, 1, tzinfo=UTC),
        local_preview=True,
    )
    imported = import_integreat(db, tmp_path / "pkg.zip")
    assert imported.offers == len(result.plan.included["de"])
    before, after = _published_state(demo_db), _published_state(db)
    included = {code: set(ids) for code, ids in result.plan.included.items()}
    with demo_db.transaction() as session:
        slug_of = {o.id: o.slug for o in session.exec(select(Offer))}
    assert set(after) == {slug_of[i] for i in included["de"]}
    compared = 0
    for slug, (facts, category, organization, texts) in after.items():
        old_facts, old_category, old_org, old_texts = before[slug]
        assert facts == old_facts, slug
        assert (category, organization) == (old_category, old_org)
        oid = next(i for i, s in slug_of.items() if s == slug)
        expected = {c: v for c, v in old_texts.items() if oid in included.get(c, set())}
        assert texts == expected, slug
        compared += len(texts)
    assert compared == sum(len(ids) for ids in included.values())
    # ...and publishing the imported region gives the same API files
    publish_package(db, tmp_path / "again", policy="machine", today=TODAY, local_preview=True)
    for code in result.plan.languages:
        rel = f"api/v3/staedteregion-aachen/{code}/pages/index.json"
        first = json.loads((tmp_path / "pkg" / rel).read_text())
        second = json.loads((tmp_path / "again" / rel).read_text())
        assert [(p["path"], p["title"], p["content"]) for p in first] == [
            (p["path"], p["title"], p["content"]) for p in second
        ]


def test_a_zip_and_a_folder_give_the_same_import(tmp_path, sqlite_db):
    archive = tmp_path / "augsburg.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in sorted(FIXTURES.glob("*.json")):
            z.write(f, f"saved/{f.name}")
    result = import_integreat(sqlite_db, archive)
    assert (result.offers, result.pages, result.events) == (1, 22, 3) and result.region_slug == "augsburg"


def test_bad_json_names_the_file_and_imports_nothing(tmp_path, sqlite_db):
    folder = tmp_path / "export"
    shutil.copytree(FIXTURES, folder)
    (folder / "augsburg_de_pages.json").write_text('[{"id": 1, "title": "kaputt",]', encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        import_integreat(sqlite_db, folder)
    message = caught.value.message("de")
    assert (
        "augsburg_de_pages.json" in message and "Zeile 1" in message and "Nichts wurde übernommen" in message
    )
    assert regions(sqlite_db) == []


def test_hostile_content_is_cleaned(tmp_path, sqlite_db):
    folder = tmp_path / "export"
    shutil.copytree(FIXTURES, folder)
    pages = json.loads((folder / "augsburg_de_pages.json").read_text())
    pages[1]["title"] = "<b>Fett</b> &amp; <script>alert(1)</script>Titel"
    pages[1]["content"] = (
        '<p onclick="evil()">Hallo<script>steal()</script><iframe src="https://x"></iframe>'
        '<a href="javascript:alert(1)">Link</a></p>'
    )
    (folder / "augsburg_de_pages.json").write_text(json.dumps(pages), encoding="utf-8")
    import_integreat(sqlite_db, folder)
    row = next(
        r for r in list_offers(sqlite_db, kind="page") if r.slug == pages[1]["path"].strip("/").split("/")[-1]
    )
    text = get_offer(sqlite_db, row.id).texts["de"]
    assert "<" not in text.title and "Fett" in text.title and "&" in text.title
    for bad in ("script", "onclick", "iframe", "javascript", "steal"):
        assert bad not in text.content
    assert "Hallo" in text.content


def test_huge_files_deep_nesting_and_lying_zips_are_refused(tmp_path, sqlite_db, monkeypatch):
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 20_000)
    folder = tmp_path / "big"
    shutil.copytree(FIXTURES, folder)
    with pytest.raises(ImportFailed) as caught:
        import_integreat(sqlite_db, folder)  # augsburg_de_pages.json is 48 kB
    assert "zu groß" in caught.value.message("de") and "too large" in caught.value.message("en")
    monkeypatch.undo()
    deep = tmp_path / "deep"
    deep.mkdir()
    (deep / "pages.json").write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(ImportFailed) as caught:
        import_integreat(sqlite_db, deep)
    assert "pages.json" in caught.value.message("en")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportFailed):
        import_integreat(sqlite_db, tmp_path / "broken.zip")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.json").write_text('{"error": "No language matches the given query."}')
    with pytest.raises(ImportFailed) as caught:
        import_integreat(sqlite_db, empty)
    assert "Keine Seiten" in caught.value.message("de")
    with pytest.raises(ImportFailed):
        import_integreat(sqlite_db, tmp_path / "gibt-es-nicht")
    assert regions(sqlite_db) == []


def test_never_a_partial_import(sqlite_db):
    token = CancelToken()

    def progress(done, total, message=""):
        if done == 10:
            token.cancel()

    with pytest.raises(Cancelled):
        import_integreat(sqlite_db, FIXTURES, progress, token)
    assert regions(sqlite_db) == [] and list_offers.__name__  # nothing left behind
    with sqlite_db.transaction() as session:
        assert session.exec(select(Offer)).first() is None


def test_the_same_region_twice_is_refused(sqlite_db):
    import_integreat(sqlite_db, FIXTURES)
    count = len(list_offers(sqlite_db))
    with pytest.raises(ImportFailed) as caught:
        import_integreat(sqlite_db, FIXTURES)
    assert "augsburg" in caught.value.message("de")
    assert len(list_offers(sqlite_db)) == count


def test_rtl_marks_added_for_display_do_not_come_back(demo_db, sqlite_db, tmp_path):
    publish_package(demo_db, tmp_path / "pkg", today=TODAY, local_preview=True)
    ar = json.loads((tmp_path / "pkg/api/v3/staedteregion-aachen/ar/pages/index.json").read_text())
    assert any(LRM in p["content"] for p in ar)
    import_integreat(sqlite_db, tmp_path / "pkg")
    for row in list_offers(sqlite_db):
        text = get_offer(sqlite_db, row.id).texts.get("ar")
        assert text is None or LRM not in text.content
