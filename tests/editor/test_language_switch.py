"""A switch of the interface language redraws every word the main window's tabs show: after
German → English the window shows what a window opened in English shows, in the same state
(an offer, a page and an event open, the status filters of the pages and events tabs set)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateTimeEdit,
    QListWidget,
    QSpinBox,
    QTableWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)

from .helpers import open_window
from .test_language_path import _shown_texts


def _in_state(qtbot, window):
    """Every tab shown once, something open in each, the status filters set."""
    window.resize(1280, 800)
    window.open_offer(window.model.rows()[0].id)
    tabs = window.content_tabs
    for panel in (tabs.pages, tabs.events):
        tabs.setCurrentWidget(panel)
        qtbot.waitUntil(lambda panel=panel: panel.loaded, timeout=20000)
    tabs.pages.open_page(next(r.id for r in tabs.pages.rows if r.depth == 2))
    tabs.pages.only.set("en", "outdated")
    tabs.events.table.selectRow(0)
    qtbot.waitUntil(lambda: tabs.events.editor.offer is not None)
    tabs.events.only.set("en", "outdated")
    tabs.setCurrentIndex(0)
    return window


def _path(widget: QWidget, top: QWidget) -> str:
    """Where a widget sits in the window: class, object name and place among its siblings."""
    parts = []
    while widget is not None and widget is not top:
        parent = widget.parentWidget()
        siblings = parent.findChildren(type(widget), options=Qt.FindChildOption.FindDirectChildrenOnly)
        name = f"#{widget.objectName()}" if widget.objectName() else ""
        parts.append(f"{type(widget).__name__}{name}[{siblings.index(widget)}]")
        widget = parent
    return "/".join(reversed(parts))


def _cells(widget: QWidget) -> list[str]:
    """What the cells of a table or tree and a spin box's prefix and suffix say (with tooltips)."""
    if isinstance(widget, QTableWidget):
        items = [widget.item(r, c) for r in range(widget.rowCount()) for c in range(widget.columnCount())]
        return [t for item in items if item for t in (item.text(), item.toolTip())]
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        found, walk = [header.text(c) for c in range(widget.columnCount())], QTreeWidgetItemIterator(widget)
        while walk.value():
            item = walk.value()
            found += [t for c in range(widget.columnCount()) for t in (item.text(c), item.toolTip(c))]
            walk += 1
        return found
    if isinstance(widget, QDateTimeEdit):  # a date field: the date as the language writes it
        return [widget.text(), widget.displayFormat()]
    if isinstance(widget, QListWidget):
        return [widget.item(i).text() for i in range(widget.count())]
    if isinstance(widget, QSpinBox):
        return [widget.prefix(), widget.suffix(), widget.specialValueText()]
    return [widget.specialValueText()] if isinstance(widget, QAbstractSpinBox) else []


def _words_by_place(window) -> dict[str, list[str]]:
    shown = {}
    # The menu bar's ">>" menu lists whichever menus did not fit at some moment: layout, not words.
    overflow = window.menuBar().findChild(QToolButton, "qt_menubar_ext_button").menu()
    for widget in [window, *window.findChildren(QWidget)]:
        if widget is overflow:
            continue
        texts = _shown_texts([widget]) + [t for t in _cells(widget) if t]
        if texts:
            shown[_path(widget, window)] = texts
    return shown


def test_a_language_switch_redraws_every_word_of_the_tabs(qtbot, demo_db):
    from ui.i18n import set_language

    switched = _in_state(qtbot, open_window(qtbot, demo_db))
    german = _words_by_place(switched)
    assert (
        "Nur Seiten mit Englisch: veraltet" in german[_path(switched.content_tabs.pages.only.label, switched)]
    )
    set_language("en")
    after_switch = _words_by_place(switched)
    fresh = _words_by_place(_in_state(qtbot, open_window(qtbot, demo_db)))

    differences = {
        place: (after_switch.get(place), fresh.get(place))
        for place in set(after_switch) | set(fresh)
        if after_switch.get(place) != fresh.get(place)
    }
    # (a plain report: pytest's diff of nested dicts takes minutes)
    assert not differences, "\n".join(
        f"{p}\n  switched: {a}\n  fresh:    {b}" for p, (a, b) in differences.items()
    )
    assert after_switch != german


def test_date_and_time_fields_follow_the_interface_language(qtbot, demo_db):
    """An event's start and end, the dates it skips and every date field: "01.12.2026 15:00" in
    German, "12/1/2026 3:00 PM" in English, also after a switch (the value stays)."""
    from ui.i18n import set_language

    window = _in_state(qtbot, open_window(qtbot, demo_db))
    window.editor.fields["title"].setText("Beratung am Markt")
    window.editor.fields["title"].edited.emit()
    assert window.editor.save()
    saved = window.status.saved_label
    assert saved.text().startswith("Gespeichert") and not saved.text().endswith("M")
    events = window.content_tabs.events
    start = events.editor.fields["event_start"]
    value = start.value()
    german = start.edit.text()
    assert german.count(".") == 2 and ":" in german and "M" not in german  # 01.12.2026 15:00
    set_language("en")
    english = start.edit.text()
    assert english.count("/") == 2 and english.endswith(("AM", "PM")), english
    assert saved.text().startswith("Saved") and saved.text().endswith(("AM", "PM")), saved.text()
    assert start.value() == value  # the value is untouched, only how it is written
    assert start.edit.locale().name() == "en_US"
    set_language("de")
    assert start.edit.text() == german
