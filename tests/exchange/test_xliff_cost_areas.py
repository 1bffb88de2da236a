"""The cost and each contact's area of responsibility travel through XLIFF as units of their
own (``cost``, ``area-1`` …) in 1.2 and 2.0: exported from the source text, translated by an
agency, imported into the translation (issue 18 item 11)."""

from __future__ import annotations

import pytest
from lxml import etree

from desktop.exchange.xliff_export import export_xliff
from desktop.exchange.xliff_import import apply_xliff_import, preview_xliff_import
from desktop.offers import create_offer, get_offer, save_offer
from tests.exchange.agency import translate_path
from tests.support.factory import GERMAN, make_region, offer_facts

COST = "2,29 € pro Unterrichtsstunde"
AREAS = ["Integrationskurse Nordkreis", "Kinderbetreuung"]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_cost_and_areas_are_units_that_come_back_translated(db, tmp_path, version):
    ids = make_region(db)
    facts = offer_facts(ids)
    facts["contacts"] = [{"name": "Frau A"}, {"name": "Herr B"}]
    offer = create_offer(db, facts, {"de": {**GERMAN, "cost": COST, "contact_areas": AREAS}}, author="t")
    first, second = (c["key"] for c in offer.facts["contacts"])
    path = export_xliff(db, "ar", [offer.id], tmp_path, author="t", version=version).path
    root = etree.fromstring(path.read_bytes())
    units = {u.get("id"): u for u in root.iter() if etree.QName(u).localname in ("trans-unit", "unit")}
    # The unit of a contact's area carries the contact's key, not its position.
    assert {"title", "summary", "content", "cost", f"area-{first}", f"area-{second}"} <= set(units)
    assert COST in "".join(units["cost"].itertext()) and AREAS[1] in "".join(
        units[f"area-{second}"].itertext()
    )

    returned = translate_path(path, tmp_path / "back.xliff", say=lambda t: f"AR[{t.strip()}]")
    preview = preview_xliff_import(db, returned)
    change = preview.changes[0]
    assert change.accepted and change.source_current
    assert change.new[f"area:{first}"] == "AR[Integrationskurse Nordkreis]"
    assert any(span.op == "insert" for span in change.diff("cost"))
    apply_xliff_import(db, preview, author="t", agency="Sprachdienst")
    ar = get_offer(db, offer.id).texts["ar"]
    assert ar.status == "approved" and ar.contact_areas == {
        first: "AR[Integrationskurse Nordkreis]",
        second: "AR[Kinderbetreuung]",
    }
    assert ar.cost.startswith("AR[") and "2,29 €" in ar.cost


def test_an_unknown_area_unit_is_refused_by_name(db, tmp_path):
    ids = make_region(db)
    offer = create_offer(db, offer_facts(ids), {"de": {**GERMAN, "cost": COST}}, author="t")
    path = export_xliff(db, "ar", [offer.id], tmp_path, author="t").path
    bad = tmp_path / "bad.xliff"
    bad.write_bytes(path.read_bytes().replace(b'"cost"', b'"area-0"'))  # id and resname
    change = preview_xliff_import(db, translate_path(bad, tmp_path / "back.xliff")).changes[0]
    assert change.blocked and any("area-0" in f.message("en") for f in change.findings)


def test_areas_come_back_to_their_contacts_after_a_delete_and_a_move(db, tmp_path):
    """The unit carries the contact's key: a file exported before the first of three contacts
    was deleted and the last moved up still puts each translated area on its contact."""
    ids = make_region(db)
    facts = offer_facts(ids)
    facts["contacts"] = [{"name": "Frau A"}, {"name": "Herr B"}, {"name": "Frau C"}]
    areas = ["Anmeldung", "Einstufung", "Kinderbetreuung"]
    offer = create_offer(db, facts, {"de": {**GERMAN, "contact_areas": areas}}, author="t")
    a, b, c = offer.facts["contacts"]
    path = export_xliff(db, "ar", [offer.id], tmp_path, author="t").path
    returned = translate_path(path, tmp_path / "back.xliff", say=lambda t: f"AR[{t.strip()}]")

    moved = save_offer(db, offer.id, expected_version=offer.version, author="t", facts={"contacts": [c, b]})
    assert [x["key"] for x in moved.facts["contacts"]] == [c["key"], b["key"]]
    preview = preview_xliff_import(db, returned)
    assert preview.changes[0].accepted
    apply_xliff_import(db, preview, author="t", agency="Sprachdienst")
    after = get_offer(db, offer.id)
    shown = [after.texts["ar"].contact_areas.get(x["key"]) for x in after.facts["contacts"]]
    assert shown == ["AR[Kinderbetreuung]", "AR[Einstufung]"]
    assert [x["name"] for x in after.facts["contacts"]] == ["Frau C", "Herr B"]


def test_a_file_from_before_the_keys_matches_its_area_units_by_position(db, tmp_path):
    ids = make_region(db)
    facts = offer_facts(ids)
    facts["contacts"] = [{"name": "Frau A"}, {"name": "Herr B"}]
    offer = create_offer(
        db, facts, {"de": {**GERMAN, "contact_areas": ["Anmeldung", "Einstufung"]}}, author="t"
    )
    a, b = (x["key"] for x in offer.facts["contacts"])
    path = export_xliff(db, "ar", [offer.id], tmp_path, author="t").path
    old = (
        path.read_bytes()
        .replace(f'"area-{a}"'.encode(), b'"area-1"')
        .replace(f'"area-{b}"'.encode(), b'"area-2"')
    )
    legacy = tmp_path / "legacy.xliff"
    legacy.write_bytes(old)
    preview = preview_xliff_import(
        db, translate_path(legacy, tmp_path / "back.xliff", say=lambda t: f"AR[{t}]")
    )
    change = preview.changes[0]
    assert change.accepted and change.new[f"area:{b}"] == "AR[Einstufung]"
    apply_xliff_import(db, preview, author="t", agency="Sprachdienst")
    assert get_offer(db, offer.id).texts["ar"].contact_areas == {a: "AR[Anmeldung]", b: "AR[Einstufung]"}
