"""The editor in the main window, driven through its real widgets on a real database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.offers import get_offer, list_offers, save_offer

from .helpers import Answer, focus, open_window


def _open_first(qtbot, window, title_part: str = ""):
    rows = [r for r in window.model.rows() if title_part in r.title and r.state != "archived"]
    window.list_panel.select_offer(rows[0].id)
    qtbot.waitUntil(lambda: window.editor.offer is not None and window.editor.offer.id == rows[0].id)
    return rows[0]


def test_search_as_you_type_finds_words_in_content_and_other_languages(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    shown = window.proxy.rowCount()
    assert shown == len([r for r in list_offers(demo_db) if r.state != "archived"])
    assert window.list_panel.count_label.text().startswith(f"{shown} ")
    # A word that is only in the Arabic texts.
    window.search.insert("مساعدة")
    qtbot.waitUntil(lambda: 0 < window.proxy.rowCount() < shown)
    arabic = set(window.list_panel.visible_offer_ids())
    for offer_id in arabic:
        assert (
            "مساعدة"
            in get_offer(demo_db, offer_id).texts["ar"].content
            + get_offer(demo_db, offer_id).texts["ar"].summary
            + get_offer(demo_db, offer_id).texts["ar"].title
        )
    window.search.clear()
    qtbot.waitUntil(lambda: window.proxy.rowCount() == shown)


def test_filter_by_translation_status_shows_all_offers_with_arabic_outdated(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    panel = window.list_panel
    panel.state.setCurrentIndex(0)  # all states
    panel.show_status("ar", "outdated")
    ids = panel.visible_offer_ids()
    expected = {r.id for r in list_offers(demo_db) if r.statuses.get("ar") == "outdated"}
    assert ids and set(ids) == expected
    assert panel.count_label.text().startswith(f"{len(expected)} ")


def test_sorting_by_a_column_sorts_the_plain_rows(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    titles = [window.model.row_at(r).title.casefold() for r in range(window.proxy.rowCount())]
    assert titles == sorted(titles, reverse=True)


def test_edit_undo_redo_merges_typing_per_field(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    row = _open_first(qtbot, window)
    title = window.editor.fields["title"]
    original = title.text()
    focus(qtbot, window)
    title.setFocus()
    title.end(False)
    QTest.keyClicks(title, " neu")
    street = window.editor.fields["street"]
    street.setFocus()
    street.selectAll()
    QTest.keyClicks(street, "Markt 5")
    assert window.editor.payload["texts"]["de"]["title"] == original + " neu"
    assert window.editor.is_dirty()
    assert window.editor.undo_stack.count() == 2  # one step per field, not per letter
    QTest.keyClick(street, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.payload["facts"]["street"] == row.street
    QTest.keyClick(street, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == original
    assert not window.editor.is_dirty()
    QTest.keyClick(
        street, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert title.text() == original + " neu"


def test_invalid_email_shows_a_message_next_to_the_field_and_save_is_refused(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    row = _open_first(qtbot, window)
    contacts = window.editor.fields["contacts"]
    card = contacts.cards[0] if contacts.cards else contacts.add_contact()
    focus(qtbot, window)
    email = card.fields["email"]
    email.setFocus()
    email.selectAll()
    QTest.keyClicks(email, "info(at)example")
    error = card.errors["email"]
    assert error.isVisible() and "info(at)example" in error.text()
    answer = Answer("ok")
    assert window.editor.save() is False
    assert answer.text and "info(at)example" in answer.text
    assert get_offer(demo_db, row.id).version == row.version  # nothing written
    QTest.keyClicks(
        email,
        "",
    )
    email.selectAll()
    QTest.keyClicks(email, "info@example.org")
    assert not error.isVisible()
    assert window.editor.save() is True
    assert get_offer(demo_db, row.id).facts["contacts"][0]["email"] == "info@example.org"


def test_save_updates_the_list_and_a_minor_edit_keeps_translations_current(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    row = next(
        r
        for r in window.model.rows()
        if r.statuses.get("en") in ("checked", "approved") and r.state != "archived"
    )
    window.list_panel.select_offer(row.id)
    qtbot.waitUntil(lambda: window.editor.offer is not None and window.editor.offer.id == row.id)
    before = row.statuses["en"]
    window.editor.fields["title"].setText(row.title + "!")
    window.editor.fields["title"].edited.emit()
    window.editor.minor.setChecked(True)
    assert window.editor.save()
    assert window.model.row_at(window.model.row_of(row.id)).title == row.title + "!"
    assert window.model.row_at(window.model.row_of(row.id)).statuses["en"] == before
    assert window.languages_panel.status_of("en") == before


def test_a_conflict_is_explained_and_the_user_may_keep_their_version(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    row = _open_first(qtbot, window)
    window.editor.fields["title"].setText("Meine Fassung")
    window.editor.fields["title"].edited.emit()
    # Meanwhile a colleague saves the same offer.
    save_offer(
        demo_db, row.id, expected_version=row.version, author="kollegin", facts={"street": "Andere Straße 1"}
    )
    answer = Answer("mine")
    assert window.editor.save() is True
    assert "kollegin" in answer.text
    saved = get_offer(demo_db, row.id)
    assert saved.texts["de"].title == "Meine Fassung"
    assert saved.updated_by == "tester"


def test_leaving_unsaved_changes_asks_and_cancel_stays(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    row = _open_first(qtbot, window)
    window.editor.fields["cost"].setText("5 Euro")
    window.editor.fields["cost"].edited.emit()
    other = next(r for r in window.model.rows() if r.id != row.id and r.state != "archived")
    Answer("cancel")
    window.list_panel.select_offer(other.id)
    qtbot.waitUntil(lambda: window.list_panel.selected_offer_ids() == [row.id])
    assert window.editor.offer.id == row.id and window.editor.payload["texts"]["de"]["cost"] == "5 Euro"
    Answer("discard")
    window.list_panel.select_offer(other.id)
    qtbot.waitUntil(lambda: window.editor.offer.id == other.id)
    assert get_offer(demo_db, row.id).facts["cost"] != "5 Euro"


def test_keyboard_only_find_open_edit_save(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    focus(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    QTest.keyClicks(window.search, "Monschau")
    QTest.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.offer is not None)
    assert (
        window.table.hasFocus()
        and "monschau"
        in (window.editor.offer.facts["town"] or "").lower()
        + window.model.row_at(0).municipality.lower()
        + window.model.row_at(0).title.lower()
    )
    title = window.editor.fields["title"]
    title.setFocus()
    title.end(False)
    QTest.keyClicks(title, " (neu)")
    QTest.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert get_offer(demo_db, window.editor.offer.id).texts["de"].title.endswith(" (neu)")
