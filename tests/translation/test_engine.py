"""Batches against the local fake LibreTranslate: everything ends translated or reported,
the memory means nothing is sent twice, reviewed texts are never overwritten."""

from __future__ import annotations

import pytest

from desktop.offers import create_offer, get_offer, save_offer, set_review_status
from desktop.tasks import CancelToken
from desktop.translation.engine import estimate, translate_batch
from desktop.translation.glossary import add_term
from desktop.translation.http import Limits
from desktop.translation.memory import memory_size
from desktop.translation.settings import Providers
from tests.support.factory import GERMAN, make_region, offer_facts

from .conftest import FAST

CONTENT = (
    "<p>Wir beraten Sie <strong>kostenlos</strong>. Rufen Sie uns an: 0241 123456.</p>"
    "<ul><li>Montag 9:00 bis 12:00 Uhr im Jobcenter.</li><li>Mehr unter https://example.org/beratung.</li></ul>"
)


@pytest.fixture
def region(db):
    ids = make_region(db)
    offers = [
        create_offer(
            db, offer_facts(ids), {"de": {**GERMAN, "content": CONTENT, "title": f"Beratung {i}"}}, author="t"
        )
        for i in range(3)
    ]
    return ids, offers


def providers(db, server, limits=FAST):
    return Providers(db, override="libretranslate", url=server.url, limits=limits)


def test_batch_translates_then_second_run_sends_nothing(db, region, mt_server):
    _, offers = region
    report = translate_batch(db, providers(db, mt_server), ["ar", "en"], author="tester")
    assert len(report.of("translated")) == 6 and not report.failed
    text = get_offer(db, offers[0].id).texts["ar"]
    assert text.status == "machine" and text.provider == "libretranslate"
    assert text.title == "[ar] Beratung 0"
    assert "<strong>kostenlos</strong>" in text.content and "0241 123456" in text.content
    assert "9:00" in text.content and "https://example.org/beratung" in text.content
    first_requests = mt_server.requests
    # identical sentences of the three offers were sent once
    assert mt_server.segments < 3 * 2 * 6
    mt_server.reset_counts()
    again = translate_batch(db, providers(db, mt_server), ["ar", "en"], author="tester")
    assert mt_server.requests == 0 and again.requests == 0
    assert len(again.of("unchanged")) == 6
    assert first_requests > 0


def test_one_changed_sentence_sends_only_that_sentence(db, region, mt_server):
    _, offers = region
    translate_batch(db, providers(db, mt_server), ["ar"], author="t")
    mt_server.reset_counts()
    offer = get_offer(db, offers[1].id)
    changed = CONTENT.replace("Wir beraten Sie", "Wir beraten Sie und Ihre Familie")
    save_offer(
        db,
        offer.id,
        expected_version=offer.version,
        author="t",
        texts={
            "de": {"title": offer.texts["de"].title, "summary": offer.texts["de"].summary, "content": changed}
        },
    )
    report = translate_batch(db, providers(db, mt_server), ["ar"], author="t")
    assert mt_server.segments == 1 and mt_server.requests == 1
    assert len(report.of("translated")) == 1 and len(report.of("unchanged")) == 2
    assert "[ar] Wir beraten Sie und Ihre Familie" in get_offer(db, offer.id).texts["ar"].content


def test_reviewed_text_is_never_overwritten(db, region, mt_server):
    _, offers = region
    translate_batch(db, providers(db, mt_server), ["ar"], author="t")
    set_review_status(db, offers[0].id, "ar", "approved", author="t", reviewed_by="Frau Haddad")
    reviewed = get_offer(db, offers[0].id).texts["ar"]
    offer = get_offer(db, offers[0].id)
    save_offer(
        db,
        offer.id,
        expected_version=offer.version,
        author="t",
        texts={"de": {"title": "Neue Beratung", "summary": offer.texts["de"].summary, "content": CONTENT}},
    )
    report = translate_batch(db, providers(db, mt_server), ["ar"], author="t")
    assert [r.offer_id for r in report.of("kept_reviewed")] == [offers[0].id]
    after = get_offer(db, offers[0].id).texts["ar"]
    assert after.title == reviewed.title and after.status == "outdated"
    from desktop.translation.engine import waiting_proposal

    assert waiting_proposal(db, offers[0].id, "ar").title == "[ar] Neue Beratung"
    mt_server.reset_counts()
    again = translate_batch(db, providers(db, mt_server), ["ar"], author="t")
    assert len(again.of("kept_reviewed")) == 1 and mt_server.requests == 0 and again.requests == 0


def test_failures_are_reported_per_text_with_the_reason(db, region, mt_server):
    mt_server.fail_next(100, 500)
    report = translate_batch(db, providers(db, mt_server), ["ar"], author="t")
    assert len(report.failed) == 3
    assert "LibreTranslate" in str(report.failed[0].reason) and "500" in report.failed[0].reason_en
    assert "Fehlgeschlagen: 3" in report.summary("de")


def test_hung_server_does_not_hang_the_batch(db, region, mt_server):
    import time

    limits = Limits(timeout=0.5, retries=2, backoff=0.01, requests_per_second=1000, concurrency=4)
    p = providers(db, mt_server, limits)
    p.for_language("ar").languages()
    mt_server.mode = "silent"
    started = time.monotonic()
    report = translate_batch(db, p, ["ar", "uk", "fa"] if False else ["ar"], author="t")
    assert time.monotonic() - started < 3
    assert len(report.failed) == 3 and report.failed[0].reason_en.count("0.5")


def test_mangled_placeholders_flag_the_segment_and_stay_out_of_memory(db, region, mt_server):
    _, offers = region
    mt_server.mode = "mangle"
    report = translate_batch(db, providers(db, mt_server), ["ar"], offer_ids=[offers[0].id], author="t")
    assert report.flagged and "0241 123456" in report.flagged[0].flagged
    assert "Markiert" in report.summary("de")
    assert memory_size(db) < mt_server.segments


def test_glossary_term_kept_and_translated_as_given(db, region, mt_server):
    _, offers = region
    add_term(db, "Jobcenter")
    add_term(db, "kostenlos", target="en", translation="free of charge")
    translate_batch(db, providers(db, mt_server), ["en"], offer_ids=[offers[0].id], author="t")
    content = get_offer(db, offers[0].id).texts["en"].content
    assert "<strong>free of charge</strong>" in content and "Jobcenter" in content


def test_cancel_keeps_what_is_done(db, region, mt_server):
    token = CancelToken()
    seen = []

    def progress(done, total, message=""):
        seen.append(done)
        if done >= 1:
            token.cancel()

    report = translate_batch(
        db, providers(db, mt_server), ["ar", "en"], author="t", progress=progress, token=token
    )
    assert report.cancelled
    assert len(report.of("translated")) >= 1
    again = translate_batch(db, providers(db, mt_server), ["ar", "en"], author="t")
    assert len(again.of("unchanged")) == len(report.of("translated"))


def test_estimate_counts_words_and_requests_before_sending(db, region, mt_server):
    p = providers(db, mt_server)
    before = estimate(db, p, ["ar"])
    assert before.texts == 3 and before.words > 10 and before.requests >= 1
    assert mt_server.requests == 0
    translate_batch(db, p, ["ar"], author="t")
    assert estimate(db, p, ["ar"]).words == 0


def test_budget_is_respected(db, region, mt_server):
    from desktop.translation.settings import ServiceSettings, save_service

    save_service(db, ServiceSettings("libretranslate", yearly_word_budget=5))
    report = translate_batch(db, providers(db, mt_server), ["ar"], author="t")
    assert len(report.failed) == 3 and "budget" in report.failed[0].reason_en
    assert mt_server.requests == 0


def test_progress_names_the_offer_and_the_words_sent(sqlite_db, mt_server):
    ids = make_region(sqlite_db)
    create_offer(sqlite_db, offer_facts(ids), {"de": {**GERMAN, "content": CONTENT}}, author="t")
    messages = []
    translate_batch(
        sqlite_db,
        providers(sqlite_db, mt_server),
        ["ar"],
        author="t",
        progress=lambda done, total, message="": messages.append((done, total, message)),
    )
    assert messages[-1][:2] == (1, 1)
    assert "Migrationsberatung" in messages[-1][2] and "Wörter gesendet" in messages[-1][2]


def test_a_service_that_changes_numbers_or_translates_nothing_is_caught_by_the_checks(sqlite_db, mt_server):
    from desktop.translation.checks import check_translation

    ids = make_region(sqlite_db)
    content = "<p>Der Kurs hat 12 Plätze. Rufen Sie 0241 123456 an.</p>"
    offer = create_offer(sqlite_db, offer_facts(ids), {"de": {**GERMAN, "content": content}}, author="t")
    mt_server.mode = "change_numbers"
    report = translate_batch(sqlite_db, providers(sqlite_db, mt_server), ["ar"], author="t")
    # the protected phone number's placeholder ⟦1⟧ became ⟦2⟧: flagged; the plain 12 became 23: a finding
    assert report.flagged and "0241 123456" in report.flagged[0].flagged
    text = get_offer(sqlite_db, offer.id).texts["ar"]
    codes = {f.code for f in check_translation(content, text.content, "ar", [])}
    assert {"number_missing", "value_missing"} <= codes
    mt_server.mode = "untranslated"
    translate_batch(sqlite_db, providers(sqlite_db, mt_server), ["en"], author="t")
    english = get_offer(sqlite_db, offer.id).texts["en"].content
    assert "untranslated" in {f.code for f in check_translation(content, english, "en", [])}


def test_keys_never_reach_the_database_the_report_or_the_log(tmp_path, mt_server, caplog):
    import logging

    from desktop.db import open_database

    caplog.set_level(logging.DEBUG)
    db = open_database(str(tmp_path / "keys.sqlite"))
    try:
        ids = make_region(db)
        create_offer(db, offer_facts(ids), {"de": {**GERMAN, "content": CONTENT}}, author="t")
        mt_server.key = "right-KEY-4711"
        good = Providers(db, override="deepl", url=mt_server.url, key="right-KEY-4711", limits=FAST)
        assert not translate_batch(db, good, ["ar"], author="t").failed
        wrong = Providers(db, override="deepl", url=mt_server.url, key="wrong-KEY-0815", limits=FAST)
        report = translate_batch(db, wrong, ["en"], author="t")
        assert report.failed and "DeepL" in str(report.failed[0].reason)
        text = (
            report.summary("de")
            + report.summary("en")
            + "".join(str(r.reason) + r.reason_en for r in report.results)
        )
    finally:
        db.dispose()
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("keys.sqlite*"))
    for key in ("right-KEY-4711", "wrong-KEY-0815"):
        assert key.encode() not in stored and key not in text and key not in caplog.text


def test_estimate_prices_a_paid_service_and_needs_no_request(sqlite_db, mt_server, monkeypatch):
    ids = make_region(sqlite_db)
    create_offer(sqlite_db, offer_facts(ids), {"de": {**GERMAN, "content": CONTENT}}, author="t")
    monkeypatch.setenv("LOTSE_DEEPL_KEY", "k")
    deepl = Providers(sqlite_db, override="deepl", url=mt_server.url, limits=FAST)
    result = estimate(sqlite_db, deepl, ["ar", "en"])
    chars = result.characters
    assert chars > 100 and abs(result.cost - chars * 20 / 1_000_000) < 1e-9
    assert result.per_language["ar"]["requests"] == 1 and mt_server.requests == 0
