"""The editor edits the cost and the contacts' areas of responsibility per language, in the
text section (issue 18 item 11): typed in German and in Arabic, saved as each language's
text; the facts keep the German copy in step; the contact card has no area field any more."""

from __future__ import annotations

from desktop.offers import get_offer, list_offers
from tests.support.areas import areas_of

from .helpers import open_window, settled

SAMPLE = "vhs-integrationskurse-aachen"


def test_cost_and_areas_are_typed_per_language_and_saved_as_texts(qtbot, demo_db):
    offer_id = next(r.id for r in list_offers(demo_db) if r.slug == SAMPLE)
    before = get_offer(demo_db, offer_id)
    window = open_window(qtbot, demo_db)
    window.open_offer(offer_id)
    qtbot.waitUntil(lambda: window.editor.offer is not None and window.editor.offer.id == offer_id)
    editor, fields = window.editor, window.editor.fields
    contact = before.facts["contacts"][0]
    areas = fields["contact_areas"]
    assert fields["cost"].text() == before.texts["de"].cost and before.texts["de"].cost
    assert len(areas.lines) == len(before.facts["contacts"])
    assert areas.lines[0].text() == contact["area_of_responsibility"]
    assert areas.form.labelForField(areas.lines[0]).text() == contact["name"]
    assert "area_of_responsibility" not in fields["contacts"].cards[0].fields

    fields["cost"].setText("2,29 € pro Unterrichtsstunde")
    fields["cost"].edited.emit()
    areas.lines[0].setText("Integrationskurse Nordkreis")
    areas.edited.emit()
    editor.show_language("ar")
    assert fields["cost"].text() == before.texts["ar"].cost  # the Arabic text's own (none yet)
    assert [line.text() for line in areas.lines] == [""] * len(areas.lines)
    fields["cost"].setText("2,29 € لكل حصة دراسية")
    fields["cost"].edited.emit()
    areas.lines[0].setText("دورات الاندماج في شمال المنطقة")
    areas.edited.emit()
    assert editor.save()
    settled(qtbot, window)

    after = get_offer(demo_db, offer_id)
    assert (after.texts["de"].cost, areas_of(after, "de")[0]) == (
        "2,29 € pro Unterrichtsstunde",
        "Integrationskurse Nordkreis",
    )
    assert (after.texts["ar"].cost, after.texts["ar"].contact_areas) == (
        "2,29 € لكل حصة دراسية",
        {contact["key"]: "دورات الاندماج في شمال المنطقة"},
    )
    # The facts' German copies follow the German text; the other contact details stay.
    assert after.facts["cost"] == "2,29 € pro Unterrichtsstunde"
    assert after.facts["contacts"][0] == {**contact, "area_of_responsibility": "Integrationskurse Nordkreis"}
    # Back in German, the fields show the German words again; nothing is left unsaved.
    editor.show_language("de")
    assert fields["cost"].text() == "2,29 € pro Unterrichtsstunde" and not editor.is_dirty()


def test_a_new_contact_gets_a_line_for_its_area(qtbot, demo_db):
    offer_id = next(r.id for r in list_offers(demo_db) if r.slug == SAMPLE)
    window = open_window(qtbot, demo_db)
    window.open_offer(offer_id)
    qtbot.waitUntil(lambda: window.editor.offer is not None and window.editor.offer.id == offer_id)
    areas, contacts = window.editor.fields["contact_areas"], window.editor.fields["contacts"]
    count = len(areas.lines)
    card = contacts.add_contact()
    card.fields["name"].setText("Herr T. Weber")
    card.fields["name"].edited.emit()
    qtbot.waitUntil(lambda: len(areas.lines) == count + 1)
    assert areas.form.labelForField(areas.lines[-1]).text() == "Herr T. Weber"


def test_moving_and_removing_a_contact_keeps_each_language_s_area_with_it(qtbot, demo_db, tmp_path):
    """The contact cards move up and down; the area lines of every language follow their
    contacts (by key), and a removed contact takes its areas along, also after the save."""
    offer_id = next(r.id for r in list_offers(demo_db) if r.slug == SAMPLE)
    window = open_window(qtbot, demo_db)
    window.open_offer(offer_id)
    qtbot.waitUntil(lambda: window.editor.offer is not None and window.editor.offer.id == offer_id)
    editor, areas, contacts = (
        window.editor,
        window.editor.fields["contact_areas"],
        window.editor.fields["contacts"],
    )
    contacts.set_value([])
    contacts.edited.emit()
    for name in ("Frau A. Yilmaz", "Herr B. Schmitz", "Frau C. Haddad"):
        card = contacts.add_contact()
        card.fields["name"].setText(name)
        card.fields["name"].edited.emit()
    qtbot.waitUntil(lambda: len(areas.lines) == 3)
    words = {
        "de": ["Anmeldung", "Einstufung", "Kinderbetreuung"],
        "ar": ["التسجيل", "تحديد المستوى", "رعاية الأطفال"],
    }
    for code, lines in words.items():
        editor.show_language(code)
        for line, text in zip(areas.lines, lines, strict=True):
            line.setText(text)
        areas.edited.emit()
    editor.show_language("de")

    contacts.cards[2].up_button.click()  # Haddad above Schmitz
    assert [c.fields["name"].text() for c in contacts.cards] == [
        "Frau A. Yilmaz",
        "Frau C. Haddad",
        "Herr B. Schmitz",
    ]
    assert [line.text() for line in areas.lines] == ["Anmeldung", "Kinderbetreuung", "Einstufung"]
    assert areas.form.labelForField(areas.lines[1]).text() == "Frau C. Haddad"
    assert not contacts.cards[0].up_button.isEnabled() and not contacts.cards[2].down_button.isEnabled()
    editor.show_language("ar")
    assert [line.text() for line in areas.lines] == ["التسجيل", "رعاية الأطفال", "تحديد المستوى"]
    contacts.cards[0].remove_button.click()  # Yilmaz goes, with her areas
    assert [line.text() for line in areas.lines] == ["رعاية الأطفال", "تحديد المستوى"]
    editor.show_language("de")
    assert [line.text() for line in areas.lines] == ["Kinderbetreuung", "Einstufung"]
    window.resize(1400, 1000)
    editor.grab().save(str(tmp_path / "editor-after-move.png"))
    assert editor.save()
    settled(qtbot, window)

    after = get_offer(demo_db, offer_id)
    assert [c["name"] for c in after.facts["contacts"]] == ["Frau C. Haddad", "Herr B. Schmitz"]
    assert areas_of(after, "de") == ["Kinderbetreuung", "Einstufung"]
    assert areas_of(after, "ar") == ["رعاية الأطفال", "تحديد المستوى"]
    assert [c["area_of_responsibility"] for c in after.facts["contacts"]] == ["Kinderbetreuung", "Einstufung"]
