"""The pages and events tabs as the offers tab: a double-click on a language lists the items with
that status, Duplicate / Archive / Delete / Versions act on the page or event open there, and
everything fits the window at 1280×800 and 1600×900 without scrolling sideways."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from desktop.content import list_pages
from desktop.offers import list_offers
from tests.editor.helpers import Answer, open_window, settled


@pytest.fixture
def window(qtbot, demo_db):
    win = open_window(qtbot, demo_db)
    win.resize(1280, 800)
    return win


def _show(qtbot, window, panel):
    window.content_tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.loaded, timeout=20000)


def _double_click(qtbot, panel, code):
    tree = panel.languages.tree
    item = panel.languages.items[code]
    tree.scrollToItem(item)
    where = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)  # as a person's first click
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)


def _visible_pages(tree):
    found = []

    def visit(item):
        if not item.isHidden():
            found.append(item.text(0))
        for i in range(item.childCount()):
            visit(item.child(i))

    for i in range(tree.topLevelItemCount()):
        visit(tree.topLevelItem(i))
    return found


def _fits(qtbot, window, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    for editor in window.routing.editors:
        if editor.isVisible():
            scroll = editor.findChild(QScrollArea)
            qtbot.waitUntil(lambda scroll=scroll: scroll.viewport().width() > 0)
            return not scroll.horizontalScrollBar().isVisible()
    raise AssertionError("no editor shown")


def test_the_tabs_fit_the_window_without_scrolling_sideways(qtbot, window):
    tabs = window.content_tabs
    _show(qtbot, window, tabs.pages)
    tabs.pages.open_page(next(r.id for r in tabs.pages.rows if r.depth == 2))
    _show(qtbot, window, tabs.events)
    tabs.events.table.selectRow(0)
    qtbot.waitUntil(lambda: tabs.events.editor.offer is not None)
    for size in ((1280, 800), (1600, 900)):
        for panel in (tabs.pages, tabs.events):
            tabs.setCurrentWidget(panel)
            assert _fits(qtbot, window, size), (panel, size)
        tree = tabs.pages.tree
        tabs.setCurrentWidget(tabs.pages)
        right = tree.header().sectionViewportPosition(2) + tree.header().sectionSize(2)
        assert right <= tree.viewport().width(), size  # the languages column is not cut off
        tabs.setCurrentWidget(tabs.events)
        table = tabs.events.table
        assert not table.horizontalScrollBar().isVisible(), size  # the place shows too
    tabs.setCurrentIndex(0)
    window.open_offer(list_offers(window.context.db)[0].id)
    assert _fits(qtbot, window, (1280, 800))  # the offer editor gained from the same layout


def test_double_click_on_a_language_lists_the_pages_and_events_with_that_status(qtbot, window, demo_db):
    tabs = window.content_tabs
    pages = tabs.pages
    _show(qtbot, window, pages)
    rows = list_pages(demo_db)
    page = next(r for r in rows if r.title == "Anmeldung beim Bürgerbüro")
    pages.open_page(page.id)
    item = pages.item_of(page.id)
    assert "Englisch (en): veraltet" in item.toolTip(2)
    _double_click(qtbot, pages, "en")
    assert (
        pages.only.isVisible()
        and "Englisch" in pages.only.label.text()
        and "veraltet" in pages.only.label.text()
    )
    wanted = {r.title for r in rows if r.statuses.get("en") == "outdated"}
    shown = set(_visible_pages(pages.tree))
    assert wanted and wanted <= shown
    by_id = {r.id: r for r in rows}
    above = set()  # the pages above a wanted one show as the way to it
    for r in rows:
        parent = r.parent_id if r.title in wanted else None
        while parent is not None:
            above.add(by_id[parent].title)
            parent = by_id[parent].parent_id
    assert shown == wanted | above
    assert len(shown) < len(rows)
    pages.only.clear()
    assert len(_visible_pages(pages.tree)) == len(rows) and not pages.only.isVisible()

    events = tabs.events
    _show(qtbot, window, events)
    events.table.selectRow(0)
    qtbot.waitUntil(lambda: events.editor.offer is not None)
    statuses = {r.id: r.statuses for r in list_offers(demo_db, kind="event")}
    status = statuses[events.editor.offer.id].get("en", "missing")
    _double_click(qtbot, events, "en")
    shown_ids = {o.event_id for o in events.shown()}
    assert events.editor.offer.id in shown_ids
    assert all(statuses[i].get("en", "missing") == status for i in shown_ids)
    assert events.table.rowCount() == len(events.shown()) < len(events.occurrences)


def test_duplicate_archive_delete_and_versions_act_on_the_open_page(qtbot, window, demo_db):
    tabs = window.content_tabs
    pages = tabs.pages
    _show(qtbot, window, pages)
    assert not window.actions.duplicate.isEnabled()  # nothing open on this tab yet
    page = next(r for r in list_pages(demo_db) if r.title == "Ein Bankkonto eröffnen")
    pages.open_page(page.id)
    assert window.actions.duplicate.isEnabled() and window.menus.revisions.isEnabled()
    window.actions.duplicate.trigger()
    settled(qtbot, window)
    qtbot.waitUntil(lambda: pages.editor.offer is not None and pages.editor.offer.id != page.id)
    copy_id = pages.editor.offer.id
    rows = {r.id: r for r in list_pages(demo_db)}
    assert (
        rows[copy_id].title == "Ein Bankkonto eröffnen (Kopie)" and rows[copy_id].parent_id == page.parent_id
    )
    assert copy_id not in {r.id for r in list_offers(demo_db)}  # a page, not a new offer
    qtbot.waitUntil(lambda: pages.item_of(copy_id) is not None, timeout=20000)

    window.actions.archive.trigger()
    settled(qtbot, window)
    assert {r.id: r.state for r in list_pages(demo_db)}[copy_id] == "archived"
    window.actions.restore.trigger()
    settled(qtbot, window)
    assert {r.id: r.state for r in list_pages(demo_db)}[copy_id] == "draft"

    window.show_revisions()
    dialog = window.actions.items.dialog
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"Versionen von Seite Nr. {copy_id}" and dialog.entries
    dialog.close()

    Answer("cancel")
    window.actions.delete.trigger()
    settled(qtbot, window)
    assert copy_id in {r.id for r in list_pages(demo_db)}
    answer = Answer("confirm_delete")
    window.actions.delete.trigger()
    settled(qtbot, window)
    assert "Ein Bankkonto eröffnen (Kopie)" in answer.text
    assert copy_id not in {r.id for r in list_pages(demo_db)} and pages.editor.offer is None
    qtbot.waitUntil(lambda: pages.item_of(copy_id) is None, timeout=20000)
    assert not window.actions.delete.isEnabled()


def test_duplicate_on_the_events_tab_makes_an_event(qtbot, window, demo_db):
    events = window.content_tabs.events
    _show(qtbot, window, events)
    events.table.selectRow(0)
    qtbot.waitUntil(lambda: events.editor.offer is not None)
    original = events.editor.offer.id
    before = {r.id for r in list_offers(demo_db, kind="event")}
    window.actions.duplicate.trigger()
    settled(qtbot, window)
    after = {r.id for r in list_offers(demo_db, kind="event")}
    (copy_id,) = after - before
    qtbot.waitUntil(lambda: events.editor.offer is not None and events.editor.offer.id == copy_id)
    assert events.editor.title().endswith("(Kopie)") and original in after
