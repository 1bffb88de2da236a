"""Migration 4500 (contacts get keys, areas are stored by them) on the demo database as main
made it at 1800, brought to 4400 (the head before) and given areas by position in German and in
an English translation, on SQLite and PostgreSQL: every contact gets a key in order, each area
goes to the contact at its position, old revisions' contacts take the same keys, and no status
changes although the fingerprints of texts with areas move."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import text

from desktop.db import _alembic_config, make_engine, open_database
from desktop.offers import get_offer
from desktop.offers.texts import refresh_statuses
from models.contact_keys import is_key
from models.richtext import fingerprint
from tests.support.dumped_db import load_dump, rows

EN_AREAS = ["Migration counselling", "", "Office of the integration service"]


def test_areas_by_position_go_to_the_contact_at_that_position(db_url):
    load_dump(db_url, "demo-db-1800.json.gz")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "4400")
    before = rows(engine)
    offers = {o["id"]: o for o in before["offer"]}
    texts = {(t["offer_id"], t["language_code"]): t for t in before["offer_text"]}
    # An offer with two or more contacts and a current English translation.
    offer_id = next(
        oid
        for oid, o in offers.items()
        if len(o["contacts"]) >= 2
        and (oid, "en") in texts
        and texts[(oid, "en")]["source_fingerprint"] == texts[(oid, "de")]["fingerprint"]
    )
    german, english = texts[(offer_id, "de")], texts[(offer_id, "en")]
    assert german["contact_areas"] and isinstance(german["contact_areas"], list)
    en_areas = EN_AREAS[: len(offers[offer_id]["contacts"])]
    en_fp = fingerprint(english["title"], english["summary"], english["content"], "", en_areas)
    with engine.begin() as conn:  # as the app stored a translation's areas before: by position
        conn.execute(
            text("UPDATE offer_text SET contact_areas = :areas, fingerprint = :fp WHERE id = :id"),
            {"areas": json.dumps(en_areas), "fp": en_fp, "id": english["id"]},
        )
    engine.dispose()

    database = open_database(db_url)  # migrates to the head, as Lotse does on start
    after = rows(database.engine)
    new_offers = {o["id"]: o for o in after["offer"]}
    new_texts = {(t["offer_id"], t["language_code"]): t for t in after["offer_text"]}
    for oid, offer in new_offers.items():
        keys = [c["key"] for c in offer["contacts"]]
        assert all(is_key(k) for k in keys) and len(set(keys)) == len(keys)
        assert [{k: v for k, v in c.items() if k != "key"} for c in offer["contacts"]] == offers[oid][
            "contacts"
        ]
        old_german = texts.get((oid, "de"))
        if old_german and old_german["contact_areas"]:
            expected = {k: a for k, a in zip(keys, old_german["contact_areas"], strict=False) if a}
            assert new_texts[(oid, "de")]["contact_areas"] == expected
    keys = [c["key"] for c in new_offers[offer_id]["contacts"]]
    assert new_texts[(offer_id, "en")]["contact_areas"] == {
        k: a for k, a in zip(keys, en_areas, strict=False) if a
    }
    data = get_offer(database, offer_id)
    assert [data.texts["en"].contact_areas.get(c["key"], "") for c in data.facts["contacts"]] == en_areas
    # The German fingerprint moved and the English translation moved with it: still current.
    assert new_texts[(offer_id, "de")]["fingerprint"] != german["fingerprint"]
    assert new_texts[(offer_id, "en")]["source_fingerprint"] == new_texts[(offer_id, "de")]["fingerprint"]
    assert {k: t["status"] for k, t in new_texts.items()} == {k: t["status"] for k, t in texts.items()}
    with database.transaction() as session:
        for oid, offer in new_offers.items():
            for code, status in refresh_statuses(session, oid, offer["region_id"]).items():
                if (oid, code) in texts:
                    assert status.value == texts[(oid, code)]["status"], (oid, code)
    # Old revisions' contacts carry the keys of the contacts at their positions.
    for revision in after["offer_revision"]:
        old_contacts = revision["facts"].get("contacts") or []
        current = [c["key"] for c in new_offers[revision["offer_id"]]["contacts"]]
        for index, contact in enumerate(old_contacts):
            assert is_key(contact["key"])
            if index < len(current):
                assert contact["key"] == current[index]
    database.dispose()
