from desktop.offers import create_offer, save_offer, save_translation
from desktop.review.coverage import coverage
from desktop.review.segments import review_text
from tests.support.factory import make_region, offer_facts

GERMAN = {
    "title": "Sprachcafé",
    "summary": "Deutsch üben in entspannter Runde.",
    "content": "<p>Jeden Dienstag von 15 bis 17 Uhr.</p><p>Kaffee und Tee sind kostenlos.</p><ul><li>Ohne "
    "Anmeldung</li></ul>",
}
ENGLISH = {
    "title": "Language café",
    "summary": "Practise German in a relaxed group.",
    "content": "<p>Every Tuesday from 3 to 5 pm.</p><p>Coffee and tea are free.</p><ul><li>No "
    "registration</li></ul>",
}


def test_segments_are_aligned_block_by_block(sqlite_db):
    ids = make_region(sqlite_db)
    offer = create_offer(sqlite_db, offer_facts(ids), {"de": GERMAN}, author="anna")
    save_translation(sqlite_db, offer.id, "en", ENGLISH, author="mt", review_status="machine")
    review = review_text(sqlite_db, offer.id, "en")
    assert review.aligned and review.source_code == "de"
    assert [s.key for s in review.segments] == ["title", "summary", "content:0", "content:1", "content:2"]
    assert review.segments[2].source_text == "Jeden Dienstag von 15 bis 17 Uhr."
    assert review.segments[2].target_text == "Every Tuesday from 3 to 5 pm."
    assert not any(s.changed_in_source for s in review.segments)


def test_outdated_translation_shows_what_changed_in_the_source(db):
    ids = make_region(db)
    offer = create_offer(db, offer_facts(ids), {"de": GERMAN}, author="anna")
    save_translation(db, offer.id, "en", ENGLISH, author="mt", review_status="checked")
    changed = dict(GERMAN, content=GERMAN["content"].replace("15 bis 17", "16 bis 18"))
    save_offer(db, offer.id, expected_version=offer.version, author="anna", texts={"de": changed})
    review = review_text(db, offer.id, "en")
    assert review.target.status == "outdated" and review.made_from_found
    assert [s.key for s in review.segments if s.changed_in_source] == ["content:0"]
    diff = review.segments[2].source_diff
    assert [(d.op, d.text) for d in diff if d.op != "equal"] == [
        ("delete", "15"),
        ("insert", "16"),
        ("delete", "17"),
        ("insert", "18"),
    ]


def test_coverage_counts_per_language(sqlite_db):
    ids = make_region(sqlite_db)
    first = create_offer(sqlite_db, offer_facts(ids), {"de": GERMAN}, author="anna")
    create_offer(sqlite_db, offer_facts(ids), {"de": dict(GERMAN, title="Zweites")}, author="anna")
    save_translation(sqlite_db, first.id, "en", ENGLISH, author="mt", review_status="approved")
    english = next(c for c in coverage(sqlite_db) if c.language_code == "en")
    assert english.counts["approved"] == 1 and english.counts["missing"] == 1 and english.total == 2
    assert english.share("approved") == 0.5
