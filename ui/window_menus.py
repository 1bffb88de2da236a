"""The main window's menus, toolbar and status bar: the top-level menus by name (features add
their actions to them, see ui/features.py), the window's own actions, and the status bar that
shows background work."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QWidget

from .i18n import _, on_language_change
from .icons import icon

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .offer_actions import OfferActions

Shortcut = QKeySequence | QKeySequence.StandardKey | list[QKeySequence] | None


def menu_titles() -> tuple[tuple[str, str], ...]:
    return (
        ("file", _("&File")),
        ("edit", _("&Edit")),
        ("offer", _("&Offer")),
        ("translate", _("&Translate")),
        ("review", _("&Review")),
        ("publish", _("&Publish")),
        ("exchange", _("E&xchange")),
        ("team", _("Tea&m")),
        ("help", _("&Help")),
    )


def make_action(
    parent: QObject,
    name: str,
    text: str,
    shortcut: Shortcut,
    slot: Callable[[], object],
    icon_name: str | None = None,
) -> QAction:
    action = QAction(icon(icon_name or name), text, parent)
    action.setObjectName(f"action_{name}")
    if shortcut is not None:
        action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
    action.triggered.connect(lambda _checked=False: slot())
    return action


def undo_action(window: QWidget, group: QUndoGroup, *, redo: bool) -> QAction:
    """Undo or redo in the editor in front ("Undo Organization"), named in the interface language
    of the moment: QUndoGroup's own actions keep the words they were made with, and a language
    switch cannot reach them."""
    action = QAction(icon("redo" if redo else "undo"), "", window)
    action.setObjectName("action_redo" if redo else "action_undo")

    def name() -> None:
        what = group.redoText() if redo else group.undoText()
        verb = _("&Redo") if redo else _("&Undo")
        action.setText(f"{verb} {what}" if what else verb)
        action.setEnabled(group.canRedo() if redo else group.canUndo())

    for signal in (
        (group.redoTextChanged, group.canRedoChanged)
        if redo
        else (group.undoTextChanged, group.canUndoChanged)
    ):
        signal.connect(lambda _value: name())
    group.activeStackChanged.connect(lambda _stack: name())
    action.triggered.connect(group.redo if redo else group.undo)
    on_language_change(action, name)
    name()
    return action


class WindowMenus:
    """Builds the menu bar and the toolbar of the window and keeps its actions."""

    def __init__(self, window: MainWindow, actions: OfferActions) -> None:
        self.window = window
        self.menus: dict[str, QMenu] = {}
        for name, title in menu_titles():
            menu = window.menuBar().addMenu(title)
            menu.setObjectName(f"menu_{name}")
            self.menus[name] = menu
        self.save = make_action(
            window, "save", _("&Save"), QKeySequence.StandardKey.Save, window.routing.save
        )
        self.undo = undo_action(window, window.routing.group, redo=False)
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo = undo_action(window, window.routing.group, redo=True)
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.revisions = make_action(
            window, "revisions", _("&Revisions …"), QKeySequence("Ctrl+H"), window.show_revisions
        )
        self.settings = make_action(
            window, "settings", _("S&ettings …"), QKeySequence("Ctrl+,"), window.show_settings
        )
        self.reload = make_action(
            window, "reload", _("Re&load"), QKeySequence.StandardKey.Refresh, window.reload
        )
        find = make_action(window, "search", _("&Find"), QKeySequence.StandardKey.Find, self._find)
        quit_action = make_action(window, "quit", _("&Quit"), QKeySequence.StandardKey.Quit, window.close)
        hint = make_action(
            window, "about", _("&Where to start"), QKeySequence.StandardKey.HelpContents, window.show_hint
        )
        a = actions
        self.menu("file").addActions([a.new, self.save, self.reload])
        self.menu("file").addSeparator()
        self.menu("file").addAction(self.settings)
        self.menu("file").addSeparator()
        self.menu("file").addAction(quit_action)
        self.menu("edit").addActions([self.undo, self.redo])
        self.menu("edit").addSeparator()
        self.menu("edit").addAction(find)
        self.menu("offer").addActions([a.duplicate, a.archive, a.restore, a.delete])
        self.menu("offer").addSeparator()
        self.menu("offer").addAction(self.revisions)
        self.menu("help").addAction(hint)

        toolbar = window.addToolBar(_("Main toolbar"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([a.new, self.save])
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo])
        toolbar.addSeparator()
        toolbar.addActions([a.duplicate, a.archive, a.delete, self.revisions])
        toolbar.addSeparator()
        toolbar.addAction(self.settings)
        self.toolbar = toolbar

    def menu(self, name: str) -> QMenu:
        return self.menus[name]

    def _find(self) -> None:
        search = self.window.search
        search.setFocus()
        search.selectAll()


class StatusBar:
    """The status bar's permanent part: when the last save was, and what runs in the background."""

    def __init__(self, window: MainWindow) -> None:
        bar = window.statusBar()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        self.busy_label = QLabel()
        self.saved_label = QLabel()
        bar.addPermanentWidget(self.saved_label)
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.busy)
        bar.showMessage(window.region_name)
        window.tasks.busy_changed.connect(self._busy_changed)

    def _busy_changed(self, busy: bool, text: str) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setText(text if busy else "")
