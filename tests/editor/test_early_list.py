"""A cold start shows the offer list before the data layer is loaded (ui/app.py): the shell
shows it, and the main window takes that same list over. What the first listed window shows
is what the window that read its list itself shows; a list read with other choices is left."""

from __future__ import annotations

import dataclasses
import tempfile

from PySide6.QtCore import Qt

from desktop.context import AppContext
from desktop.list_snapshot import read_list_snapshot
from desktop.offers import list_offers

from .helpers import open_window, wait_until_loaded


def _settings():
    from ui.settings_store import SettingsStore

    return SettingsStore(tempfile.mkdtemp(prefix="lotse-early-") + "/lotse.ini")


def _shown(window) -> list[tuple]:
    """Every row as the list shows it, in order: each column's text and the status icons' tooltips."""
    model = window.model
    return [
        tuple(
            (model.index(row, column).data(), model.index(row, column).data(Qt.ItemDataRole.ToolTipRole))
            for column in range(model.columnCount())
        )
        for row in range(model.rowCount())
    ]


def _headers(window) -> list[str]:
    return [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(window.model.columnCount())]


def _early_window(qtbot, db, settings, snapshot=None):
    from ui.main_window import MainWindow
    from ui.shell import Shell

    snapshot = snapshot or read_list_snapshot(db.sqlite_path, "de")
    shell = Shell(settings)
    qtbot.addWidget(shell)
    shell.show_list(snapshot, settings)
    shell.show()
    qtbot.waitExposed(shell)
    panel = shell.list_panel
    shown_in_shell = _shown(shell)
    window = MainWindow(AppContext(db=db, user="tester"), settings, list_panel=panel)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.set_active(False))
    window.show()
    shell.hand_over()
    return window, panel, shown_in_shell


def test_the_first_listed_window_has_what_the_old_one_had(qtbot, demo_db):
    old = open_window(qtbot, demo_db)
    old_rows, old_headers = (
        _shown(old),
        [old.model.headerData(c, Qt.Orientation.Horizontal) for c in range(old.model.columnCount())],
    )
    old_count = old.list_panel.count_label.text()
    old.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by title
    old_sorted = _shown(old)
    old.close()

    window, panel, shown_in_shell = _early_window(qtbot, demo_db, _settings())
    assert window.list_panel is panel  # the same list, not read again
    assert window.list_loaded and not panel.placeholder.isVisible()
    assert shown_in_shell == _shown(window) == old_rows
    assert [
        window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(window.model.columnCount())
    ] == old_headers
    assert window.list_panel.count_label.text() == old_count
    assert sorted(r.id for r in window.model.rows()) == sorted(r.id for r in list_offers(demo_db))

    # Sorting, selecting (the editor opens) and searching once the index is built, as before.
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert _shown(window) == old_sorted != old_rows
    window.table.selectRow(0)
    assert window.editor.offer is not None and window.editor.offer.id == window.list_panel.offer_id_at(0)
    wait_until_loaded(qtbot, window, search=True)
    wanted = next(r for r in list_offers(demo_db) if r.state != "archived")
    window.search.setText(wanted.title)
    qtbot.waitUntil(lambda: wanted.id in window.list_panel.visible_offer_ids())


def test_an_offer_clicked_in_the_early_list_opens_when_the_window_is_there(qtbot, demo_db):
    from ui.main_window import MainWindow
    from ui.shell import Shell

    settings = _settings()
    shell = Shell(settings)
    qtbot.addWidget(shell)
    shell.show_list(read_list_snapshot(demo_db.sqlite_path, "de"), settings)
    shell.table.selectRow(2)  # while the rest is loaded
    clicked = shell.list_panel.offer_id_at(2)
    window = MainWindow(AppContext(db=demo_db, user="tester"), settings, list_panel=shell.list_panel)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.set_active(False))
    assert window.editor.offer is not None and window.editor.offer.id == clicked


def test_a_list_read_with_other_choices_is_left_and_the_list_read_anew(qtbot, demo_db):
    snapshot = read_list_snapshot(demo_db.sqlite_path, "de")
    stale = dataclasses.replace(snapshot, choices=dataclasses.replace(snapshot.choices, region_name="Anders"))
    window, panel, _shown_in_shell = _early_window(qtbot, demo_db, _settings(), stale)
    assert window.list_panel is not panel
    wait_until_loaded(qtbot, window)
    assert sorted(r.id for r in window.model.rows()) == sorted(r.id for r in list_offers(demo_db))
