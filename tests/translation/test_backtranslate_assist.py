"""Back-translation into German and the review assist (findings with fixes, re-translation,
queue risk), against the local fake service."""

from __future__ import annotations

import pytest

from desktop.offers import create_offer, get_offer, save_translation, set_review_status
from desktop.review.queue import review_queue
from desktop.review.segments import review_text
from desktop.translation.assist import EngineAssist
from desktop.translation.backtranslate import back_translate, back_translate_batch, stored_back_translation
from desktop.translation.engine import translate_batch
from desktop.translation.settings import Providers, set_language_provider
from tests.support.factory import GERMAN, make_region, offer_facts

from .conftest import FAST

CONTENT = (
    "<p>Wir beraten Sie <strong>kostenlos</strong>. Telefon 0241 123456.</p><p>Termine nach Absprache.</p>"
)


@pytest.fixture
def translated(sqlite_db, mt_server):
    ids = make_region(sqlite_db)
    offer = create_offer(sqlite_db, offer_facts(ids), {"de": {**GERMAN, "content": CONTENT}}, author="t")
    providers = Providers(sqlite_db, override="libretranslate", url=mt_server.url, limits=FAST)
    translate_batch(sqlite_db, providers, ["ar"], author="t")
    mt_server.reset_counts()
    return sqlite_db, offer.id, providers


def test_back_translation_is_stored_and_reused(translated, mt_server):
    db, offer_id, providers = translated
    segments, result = back_translate(db, providers, offer_id, "ar")
    assert segments["title"] == GERMAN["title"]
    assert segments["content:0"] == "Wir beraten Sie kostenlos. Telefon 0241 123456."
    assert result.outcome == "translated" and mt_server.requests >= 1
    mt_server.reset_counts()
    again, result = back_translate(db, providers, offer_id, "ar")
    assert again == segments and result.outcome == "unchanged" and mt_server.requests == 0
    assert stored_back_translation(db, offer_id, "ar") == segments


def test_back_translation_goes_stale_when_the_translation_changes(translated):
    db, offer_id, providers = translated
    back_translate(db, providers, offer_id, "ar")
    text = get_offer(db, offer_id).texts["ar"]
    save_translation(
        db,
        offer_id,
        "ar",
        {"title": "عنوان جديد", "summary": text.summary, "content": text.content},
        author="t",
        review_status="machine",
    )
    assert stored_back_translation(db, offer_id, "ar") is None


def test_back_translate_batch_reports(translated, mt_server):
    db, _, providers = translated
    report = back_translate_batch(db, providers, ["ar", "en"])
    assert len(report.of("translated")) == 1 and len(report.of("no_source")) == 1


def test_assist_flags_a_changed_phone_number_with_a_fix(translated):
    db, offer_id, providers = translated
    text = get_offer(db, offer_id).texts["ar"]
    broken = text.content.replace("0241 123456", "0241 654321")
    save_translation(
        db,
        offer_id,
        "ar",
        {"title": text.title, "summary": text.summary, "content": broken},
        author="t",
        review_status="machine",
    )
    assist = EngineAssist(db, providers=providers)
    review = review_text(db, offer_id, "ar")
    findings = assist.findings(review)
    phone = [f for f in findings if "0241 123456" in f.message_de]
    assert phone and phone[0].segment_key == "content:0" and phone[0].severity == "error"
    assert "0241 123456" in phone[0].fix_value and "654321" not in phone[0].fix_value
    back = assist.back_translation(review)
    assert back["summary"] == GERMAN["summary"]


def test_queue_puts_the_text_with_a_failed_check_first(translated, mt_server):
    db, offer_id, providers = translated
    second = create_offer(
        db,
        offer_facts({"category_id": 1, "municipality_id": 1}),
        {"de": {**GERMAN, "title": "Zweites", "content": CONTENT}},
        author="t",
    )
    translate_batch(db, providers, ["ar"], author="t")
    text = get_offer(db, second.id).texts["ar"]
    save_translation(
        db,
        second.id,
        "ar",
        {"title": text.title, "summary": text.summary, "content": text.content.replace("123456", "999999")},
        author="t",
        review_status="machine",
    )
    assist = EngineAssist(db, providers=providers)
    items = review_queue(db, languages=["ar"], enrich=assist.enrich_queue_item)
    assert items[0].offer_id == second.id and items[0].failed_checks == 1
    assert items[0].provider == "libretranslate"


def test_retranslate_one_segment_asks_the_service_again(translated, mt_server):
    db, offer_id, providers = translated
    set_review_status(db, offer_id, "ar", "checked", author="t")
    text = get_offer(db, offer_id).texts["ar"]
    save_translation(
        db,
        offer_id,
        "ar",
        {
            "title": text.title,
            "summary": text.summary,
            "content": text.content.replace("[ar] Termine", "Kaputt"),
        },
        author="t",
        review_status="checked",
    )
    assist = EngineAssist(db, providers=providers)
    assist.retranslate(offer_id, "ar", "content:1")
    after = get_offer(db, offer_id).texts["ar"]
    assert "[ar] Termine nach Absprache." in after.content and after.review_status == "machine"
    assert mt_server.segments == 1


def test_assist_for_needs_a_configured_service(translated):
    from desktop.translation.assist import assist_for

    db, _, _ = translated
    assert assist_for(db) is None
    set_language_provider(db, "ar", "libretranslate")
    assert isinstance(assist_for(db), EngineAssist)


def test_back_translation_prefers_another_service_than_the_forward_one(translated, mt_server):
    from desktop.translation.settings import ServiceSettings, save_service

    db, offer_id, _ = translated
    save_service(db, ServiceSettings("libretranslate", url=mt_server.url))
    save_service(db, ServiceSettings("google", url=mt_server.url + "/google/m"))
    set_language_provider(db, "ar", "libretranslate")
    set_language_provider(db, "en", "google")
    providers = Providers(db, limits=FAST)
    segments, result = back_translate(db, providers, offer_id, "ar")
    assert result.provider == "google" and segments["title"] == GERMAN["title"]
    assert any(path.startswith("/google") for path in mt_server.paths)


def test_the_proposal_beside_an_approved_outdated_text_is_offered_per_changed_segment(translated, mt_server):
    from desktop.offers import save_offer

    db, offer_id, providers = translated
    set_review_status(db, offer_id, "ar", "approved", author="t", reviewed_by="Frau Haddad")
    offer = get_offer(db, offer_id)
    de = offer.texts["de"]
    save_offer(
        db,
        offer_id,
        expected_version=offer.version,
        author="t",
        texts={
            "de": {
                "title": de.title,
                "summary": de.summary,
                "content": de.content.replace("Termine nach Absprache.", "Termine nur nach Absprache."),
            }
        },
    )
    report = translate_batch(db, providers, ["ar"], author="t")
    assert len(report.of("kept_reviewed")) == 1
    review = review_text(db, offer_id, "ar")
    offered = [
        f for f in EngineAssist(db, providers=providers).findings(review) if f.fix_label_en == "Use proposal"
    ]
    assert [f.segment_key for f in offered] == ["content:1"]
    assert offered[0].fix_value == "[ar] Termine nur nach Absprache."
    assert "„nur“" in offered[0].message_de


def test_retranslating_a_contacts_area_notes_the_contact_by_name(sqlite_db, mt_server):
    """The revision note of a re-translated area says whose area it is, in the interface language."""
    from desktop.offers import offer_history
    from models.i18n import set_language
    from models.revision_notes import render_note

    ids = make_region(sqlite_db)
    facts = offer_facts(ids)
    facts["contacts"] = [{"name": "Frau L. Hoffmann"}, {"name": "Herr O. Haddad"}]
    german = {**GERMAN, "contact_areas": ["Migrationsberatung", "Sprachkurse"]}
    offer = create_offer(sqlite_db, facts, {"de": german}, author="t")
    second = offer.facts["contacts"][1]["key"]
    providers = Providers(sqlite_db, override="libretranslate", url=mt_server.url, limits=FAST)
    translate_batch(sqlite_db, providers, ["ar"], author="t")
    text = get_offer(sqlite_db, offer.id).texts["ar"]
    broken = {"title": text.title, "summary": text.summary, "content": text.content}
    broken["contact_areas"] = {**text.contact_areas, second: "Kaputt"}
    save_translation(sqlite_db, offer.id, "ar", broken, author="t", review_status="checked")
    EngineAssist(sqlite_db, providers=providers).retranslate(offer.id, "ar", f"area:{second}")
    assert get_offer(sqlite_db, offer.id).texts["ar"].contact_areas[second] == "[ar] Sprachkurse"
    note = offer_history(sqlite_db, offer.id, "ar")[0].note
    try:
        set_language("en")
        english = render_note(note)
        set_language("de")
        assert render_note(note).startswith("Zuständig für – Herr O. Haddad neu übersetzt (")
    finally:
        set_language("de")
    assert english.startswith("Re-translated Area of responsibility – Herr O. Haddad (")
