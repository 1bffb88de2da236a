"""The page and event editors in the window, driven as a person would (pytest-qt, the demo
region): a subpage typed, undone and redone, checked beside its field, autosaved as a draft and
saved under its parent; the tree moved by drag and drop and by Alt+arrows without outdating a
translation, a drop into its own subtree refused with a message that names the page, a
subtree archived; an event made weekly on two days with a skipped date, its next dates shown
in German as the rule is edited, an end before its start shown beside the end; the events
list filtered by place."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QDragMoveEvent, QDropEvent

from desktop.content import list_occurrences, list_pages
from desktop.content_editing import get_item
from desktop.drafts import list_drafts
from tests.editor.helpers import open_window, settled
from tests.test_operations_ui import ModalWatch


@pytest.fixture
def window(qtbot, demo_db):
    win = open_window(qtbot, demo_db)
    return win


def _pages_tab(qtbot, window):
    tabs = window.content_tabs
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: tabs.pages.loaded, timeout=20000)
    return tabs.pages


def _page_id(db, title):
    return next(r.id for r in list_pages(db) if r.title == title)


def _wait_tree(qtbot, panel, check):
    qtbot.waitUntil(lambda: check(), timeout=20000)


def test_a_subpage_typed_undone_checked_autosaved_and_saved(qtbot, window, demo_db):
    panel = _pages_tab(qtbot, window)
    editor = panel.editor
    ankommen = _page_id(demo_db, "Ankommen")
    panel.tree.setCurrentItem(panel.item_of(ankommen))
    assert editor.offer.id == ankommen
    # The languages panel beside the editor: the statuses, a click edits that language.
    assert panel.languages.status_of("ar") == get_item(demo_db, ankommen).texts["ar"].status
    item = panel.languages.items["ar"]
    panel.languages.tree.itemClicked.emit(item, 0)
    assert (
        editor.language == "ar"
        and editor.fields["title"].text() == get_item(demo_db, ankommen).texts["ar"].title
    )
    editor.show_language("de")
    qtbot.mouseClick(panel.sub_button, Qt.MouseButton.LeftButton)
    assert editor.offer is None and editor.payload["facts"]["parent_id"] == ankommen
    assert editor.fields["parent_id"].currentText().strip() == "Ankommen"
    # Nothing typed yet: the title's message is beside the title.
    assert "Titel" in editor.form.errors["title"].text() and editor.form.errors["title"].isVisible()
    title = editor.fields["title"]
    title.setFocus()
    qtbot.keyClicks(title, "Wohnsitz anmelden")
    assert editor.form.errors["title"].text() == ""
    assert editor.heading.text().startswith("Wohnsitz anmelden")
    editor.undo_stack.undo()
    assert title.text() == "" and editor.payload["texts"]["de"]["title"] == ""
    editor.undo_stack.redo()
    assert title.text() == "Wohnsitz anmelden"
    # Autosave keeps it as a draft (what a crash would leave behind) ...
    editor.autosave()
    settled(qtbot, window)
    drafts = list_drafts(demo_db, author="tester")
    assert [d.title for d in drafts] == ["Wohnsitz anmelden"] and drafts[0].payload["kind"] == "page"
    # ... and the save puts it under its parent and drops the draft.
    assert editor.save()
    settled(qtbot, window)
    saved = get_item(demo_db, editor.offer.id)
    assert saved.facts["parent_id"] == ankommen and saved.texts["de"].title == "Wohnsitz anmelden"
    assert list_drafts(demo_db, author="tester") == []
    _wait_tree(qtbot, panel, lambda: panel.item_of(saved.id) is not None)
    assert panel.item_of(saved.id).parent().data(0, Qt.ItemDataRole.UserRole) == ankommen


def _drop(tree, dragged, target, where: str) -> None:
    """A drag of ``dragged`` released on (``"on"``) or just below (``"below"``) ``target``."""
    tree.setCurrentItem(dragged)
    rect = tree.visualItemRect(target)
    point = rect.center() if where == "on" else QPoint(rect.center().x(), rect.bottom() - 1)
    mime = tree.mimeData([dragged])
    actions = Qt.DropAction.MoveAction
    move = QDragMoveEvent(point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tree.dragMoveEvent(move)
    drop = QDropEvent(
        QPointF(point), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    tree.dropEvent(drop)


def test_the_tree_moves_by_drag_and_drop_and_by_keys(qtbot, window, demo_db):
    panel = _pages_tab(qtbot, window)
    tree = panel.tree
    page = _page_id(demo_db, "Anmeldung beim Bürgerbüro")
    leben = _page_id(demo_db, "Leben und Alltag")
    before = get_item(demo_db, page).texts
    _drop(tree, panel.item_of(page), panel.item_of(leben), "on")
    settled(qtbot, window)
    _wait_tree(qtbot, panel, lambda: get_item(demo_db, page).facts["parent_id"] == leben)
    _wait_tree(qtbot, panel, lambda: panel.item_of(page).parent() is panel.item_of(leben))
    after = get_item(demo_db, page).texts
    assert {c: (t.status, t.version) for c, t in after.items()} == {
        c: (t.status, t.version) for c, t in before.items()
    }  # no translation outdated by the move

    # Alt+Up: one up among Leben und Alltag's subpages (it came last); Alt+Left: out, after its parent.
    tree.setCurrentItem(panel.item_of(page))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    siblings = [r.title for r in list_pages(demo_db) if r.parent_id == leben]
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    settled(qtbot, window)
    assert siblings[-1] == "Anmeldung beim Bürgerbüro"
    expected = [*siblings[:-2], siblings[-1], siblings[-2]]
    assert [r.title for r in list_pages(demo_db) if r.parent_id == leben] == expected
    qtbot.keyClick(tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    settled(qtbot, window)
    assert get_item(demo_db, page).facts["parent_id"] is None

    # A page dropped on its own subpage: refused, with the page's name in the message.
    top = _page_id(demo_db, "Willkommen in der StädteRegion")
    _wait_tree(qtbot, panel, lambda: panel.item_of(page).parent() is None)
    watch = ModalWatch()
    _drop(tree, panel.item_of(top), panel.item_of(_page_id(demo_db, "Ankommen")), "on")
    settled(qtbot, window)
    qtbot.waitUntil(lambda: bool(watch.seen), timeout=10000)
    assert "„Willkommen in der StädteRegion“" in watch.seen[0] and "Unterseite" in watch.seen[0]
    assert get_item(demo_db, top).facts["parent_id"] is None

    # Archive with subpages.
    panel.tree.setCurrentItem(panel.item_of(leben))
    qtbot.mouseClick(panel.archive_button, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    states = {r.title: r.state for r in list_pages(demo_db)}
    assert states["Leben und Alltag"] == states["Wohnungssuche"] == "archived"
    assert states["Anmeldung beim Bürgerbüro"] == "published"


def _events_tab(qtbot, window):
    tabs = window.content_tabs
    tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: tabs.events.loaded, timeout=20000)
    return tabs.events


def _set_datetime(field, when: datetime) -> None:
    field.edit.setDateTime(QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute)))


def test_an_event_made_weekly_with_a_skipped_date(qtbot, window, demo_db):
    panel = _events_tab(qtbot, window)
    editor = panel.editor
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.fields["title"], "Spieletreff")
    assert "Beginn" in editor.form.errors["event_start"].text()
    _set_datetime(editor.fields["event_start"], datetime(2030, 3, 5, 15, 0))
    _set_datetime(editor.fields["event_end"], datetime(2030, 3, 5, 14, 0))
    assert "Das Ende liegt vor dem Beginn." in editor.form.errors["event_end"].text()
    _set_datetime(editor.fields["event_end"], datetime(2030, 3, 5, 17, 0))
    assert editor.form.errors["event_end"].text() == ""
    rule = editor.fields["rrule"]
    rule.freq.setCurrentIndex(rule.freq.findData("WEEKLY"))
    rule.freq.activated.emit(rule.freq.currentIndex())
    qtbot.mouseClick(rule.day_boxes[1], Qt.MouseButton.LeftButton)  # Tuesday
    qtbot.mouseClick(rule.day_boxes[3], Qt.MouseButton.LeftButton)  # Thursday
    assert editor.payload["facts"]["rrule"] == "FREQ=WEEKLY;BYDAY=TU,TH"
    preview = editor.form.preview.text().splitlines()
    assert preview[:3] == [
        "Di., 5. März 2030, 15:00–17:00",
        "Do., 7. März 2030, 15:00–17:00",
        "Di., 12. März 2030, 15:00–17:00",
    ]
    skip = editor.fields["exdates"]
    skip.date.setDate(QDate(2030, 3, 7))
    qtbot.mouseClick(skip.add, Qt.MouseButton.LeftButton)
    assert editor.payload["facts"]["exdates"] == ["2030-03-07"]
    assert editor.form.preview.text().splitlines()[1] == "Di., 12. März 2030, 15:00–17:00"
    editor.undo_stack.undo()  # the skipped date back, then again
    assert editor.payload["facts"]["exdates"] == [] and skip.list.count() == 0
    editor.undo_stack.redo()
    # A rule that gives no date is shown beside the rule.
    rule.text.setText("FREQ=WEEKLY;BYDAY=TU;UNTIL=20300101T000000")
    rule.text.textEdited.emit(rule.text.text())
    assert "keinen einzigen Termin" in editor.form.errors["rrule"].text()
    editor.undo_stack.undo()
    assert editor.form.errors["rrule"].text() == ""
    assert editor.save()
    settled(qtbot, window)
    event_id = editor.offer.id
    dates = [o.start.date() for o in list_occurrences(demo_db, date(2030, 3, 1), date(2030, 3, 15))
             if o.event_id == event_id]  # fmt: skip
    assert dates == [date(2030, 3, 5), date(2030, 3, 12), date(2030, 3, 14)]


def test_the_events_list_filters_by_place(qtbot, window, demo_db):
    panel = _events_tab(qtbot, window)
    everything = panel.shown()
    places = [panel.place.itemText(i) for i in range(1, panel.place.count())]
    assert len(places) >= 2
    panel.place.setCurrentIndex(1)
    only = panel.shown()
    assert 0 < len(only) < len(everything) and {o.place for o in only} == {places[0]}
    assert panel.table.rowCount() == len(only)
    panel.search.setText(only[0].title[:5])
    assert all(only[0].title[:5].casefold() in o.title.casefold() for o in panel.shown())


def test_the_events_search_refills_the_table_only_when_the_hits_change(qtbot, window, demo_db):
    panel = _events_tab(qtbot, window)
    everything = panel.shown()
    title = everything[0].title
    panel.search.setText(title[:2])
    hits = panel.shown()
    assert hits and all(title[:2].casefold() in o.title.casefold() for o in hits)
    assert panel.table.rowCount() == len(hits)
    first = panel.table.item(0, 1)
    for end in range(3, len(title) + 1):  # typing on: the same hits keep the same table
        panel.search.setText(title[:end])
        if len(panel.shown()) == len(hits):
            assert panel.table.item(0, 1) is first
    assert [panel.table.item(r, 1).text().split(" (")[0] for r in range(panel.table.rowCount())] == [
        o.title for o in panel.shown()
    ]
    panel.search.setText("")
    assert panel.table.rowCount() == len(everything)


def test_the_window_keys_follow_the_tab_and_a_crashed_draft_comes_back(qtbot, window, demo_db):
    from tests.editor.helpers import focus

    panel = _pages_tab(qtbot, window)
    editor = panel.editor
    focus(qtbot, window)
    assert window.actions.new.text() == "&Neue Seite"  # the toolbar says what Ctrl+N makes
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # a page, not an offer
    assert editor.active and editor.offer is None and window.editor.offer is None
    title = editor.fields["title"]
    title.setFocus()
    qtbot.keyClicks(title, "Notruf")
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == ""
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(title, Qt.Key.Key_Z, redo)
    assert title.text() == "Notruf"
    editor.autosave()
    settled(qtbot, window)
    # The program "crashes" here: a new window finds the draft and opens it in the page editor.
    again = open_window(qtbot, demo_db)
    [draft] = list_drafts(demo_db, author="tester")
    assert draft.payload["kind"] == "page"
    again.restore_draft(draft)
    restored = again.content_tabs.pages.editor
    assert again.content_tabs.currentWidget() is again.content_tabs.pages
    assert restored.payload["texts"]["de"]["title"] == "Notruf"
    assert restored.fields["title"].text() == "Notruf"
    focus(qtbot, again)
    restored.fields["title"].setFocus()
    qtbot.keyClick(restored.fields["title"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, again)
    assert restored.offer is not None and get_item(demo_db, restored.offer.id).texts["de"].title == "Notruf"
    assert list_drafts(demo_db, author="tester") == []
