"""A language with only events (no page and no offer may go out in it) is published: its
``events/`` answer, its calendars and its place in ``languages/`` and the manifest, as the
CMS serves a language whose only content is events."""

from __future__ import annotations

import json
from datetime import date

from sqlmodel import select

from desktop.offers import get_offer, save_translation
from desktop.publish import publish_package
from desktop.regions import add_language, current_region
from models.tables import ContentKind, Offer, OfferText

REGION = "staedteregion-aachen"


def test_a_language_with_only_an_event_is_published(demo_db, tmp_path):
    with demo_db.transaction() as session:
        add_language(session, current_region(session), "so", "de")
        cafe = session.exec(
            select(Offer.id)
            .join(OfferText, OfferText.offer_id == Offer.id)
            .where(Offer.kind == ContentKind.EVENT.value, OfferText.title == "Sprachcafé")
        ).one()
    source = get_offer(demo_db, cafe).texts["de"].fingerprint
    save_translation(
        demo_db,
        cafe,
        "so",
        {
            "title": "Kafeega luqadda",
            "summary": "",
            "content": "<p>Ku hadal Jarmal adigoo cabbaya shaah.</p>",
        },
        author="t",
        review_status="approved",
        source_fingerprint=source,
    )
    result = publish_package(demo_db, tmp_path / "pkg", today=date(2026, 12, 1), local_preview=True)
    base = tmp_path / "pkg" / "api" / "v3" / REGION
    languages = json.loads((base / "languages" / "index.json").read_text())
    assert "so" in [lang["code"] for lang in languages]
    events = json.loads((base / "so" / "events" / "index.json").read_text())
    assert events and {e["title"] for e in events} == {"Kafeega luqadda"}
    assert all(e["event"]["start"].endswith("+01:00") for e in events)
    combined = json.loads((base / "so" / "events" / "combine_recurring" / "index.json").read_text())
    assert [e["title"] for e in combined] == ["Kafeega luqadda"]
    assert b"SUMMARY:Kafeega luqadda" in (base / "so" / "events.ics").read_bytes()
    # The page tree is the CMS's empty answer, not missing.
    assert json.loads((base / "so" / "pages" / "index.json").read_text()) == []
    manifest = json.loads((tmp_path / "pkg" / "manifest.json").read_text())
    somali = next(lang for lang in manifest["languages"] if lang["code"] == "so")
    assert somali["published"] and somali["offers"] == 0 and somali["events"] == 1
    assert "so" in result.plan.languages
    assert not [o for o in result.plan.omissions if o.language == "so" and o.reason == "language_empty"]
