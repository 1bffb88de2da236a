"""The cost and each contact's area of responsibility travel through XLIFF as units of their
own (``cost``, ``area-KEY`` per contact) in 1.2 and 2.0: exported from the source text, translated by an
agency, imported into the translation (issue 18 item 11)."""

from __future__ import annotations

import pytest
from lxml import etree

from desktop.context import AppContext
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
    (key,) = (c["key"] for c in offer.facts["contacts"])
    path = export_xliff(db, "ar", [offer.id], tmp_path, author="t").path
    bad = tmp_path / "bad.xliff"
    bad.write_bytes(path.read_bytes().replace(b'"cost"', b'"area-0"'))  # id and resname
    change = preview_xliff_import(db, translate_path(bad, tmp_path / "back.xliff")).changes[0]
    (unknown,) = [f for f in change.findings if f.code == "unknown_unit"]
    assert change.blocked and unknown.blocking
    # It names the units a file of this offer really holds: its contact's area by key and name.
    assert unknown.message("en") == (
        f"Lotse does not know the unit “area-0” (this offer's units: title, summary, content, cost, "
        f"area-{key} (Frau Test))."
    )
    assert unknown.message("de") == (
        f"Die Einheit „area-0“ kennt Lotse nicht (die Einheiten dieses Angebots: title, summary, content, "
        f"cost, area-{key} (Frau Test))."
    )
    assert "area-1" not in unknown.message("en")


def test_an_old_files_area_beyond_the_contacts_names_what_the_offer_has(db, tmp_path):
    """A file from before the keys ("area-3") for an offer that has two contacts now."""
    ids = make_region(db)
    facts = offer_facts(ids)
    facts["contacts"] = [{"name": "Frau A"}, {}]
    offer = create_offer(db, facts, {"de": {**GERMAN, "contact_areas": ["Anmeldung", "Kurse"]}}, author="t")
    a, b = (c["key"] for c in offer.facts["contacts"])
    path = export_xliff(db, "ar", [offer.id], tmp_path, author="t").path
    old = tmp_path / "old.xliff"
    old.write_bytes(path.read_bytes().replace(f'"area-{b}"'.encode(), b'"area-3"'))
    change = preview_xliff_import(db, translate_path(old, tmp_path / "back.xliff")).changes[0]
    (unknown,) = [f for f in change.findings if f.code == "unknown_unit"]
    assert unknown.message("de").endswith(
        f"(die Einheiten dieses Angebots: title, summary, content, cost, area-{a} (Frau A), "
        f"area-{b} (Ansprechperson 2))."
    )


def test_the_preview_names_each_area_by_its_contact(qtbot, db, tmp_path):
    areas = ["Integrationskurse Nordkreis", "Kinderbetreuung bis 14 Uhr"]
    """The import preview's diff and its findings label a contact's area with the contact's
    name, in the interface language (the key in the unit id says nothing to a reader)."""
    from ui.exchange.xliff_import_dialog import XliffImportDialog
    from ui.i18n import set_language

    ids = make_region(db)
    facts = offer_facts(ids)
    facts["contacts"] = [{"name": "Frau A"}, {"name": "Herr B"}]
    offer = create_offer(db, facts, {"de": {**GERMAN, "cost": COST, "contact_areas": areas}}, author="t")
    first, second = (c["key"] for c in offer.facts["contacts"])
    path = export_xliff(db, "ar", [offer.id], tmp_path, author="t").path
    # The agency changes a number in Herr B's area: the check says so, naming him.
    returned = translate_path(
        path, tmp_path / "back.xliff", say=lambda t: f"AR[{t.strip()}]".replace("14", "15")
    )
    change = preview_xliff_import(db, returned).changes[0]
    assert change.contacts is not None and set(change.contacts) == {first, second}
    named = [f.message("de") for f in change.findings if f.message("de").startswith("Zuständig für")]
    assert named and all(m.startswith("Zuständig für – Herr B: Zahl fehlt: 14") for m in named)
    try:
        for language, heads in (
            ("de", ["Titel", "Kosten", "Zuständig für – Frau A", "Zuständig für – Herr B"]),
            ("en", ["Title", "Cost", "Area of responsibility – Frau A", "Area of responsibility – Herr B"]),
        ):
            set_language(language)
            dialog = XliffImportDialog(AppContext(db=db, user="t"), None, preview_xliff_import(db, returned))
            qtbot.addWidget(dialog)
            dialog.show_diff(0)
            shown = dialog.diff.toPlainText()
            for head in heads:
                assert f"\n{head}\n" in f"\n{shown}\n", (head, shown)
            assert f"area:{first}" not in shown and first not in shown
            assert "AR[Kinderbetreuung bis 15 Uhr]" in shown
    finally:
        set_language("de")


def test_the_area_of_a_contact_the_offer_no_longer_has_is_left_out_with_a_hint(db, tmp_path):
    ids = make_region(db)
    facts = offer_facts(ids)
    facts["contacts"] = [{"name": "Frau A"}, {"name": "Herr B"}]
    offer = create_offer(db, facts, {"de": {**GERMAN, "contact_areas": AREAS}}, author="t")
    a, b = offer.facts["contacts"]
    path = export_xliff(db, "ar", [offer.id], tmp_path, author="t").path
    returned = translate_path(path, tmp_path / "back.xliff", say=lambda t: f"AR[{t.strip()}]")
    save_offer(db, offer.id, expected_version=offer.version, author="t", facts={"contacts": [b]})
    preview = preview_xliff_import(db, returned)
    change = preview.changes[0]
    (gone,) = [f for f in change.findings if f.code == "gone_contact"]
    assert not gone.blocking and change.accepted
    assert gone.message("en").startswith(f"The unit “area-{a['key']}” is the area of a contact")
    assert f"area-{b['key']} (Herr B)" in gone.message("en")
    assert f"area:{a['key']}" not in change.new
    apply_xliff_import(db, preview, author="t", agency="Sprachdienst")
    assert get_offer(db, offer.id).texts["ar"].contact_areas == {b["key"]: "AR[Kinderbetreuung]"}


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
