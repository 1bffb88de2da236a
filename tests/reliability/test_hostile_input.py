"""Hostile input: XSS vectors through the save, and generated markup through the cleaner:
nothing that could run survives in what is stored."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from desktop.offers import create_offer, save_offer, save_translation
from models.richtext import clean_html
from models.tables import OfferText, TextRevision
from tests.support.factory import GERMAN, make_region, offer_facts

from . import procs
from .hostile import XSS_VECTORS, html_dangers, plain_dangers


def test_the_checker_sees_what_it_must():
    assert html_dangers("<p>ok <a href=\"https://x.example\">x</a></p>") == []
    for raw in ("<script>alert(1)</script>", "<a href=\"javascript:alert(1)\">x</a>", "<img src=x onerror=alert(1)>",
                "<p onclick=x>y</p>", "<a href=\"java\nscript:alert(1)\">x</a>"):
        assert html_dangers(raw), raw
    assert plain_dangers("Kurs <script>") and not plain_dangers("Kinder < 6 Jahre, Preis 5 €")


def test_xss_vectors_saved_as_an_offer_leave_nothing_that_could_run(db, record_property):
    ids = make_region(db)
    offer = create_offer(db, offer_facts(ids, state="draft"), {"de": GERMAN}, author="tester")
    version = offer.version
    for vector in XSS_VECTORS:
        texts = {"de": {"title": f"Titel {vector}", "summary": vector, "content": f"<p>Inhalt</p>{vector}"}}
        version = save_offer(db, offer.id, expected_version=version, author="tester", texts=texts, validate=False).version
        save_translation(db, offer.id, "ar", {"title": f"عنوان {vector}", "summary": vector, "content": vector},
                         author="tester", review_status="machine")
    with db.transaction() as session:
        stored = list(session.exec(select(TextRevision)))
        current = list(session.exec(select(OfferText)))
    assert len(stored) > len(XSS_VECTORS)  # identical cleaned results add no revision
    problems = [
        (row.title[:60], danger)
        for row in stored + current
        for danger in html_dangers(row.content) + plain_dangers(row.title) + plain_dangers(row.summary)
    ]
    assert problems == []
    record_property("xss_vectors", len(XSS_VECTORS))


_PIECES = st.sampled_from(XSS_VECTORS + ["<p>", "</p>", "<a href=\"", "\">", "&lt;", "&#", "javascript:", "<", ">", "\"", "'", "="])


@settings(max_examples=procs.scaled(300, 5000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=12))
def test_generated_markup_never_survives_the_cleaner(parts):
    raw = "".join(parts)
    cleaned = clean_html(raw)
    assert html_dangers(cleaned) == []
    assert clean_html(cleaned) == cleaned  # cleaning again changes nothing: fingerprints stay stable
