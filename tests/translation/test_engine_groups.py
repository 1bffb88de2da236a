"""A batch in groups: the next group's requests are out while a group's texts are stored
(desktop/translation/groups.py), and everything still ends translated and remembered."""

from __future__ import annotations

import time
from dataclasses import replace

from desktop.offers import create_offer, get_offer
from desktop.translation.engine import estimate, translate_batch
from desktop.translation.groups import FIRST_GROUP, GROUP
from desktop.translation.settings import Providers
from tests.support.factory import GERMAN, make_region, offer_facts

from .conftest import FAST


def _offers(db, count: int) -> list[int]:
    ids = make_region(db)
    return [
        create_offer(
            db,
            offer_facts(ids),
            {
                "de": {
                    **GERMAN,
                    "title": f"Beratung {i}",
                    "content": f"<p>Sprechstunde {i} am Markt.</p><p>Kurs {i} für Frauen.</p>",
                }
            },
            author="t",
        ).id
        for i in range(count)
    ]


def test_the_next_groups_requests_are_out_while_the_first_group_is_stored(sqlite_db, mt_server):
    offers = _offers(sqlite_db, FIRST_GROUP + GROUP + 3)  # three groups
    one_at_a_time = replace(FAST, concurrency=1)  # requests in order: the first group's first
    providers = Providers(sqlite_db, override="libretranslate", url=mt_server.url, limits=one_at_a_time)
    first_group = estimate(sqlite_db, providers, ["ar"], offer_ids=offers[:FIRST_GROUP]).requests
    assert first_group >= 1
    mt_server.latency = 0.05
    sent_at_first_text: list[int] = []

    def progress(done: int, total: int, message: str) -> None:
        if "·" in message and not sent_at_first_text:  # "ar: title · N words sent": a text stored
            # While this text is stored, the next group's requests go on (one after another:
            # concurrency 1); sent one group after the other, none would go out now.
            deadline = time.monotonic() + 5
            while mt_server.requests <= first_group and time.monotonic() < deadline:
                time.sleep(0.01)
            sent_at_first_text.append(mt_server.requests)

    report = translate_batch(sqlite_db, providers, ["ar"], author="t", progress=progress)
    assert len(report.of("translated")) == len(offers) and not report.failed
    # when the first text was stored, requests beyond the first group's had gone out
    assert sent_at_first_text[0] > first_group
    assert get_offer(sqlite_db, offers[-1]).texts["ar"].title == f"[ar] Beratung {len(offers) - 1}"
    mt_server.reset_counts()
    again = translate_batch(sqlite_db, providers, ["ar"], author="t")
    assert mt_server.requests == 0 and len(again.of("unchanged")) == len(offers)


def test_a_groups_texts_are_stored_in_one_transaction(sqlite_db, mt_server):
    """One commit per group, not one per text (issue 20, round 5: storing was 58 % of the
    batch); a reviewed text in the middle of a group is refused before it writes, so it is
    kept (its proposal stored) and the group's other texts go in with it."""
    from sqlalchemy import event

    from desktop.offers import save_offer, set_review_status
    from desktop.translation.engine import waiting_proposal

    offers = _offers(sqlite_db, FIRST_GROUP + 4)  # the first group, and a second one of four
    providers = Providers(sqlite_db, override="libretranslate", url=mt_server.url, limits=FAST)
    translate_batch(sqlite_db, providers, ["ar"], author="t", offer_ids=[offers[2]])
    set_review_status(sqlite_db, offers[2], "ar", "approved", author="t", reviewed_by="Frau Haddad")
    offer = get_offer(sqlite_db, offers[2])
    german = {**GERMAN, "title": "Neue Beratung", "content": offer.texts["de"].content}
    save_offer(sqlite_db, offer.id, expected_version=offer.version, author="t", texts={"de": german})
    writing: list[bool] = [False]
    commits: list[int] = []  # commits of a transaction that wrote texts

    def executed(connection, cursor, statement, *args) -> None:
        if statement.lstrip().upper().startswith(("UPDATE OFFER_TEXT", "INSERT INTO OFFER_TEXT")):
            writing[0] = True

    def committed(connection) -> None:
        if writing[0]:
            commits.append(1)
        writing[0] = False

    event.listen(sqlite_db.engine, "before_cursor_execute", executed)
    event.listen(sqlite_db.engine, "commit", committed)
    try:
        report = translate_batch(sqlite_db, providers, ["ar"], author="t")
    finally:
        event.remove(sqlite_db.engine, "before_cursor_execute", executed)
        event.remove(sqlite_db.engine, "commit", committed)
    assert [result.offer_id for result in report.of("kept_reviewed")] == [offers[2]]
    assert len(report.of("translated")) == len(offers) - 1 and not report.failed
    for number, offer_id in enumerate(offers):
        assert get_offer(sqlite_db, offer_id).texts["ar"].title == f"[ar] Beratung {number}"
    assert waiting_proposal(sqlite_db, offers[2], "ar").title == "[ar] Neue Beratung"
    assert len(commits) == 2  # the two groups (one a text before: 8)


def _shared_offers(db, count: int) -> list[int]:
    """Offers with two sentences of their own and one every offer has (and the same summary)."""
    ids = make_region(db)
    return [
        create_offer(
            db,
            offer_facts(ids),
            {
                "de": {
                    **GERMAN,
                    "title": f"Beratung {i}",
                    "content": f"<p>Sprechstunde {i} am Markt. Kurs {i} für Frauen. Alle willkommen.</p>",
                }
            },
            author="t",
        ).id
        for i in range(count)
    ]


def test_the_segments_of_many_texts_go_in_full_requests_and_a_shared_sentence_once(sqlite_db, mt_server):
    """Issue 20, round 6: a group's segments fill the request the group before left open (it
    went out with the group's last segments, so more and smaller requests), and a sentence in
    texts of two groups in flight together is sent once, not once per group."""
    offers = _shared_offers(sqlite_db, 30)
    providers = Providers(sqlite_db, override="libretranslate", url=mt_server.url, limits=FAST)
    planned = estimate(sqlite_db, providers, ["ar"])
    max_batch = providers.for_language("ar").max_batch
    assert planned.segments == 30 * 3 + 2  # title, two sentences each; the shared one, the summary
    mt_server.latency = 0.02  # groups overlap: the next ones are planned while answers are out
    report = translate_batch(sqlite_db, providers, ["ar"], author="t")
    assert len(report.of("translated")) == len(offers) and not report.failed
    assert mt_server.segments == planned.segments
    assert mt_server.requests == -(-planned.segments // max_batch)  # 4, where groups alone made 5 or more
    content = get_offer(sqlite_db, offers[-1]).texts["ar"].content
    assert "[ar] Alle willkommen." in content and "[ar] Kurs 29 für Frauen." in content


def test_the_batch_keeps_the_services_rate_and_concurrency(sqlite_db, mt_server):
    """Groups planned ahead put more requests out at once, never more than the service allows."""
    from desktop.translation.http import Limits

    _shared_offers(sqlite_db, 20)
    limits = Limits(timeout=2.0, retries=0, requests_per_second=20, concurrency=3)
    providers = Providers(sqlite_db, override="libretranslate", url=mt_server.url, limits=limits)
    providers.for_language("ar").max_batch = 2  # many small requests: 31 full ones, a few partial
    mt_server.latency = 0.01
    started = time.monotonic()
    report = translate_batch(sqlite_db, providers, ["ar"], author="t")
    elapsed = time.monotonic() - started
    assert len(report.of("translated")) == 20 and not report.failed
    requests = mt_server.requests
    assert requests >= -(-(20 * 3 + 2) // 2)
    assert mt_server.max_in_flight <= 3
    # 20 starts at once (the bucket's second), then 20 a second; the language list is one more
    assert elapsed >= (requests + 1 - 20) / 20 - 0.05


def test_a_budget_counts_the_groups_sent_and_not_yet_remembered(sqlite_db, mt_server):
    """The second group is refused when the first one's words, still out or not yet in the
    memory, and its own pass the budget: its texts fail with the budget, nothing of it is sent."""
    from desktop.translation.settings import ServiceSettings, save_service

    offers = _shared_offers(sqlite_db, 12)
    providers = Providers(sqlite_db, override="libretranslate", url=mt_server.url, limits=FAST)
    first = estimate(sqlite_db, providers, ["ar"], offer_ids=offers[:GROUP])
    save_service(sqlite_db, ServiceSettings("libretranslate", yearly_word_budget=first.words + 3))
    mt_server.latency = 0.05  # the first group's answers are still out when the second is planned
    report = translate_batch(sqlite_db, providers, ["ar"], author="t")
    assert [r.offer_id for r in report.of("translated")] == offers[:GROUP]
    assert len(report.failed) == len(offers) - GROUP
    assert all("budget" in result.reason_en for result in report.failed)
    assert mt_server.segments == first.segments
