"""Driving the main window in tests: open it on a database, answer its questions."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from desktop.context import AppContext


def open_window(qtbot, db, user: str = "tester", settings=None):
    """The main window with its own settings file, so no test inherits another's layout."""
    import tempfile

    from ui.main_window import MainWindow
    from ui.settings_store import SettingsStore

    settings = settings or SettingsStore(tempfile.mkdtemp(prefix="lotse-window-") + "/lotse.ini")
    window = MainWindow(AppContext(db=db, user=user), settings)
    # Closing at the end of a test must not stop at the "unsaved changes" question.
    qtbot.addWidget(window, before_close_func=_quiet)
    window.show()
    qtbot.waitExposed(window)
    wait_until_loaded(qtbot, window, search=True)
    return window


def _quiet(window) -> None:
    for editor in window.routing.editors:  # the offer, page and event editors
        editor.set_active(False)


def wait_until_loaded(qtbot, window, search: bool = False) -> None:
    """The list loads in the background after the first paint; wait for its rows (and the
    search index built from them)."""
    qtbot.waitUntil(lambda: window.list_loaded, timeout=20000)
    if search:
        qtbot.waitUntil(lambda: window.search_ready, timeout=20000)


def settled(qtbot, window) -> None:
    """Changes run off the GUI thread: wait until they are stored and announced."""
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=20000)


def focus(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


class Answer:
    """Clicks the named button of the next modal dialog and remembers its text."""

    _alive: list[Answer] = []  # the timer alone does not keep the answer alive

    def __init__(self, button: str):
        Answer._alive.append(self)
        self.button = button
        self.text = None
        self._tries = 0
        QTimer.singleShot(10, self._try)

    def _try(self) -> None:
        box = QApplication.activeModalWidget()
        target = box.findChild(QPushButton, self.button) if box is not None else None
        if target is None:
            self._tries += 1
            if self._tries < 500:
                QTimer.singleShot(10, self._try)
            else:
                Answer._alive.remove(self)
            return
        self.text = box.text() if hasattr(box, "text") else box.windowTitle()
        Answer._alive.remove(self)
        target.click()
