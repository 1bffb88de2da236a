"""Contacts have stable keys and every language's areas of responsibility are stored by them:
deleting the first of three contacts and moving another (as the editor saves it) keeps each
language's area with its contact in the stored data, the app package and a flyer. Moving a
contact outdates nothing; changing one contact's German area outdates the translations."""

from __future__ import annotations

import copy
import json
from datetime import date

from desktop.flyers import render_offer_flyer
from desktop.offer_editing import payload_from_offer, save_payload
from desktop.offers import duplicate_offer, get_offer, list_offers, save_translation
from desktop.publish import publish_package
from tests.flyers.support import pdftotext

TODAY = date(2026, 12, 1)
SAMPLE = "vhs-integrationskurse-aachen"
PEOPLE = ["Frau A. Yilmaz", "Herr B. Schmitz", "Frau C. Haddad"]
AREAS = {
    "de": ["Anmeldung", "Einstufungstest", "Kinderbetreuung"],
    "en": ["Registration", "Placement test", "Childcare"],
    "ar": ["التسجيل", "اختبار تحديد المستوى", "رعاية الأطفال"],
}


def _three_contacts(db) -> int:
    """The demo's integration course with three contacts, each with its area in three languages."""
    offer_id = next(r.id for r in list_offers(db) if r.slug == SAMPLE)
    offer = get_offer(db, offer_id)
    payload = payload_from_offer(offer)
    payload["facts"]["contacts"] = [{"name": n, "phone": f"0241 100{i}"} for i, n in enumerate(PEOPLE)]
    payload["facts"]["state"] = "published"
    payload["texts"]["de"]["contact_areas"] = AREAS["de"]  # by position: what a caller before the keys gave
    saved = save_payload(
        db, offer_id, payload, base=payload_from_offer(offer), base_version=offer.version, author="t"
    )
    keys = [c["key"] for c in saved.facts["contacts"]]
    assert len(set(keys)) == 3 and all(k[0].isalpha() for k in keys)
    for code in ("en", "ar"):
        text = saved.texts[code]
        values = {"title": text.title, "summary": text.summary, "content": text.content}
        save_translation(
            db,
            offer_id,
            code,
            {**values, "contact_areas": dict(zip(keys, AREAS[code], strict=True))},
            author="t",
            review_status="approved",
            overwrite_reviewed=True,
        )
    return offer_id


def _by_name(db, offer_id: int) -> dict[str, dict[str, str]]:
    """Each language's area by the contact's name, through the keys."""
    offer = get_offer(db, offer_id)
    return {
        code: {c["name"]: offer.texts[code].contact_areas.get(c["key"], "") for c in offer.facts["contacts"]}
        for code in AREAS
    }


def test_delete_and_move_keep_every_language_s_area_with_its_contact(demo_db, tmp_path):
    offer_id = _three_contacts(demo_db)
    before = get_offer(demo_db, offer_id)
    statuses = {code: before.texts[code].status for code in ("en", "ar")}
    assert statuses == {"en": "approved", "ar": "approved"}

    # The editor's save: the first contact deleted, then the last moved up (Haddad before Schmitz).
    base = payload_from_offer(before)
    edited = copy.deepcopy(base)
    first, second, third = edited["facts"]["contacts"]
    edited["facts"]["contacts"] = [third, second]
    saved = save_payload(demo_db, offer_id, edited, base=base, base_version=before.version, author="t")

    assert [c["name"] for c in saved.facts["contacts"]] == [PEOPLE[2], PEOPLE[1]]
    assert [c["key"] for c in saved.facts["contacts"]] == [third["key"], second["key"]]
    expected = {code: {PEOPLE[2]: words[2], PEOPLE[1]: words[1]} for code, words in AREAS.items()}
    assert _by_name(demo_db, offer_id) == expected
    # The facts' German copies follow their contacts too.
    assert [c["area_of_responsibility"] for c in saved.facts["contacts"]] == [AREAS["de"][2], AREAS["de"][1]]
    # The German text lost the deleted contact's area: its fingerprint changed, so the
    # translations say so; a move alone would not have (below).
    assert first["key"] not in saved.texts["de"].contact_areas
    assert {code: saved.texts[code].status for code in ("en", "ar")} == {"en": "outdated", "ar": "outdated"}

    # A reviewer confirms the translations as they are (made from the German as it is now).
    for code in ("en", "ar"):
        text = saved.texts[code]
        values = {"title": text.title, "summary": text.summary, "content": text.content}
        save_translation(
            demo_db,
            offer_id,
            code,
            {**values, "contact_areas": text.contact_areas},
            author="t",
            review_status="approved",
            overwrite_reviewed=True,
        )
    # The app package: each language's place names each contact's own area.
    publish_package(demo_db, tmp_path / "pkg", policy="machine", today=TODAY, local_preview=True)
    base_dir = tmp_path / "pkg/api/v3/staedteregion-aachen"
    for code in AREAS:
        places = json.loads((base_dir / code / "locations/index.json").read_text())
        contacts = next(p["contacts"] for p in places if p["location"]["id"] == offer_id)
        assert [(c["name"], c["area_of_responsibility"]) for c in contacts] == [
            (PEOPLE[2], AREAS[code][2]),
            (PEOPLE[1], AREAS[code][1]),
        ], code

    # A flyer prints each name with its own area.
    for code in ("de", "en"):
        path = tmp_path / f"flyer-{code}.pdf"
        render_offer_flyer(demo_db, offer_id, path, code, policy="machine")
        printed = " ".join(pdftotext(path).split())
        for index in (2, 1):
            assert f"{PEOPLE[index]} – {AREAS[code][index]}" in printed, (code, index)
        assert AREAS[code][0] not in printed


def test_a_move_outdates_nothing_and_one_area_s_change_outdates_its_translations(demo_db):
    offer_id = _three_contacts(demo_db)
    before = get_offer(demo_db, offer_id)
    base = payload_from_offer(before)
    moved = copy.deepcopy(base)
    contacts = moved["facts"]["contacts"]
    moved["facts"]["contacts"] = [contacts[1], contacts[0], contacts[2]]
    saved = save_payload(demo_db, offer_id, moved, base=base, base_version=before.version, author="t")
    assert saved.texts["de"].fingerprint == before.texts["de"].fingerprint
    assert {saved.texts[c].status for c in ("en", "ar")} == {"approved"}
    assert _by_name(demo_db, offer_id) == {
        code: dict(zip(PEOPLE, words, strict=True)) for code, words in AREAS.items()
    }

    base = payload_from_offer(saved)
    changed = copy.deepcopy(base)
    key = saved.facts["contacts"][0]["key"]
    changed["texts"]["de"]["contact_areas"][key] = "Einstufungstest und Beratung"
    again = save_payload(demo_db, offer_id, changed, base=base, base_version=saved.version, author="t")
    assert {again.texts[c].status for c in ("en", "ar")} == {"outdated"}
    assert again.facts["contacts"][0]["area_of_responsibility"] == "Einstufungstest und Beratung"
    assert again.texts["en"].contact_areas[key] == "Placement test"  # the translation keeps its words


def test_a_copy_gets_new_keys_and_its_german_areas_with_them(demo_db):
    offer_id = _three_contacts(demo_db)
    original = get_offer(demo_db, offer_id)
    copy_ = duplicate_offer(demo_db, offer_id, author="t")
    old_keys = {c["key"] for c in original.facts["contacts"]}
    new_keys = [c["key"] for c in copy_.facts["contacts"]]
    assert len(new_keys) == 3 and not old_keys & set(new_keys)
    assert copy_.texts["de"].contact_areas == dict(zip(new_keys, AREAS["de"], strict=True))
