from desktop.offers import create_offer, save_translation
from desktop.review.decisions import send_back
from desktop.review.queue import review_queue
from tests.review.test_segments import ENGLISH, GERMAN
from tests.support.factory import make_region, offer_facts


def test_queue_orders_by_risk_and_filters(sqlite_db):
    ids = make_region(sqlite_db)
    offers = [
        create_offer(sqlite_db, offer_facts(ids), {"de": dict(GERMAN, title=f"Angebot {n}")}, author="a")
        for n in range(3)
    ]
    for offer in offers:
        save_translation(sqlite_db, offer.id, "en", ENGLISH, author="mt", review_status="machine")
    send_back(sqlite_db, offers[2].id, "en", author="rita", comment="Zahlen prüfen")

    def enrich(item):
        item.failed_checks = 1 if item.offer_id == offers[1].id else 0

    queue = review_queue(sqlite_db, languages=["en"], enrich=enrich)
    assert [i.offer_id for i in queue] == [offers[1].id, offers[2].id, offers[0].id]
    assert queue[1].needs_work and queue[1].notes == ["Zahlen prüfen"]
    assert [
        i.offer_id for i in review_queue(sqlite_db, languages=["en"], enrich=enrich, only_failed_checks=True)
    ] == [offers[1].id]
    assert review_queue(sqlite_db, languages=["ar"]) == []
