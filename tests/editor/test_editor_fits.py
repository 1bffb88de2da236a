"""Opening offers one after another: the editor keeps its width (no sideways scrolling for a
day with several time slots) and reuses the rows it built (the contacts' area lines), so an
offer with more of them than the last does not build and lay out new widgets every time."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.offers import get_offer

from .helpers import open_window, settled

TWO_SLOTS = {"slots": [["09:00", "12:00"], ["13:30", "16:00"]]}
THREE_SLOTS = {"slots": [["08:00", "10:00"], ["11:00", "13:00"], ["14:00", "18:30"]]}


def test_a_day_with_three_time_slots_fits_the_editor_at_1280_pixels(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    window.resize(1280, 800)
    offer = next(r for r in window.model.rows() if r.state != "archived")
    window.open_offer(offer.id)
    editor = window.editor
    week = [THREE_SLOTS, TWO_SLOTS, TWO_SLOTS, TWO_SLOTS, TWO_SLOTS, {"closed": True}, {"closed": True}]
    editor.apply_value("opening_hours", None, week)
    qtbot.waitUntil(lambda: editor.form.width() > 0)
    for _ in range(3):
        qtbot.wait(10)
    hours = editor.fields["opening_hours"]
    assert hours.value()[0]["slots"] == THREE_SLOTS["slots"]
    assert [len(day.slots) for day in hours.days] == [3, 2, 2, 2, 2, 0, 0]
    viewport = editor.scroll.viewport()
    assert editor.form.minimumSizeHint().width() <= viewport.width(), (
        editor.form.minimumSizeHint().width(),
        viewport.width(),
    )
    assert not editor.scroll.horizontalScrollBar().isVisible()
    # Each slot is under the one before it, the "+" beside the first.
    monday = hours.days[0]
    tops = [slot.mapTo(hours, slot.rect().topLeft()).y() for slot in monday.slots]
    assert tops == sorted(tops) and len(set(tops)) == 3
    assert monday.add.mapTo(hours, monday.add.rect().topLeft()).y() <= tops[0] + 5
    # Saved and opened again: the same week.
    assert editor.save()
    settled(qtbot, window)
    window.open_offer(offer.id)
    assert get_offer(demo_db, offer.id).facts["opening_hours"][0]["slots"] == THREE_SLOTS["slots"]
    assert hours.value()[0]["slots"] == THREE_SLOTS["slots"]


def test_contact_area_lines_are_reused_and_named_after_the_contacts(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    editor = window.editor
    areas = editor.fields["contact_areas"]
    offers = [get_offer(demo_db, r.id) for r in window.model.rows()]
    many = max(offers, key=lambda o: len(o.facts["contacts"] or []))
    few = min(offers, key=lambda o: len(o.facts["contacts"] or []))
    assert len(many.facts["contacts"]) > len(few.facts["contacts"])
    window.open_offer(many.id)
    built = len(areas.findChildren(QWidget))
    for offer in [few, many, few, many]:
        window.open_offer(offer.id)
        contacts = offer.facts["contacts"] or []
        assert len(areas.lines) == len(contacts)
        labels = [areas.form.labelForField(line).text() for line in areas.lines]
        assert [label for label, c in zip(labels, contacts, strict=True) if c.get("name")] == [
            c["name"] for c in contacts if c.get("name")
        ]
        assert [line.isVisibleTo(areas) for line in areas.lines] == [True] * len(contacts)
        assert areas.value() == offer.texts[editor.root].contact_areas
        assert len(areas.findChildren(QWidget)) == built  # no new rows
        assert not editor.is_dirty()
    # A line hidden with a contact of the last offer is empty when it comes back for a new one.
    window.open_offer(few.id)
    editor.fields["contacts"].add_contact()
    qtbot.waitUntil(lambda: len(areas.lines) == len(few.facts["contacts"] or []) + 1)
    assert areas.lines[-1].text() == ""
    assert areas.lines[-1].isVisibleTo(areas)
