"""A small region with a few offers in German and English, through the real operations."""

from __future__ import annotations

from desktop.db import open_database
from desktop.offers import create_offer, save_translation
from tests.support.factory import GERMAN, make_region, offer_facts


def small_region(url: str, offers: int = 6) -> list[int]:
    db = open_database(url)
    try:
        ids = make_region(db)
        made = []
        for number in range(offers):
            offer = create_offer(
                db,
                offer_facts(ids),
                {"de": {**GERMAN, "title": f"{GERMAN['title']} {number}"}},
                author="setup",
            )
            save_translation(
                db,
                offer.id,
                "en",
                {"title": f"Counselling {number}", "content": "<p>Free.</p>"},
                author="setup",
                review_status="machine",
            )
            made.append(offer.id)
        return made
    finally:
        db.dispose()
