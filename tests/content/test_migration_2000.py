"""Migration 2000 (cost and contact areas as texts per language) on a database that main made
with the demo region at migration 1800 (tests/fixtures/demo-db-1800.json.gz: every row of every
table), on SQLite and PostgreSQL: the German texts get today's cost and areas, every other
value stays, and no text's status changes (the source fingerprints move and the translations
made from them move along)."""

from __future__ import annotations

from desktop.db import open_database
from desktop.offers import get_offer, list_offers
from desktop.offers.texts import refresh_statuses
from models.richtext import fingerprint
from tests.support.dumped_db import comparable, load_dump, rows


def test_cost_and_areas_move_into_the_german_texts_and_no_status_changes(db_url):
    before = load_dump(db_url, "demo-db-1800.json.gz")
    offers = {o["id"]: o for o in before["offer"]}
    with_cost = [o for o in offers.values() if o["cost"]]
    assert len(with_cost) == 51 and len(before["offer_text"]) == 207

    database = open_database(db_url)  # migrates, as Lotse does on start
    after = rows(database.engine)
    for name, old_rows in before.items():
        assert len(after[name]) == len(old_rows), name
        changed = {"fingerprint", "source_fingerprint"} if name == "offer_text" else set()
        for old, new in zip(old_rows, after[name], strict=True):
            assert {k: comparable(v) for k, v in old.items() if k not in changed} == {
                k: comparable(new[k]) for k in old if k not in changed
            }, name
    old_texts = {(t["offer_id"], t["language_code"]): t for t in before["offer_text"]}
    new_texts = {(t["offer_id"], t["language_code"]): t for t in after["offer_text"]}
    new_offers = {o["id"]: o for o in after["offer"]}
    german_with_cost = 0
    for key, new in new_texts.items():
        offer, old = offers[new["offer_id"]], old_texts[key]
        if key[1] == "de":
            areas = [c.get("area_of_responsibility") or "" for c in offer["contacts"]]
            assert new["cost"] == (offer["cost"] or "")
            # (by the contacts' keys since migration 4500)
            keys = [c["key"] for c in new_offers[new["offer_id"]]["contacts"]]
            assert (new["contact_areas"] or {}) == {k: a for k, a in zip(keys, areas, strict=True) if a}
            assert new["fingerprint"] == fingerprint(
                new["title"], new["summary"], new["content"], new["cost"], new["contact_areas"]
            )
            german_with_cost += bool(new["cost"])
            if not (new["cost"] or new["contact_areas"]):
                assert new["fingerprint"] == old["fingerprint"]
        else:  # translations: nothing of their own yet
            assert (new["cost"], new["fingerprint"]) == ("", old["fingerprint"]) and not new["contact_areas"]
            german = old_texts.get((new["offer_id"], "de"))
            if (
                old["source_fingerprint"] == (german or {}).get("fingerprint")
                and old["source_language_code"] == "de"
            ):
                assert new["source_fingerprint"] == new_texts[(new["offer_id"], "de")]["fingerprint"]
            else:
                assert new["source_fingerprint"] == old["source_fingerprint"]
    assert german_with_cost == 51
    assert all(r["cost"] == "" and r["contact_areas"] in ([], {}) for r in after["text_revision"])

    # Every status as it was: the stored ones, and the ones computed again from the texts.
    assert {k: t["status"] for k, t in new_texts.items()} == {k: t["status"] for k, t in old_texts.items()}
    statuses = {k: t["status"] for k, t in old_texts.items()}
    assert len(set(statuses.values())) >= 3  # current, outdated and others are all there
    with database.transaction() as session:
        for offer_id, offer in offers.items():
            computed = refresh_statuses(session, offer_id, offer["region_id"])
            for code, status in computed.items():
                if (offer_id, code) in statuses:
                    assert status.value == statuses[(offer_id, code)], (offer_id, code)
    assert len(list_offers(database)) == sum(o["kind"] == "offer" for o in offers.values())
    first = with_cost[0]
    assert get_offer(database, first["id"]).texts["de"].cost == first["cost"]
    database.dispose()
