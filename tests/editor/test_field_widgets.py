"""The editor's field widgets through their real controls: opening hours, contacts,
rich text limited to what the app shows, pickers that create, dates and multi-selects."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QTime

from desktop.offers import get_offer

from .helpers import open_window


def _open(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    row = next(r for r in window.model.rows() if r.state != "archived")
    window.open_offer(row.id)
    return window, row


def test_opening_hours_with_several_slots_closed_all_day_and_appointment(qtbot, demo_db):
    window, row = _open(qtbot, demo_db)
    hours = window.editor.fields["opening_hours"]
    original = window.editor.payload["facts"]["opening_hours"]
    monday, tuesday, sunday = hours.days[0], hours.days[1], hours.days[6]
    if not hours.given.isChecked():
        hours.given.click()
    monday.mode.setCurrentIndex(0)
    monday.mode.activated.emit(0)  # open
    monday.clear_slots()
    monday.add_slot("09:00", "12:00", by_user=True)
    second = monday.add_slot("14:00", "16:00", by_user=True)
    second.end.setTime(QTime(17, 30))
    tuesday.mode.setCurrentIndex(3)
    tuesday.mode.activated.emit(3)  # by appointment
    sunday.mode.setCurrentIndex(2)
    sunday.mode.activated.emit(2)  # all day
    value = window.editor.payload["facts"]["opening_hours"]
    assert value[0] == {
        "closed": False,
        "all_day": False,
        "appointment_only": False,
        "slots": [["09:00", "12:00"], ["14:00", "17:30"]],
    }
    assert value[1]["appointment_only"] and value[6]["all_day"] and value[6]["slots"] == []
    # Overlapping slots are a problem shown beside the hours.
    second.start.setTime(QTime(11, 0))
    assert window.editor.form.errors["opening_hours"].isVisible()
    second.start.setTime(QTime(13, 0))
    assert not window.editor.form.errors["opening_hours"].isVisible()
    assert window.editor.save()
    assert get_offer(demo_db, row.id).facts["opening_hours"][0]["slots"] == [
        ["09:00", "12:00"],
        ["13:00", "17:30"],
    ]
    window.editor.undo_stack.undo()  # one step takes back the run of quick edits, even after the save
    assert window.editor.payload["facts"]["opening_hours"] == original
    assert window.editor.is_dirty()


def test_contacts_can_be_added_and_removed(qtbot, demo_db):
    window, row = _open(qtbot, demo_db)
    contacts = window.editor.fields["contacts"]
    before = len(contacts.cards)
    card = contacts.add_contact()
    card.fields["name"].setText("Herr Neu")
    card.fields["name"].edited.emit()
    card.fields["phone"].setText("0241 555555")
    card.fields["phone"].edited.emit()
    assert len(window.editor.payload["facts"]["contacts"]) == before + 1
    assert window.editor.save()
    assert get_offer(demo_db, row.id).facts["contacts"][-1]["name"] == "Herr Neu"
    contacts.cards[0].remove_button.click()
    assert len(window.editor.payload["facts"]["contacts"]) == before


def test_rich_text_keeps_only_what_the_app_shows(qtbot, demo_db):
    window, row = _open(qtbot, demo_db)
    content = window.editor.fields["content"]
    content.set_value("<p>Hallo</p>")
    content.editor.selectAll()
    mime = QMimeData()
    mime.setHtml(
        '<h1 style="color:red">Titel</h1><p>Text mit <b>fett</b> und <a href="https://x.example">Link</a>'
        "<script>alert(1)</script></p><table><tr><td>Zelle</td></tr></table>"
    )
    content.editor.insertFromMimeData(mime)
    value = window.editor.payload["texts"]["de"]["content"]
    assert "<script" not in value and "<h1" not in value and "<table" not in value and "color" not in value
    assert "<strong>fett</strong>" in value and '<a href="https://x.example">Link</a>' in value
    content.editor.selectAll()
    content.actions_by_name["bullets"].trigger()
    assert "<ul><li>" in window.editor.payload["texts"]["de"]["content"]


def test_a_new_category_is_created_from_the_picker(qtbot, demo_db):
    window, row = _open(qtbot, demo_db)
    picker = window.editor.fields["category_id"]
    choice = picker.create_and_choose("Sport und Bewegung")
    assert window.editor.payload["facts"]["category_id"] == choice.id
    assert window.editor.save()
    assert get_offer(demo_db, row.id).facts["category_id"] == choice.id


def test_validity_dates_and_multi_selects(qtbot, demo_db):
    from PySide6.QtCore import QDate

    window, row = _open(qtbot, demo_db)
    valid_from, valid_until = window.editor.fields["valid_from"], window.editor.fields["valid_until"]
    valid_from.enabled.click()
    valid_from.date.setDate(QDate(2027, 3, 1))
    valid_until.enabled.click()
    valid_until.date.setDate(QDate(2027, 1, 1))
    assert window.editor.form.errors["valid_until"].isVisible()  # until before from
    valid_until.date.setDate(QDate(2027, 12, 31))
    assert not window.editor.form.errors["valid_until"].isVisible()
    window.editor.fields["languages_spoken"].set_checked("uk")
    window.editor.fields["target_groups"].set_checked("women")
    assert window.editor.save()
    facts = get_offer(demo_db, row.id).facts
    assert str(facts["valid_from"]) == "2027-03-01" and str(facts["valid_until"]) == "2027-12-31"
    assert "uk" in facts["languages_spoken"] and "women" in facts["target_groups"]


def test_offers_opened_one_after_another_show_their_own_contacts_hours_and_statuses(qtbot, demo_db):
    """The editor refills the widgets of the last offer (cards, time slots, the language
    tree) instead of building new ones: nothing of one offer may stay in the next."""
    window = open_window(qtbot, demo_db)
    editor = window.editor
    contacts, hours = editor.fields["contacts"], editor.fields["opening_hours"]
    offers = [get_offer(demo_db, r.id) for r in window.model.rows()]
    many = max(offers, key=lambda o: len(o.facts["contacts"] or []))
    few = min(offers, key=lambda o: len(o.facts["contacts"] or []))
    with_hours = next(o for o in offers if o.facts["opening_hours"])
    without_hours = next((o for o in offers if not o.facts["opening_hours"]), None)
    assert len(many.facts["contacts"]) > len(few.facts["contacts"])
    for offer in [many, few, many, with_hours, *([without_hours] if without_hours else []), with_hours, few]:
        window.open_offer(offer.id)
        shown = [{k: v for k, v in c.items() if v} for c in contacts.value()]
        # The area of responsibility is the text's (the text section shows it), not the card's.
        facts = [
            {k: v for k, v in c.items() if v and k != "area_of_responsibility"}
            for c in offer.facts["contacts"] or []
        ]
        assert shown == facts
        areas = editor.fields["contact_areas"]
        assert len(areas.lines) == len(facts)
        assert areas.value() == offer.texts[editor.root].contact_areas
        assert len([c for c in contacts.cards if c.isVisibleTo(contacts)]) == len(
            offer.facts["contacts"] or []
        )
        assert hours.value() == editor.payload["facts"]["opening_hours"]
        assert not editor.is_dirty()
        for code, text in offer.texts.items():
            if code in window.languages_panel.items:
                expected = text.status if (text.title or text.content) else "missing"
                assert window.languages_panel.status_of(code) == expected
    # A card kept from an earlier offer comes back empty when the user adds a contact.
    window.open_offer(few.id)
    card = contacts.add_contact()
    assert all(not field.text() for field in card.fields.values())
    assert len(editor.payload["facts"]["contacts"] or []) == len(few.facts["contacts"] or []) + 1
