"""The window's side of the one language path (``models/i18n.py``): ``_("English text")`` in
the interface language, Qt's own translations (standard buttons, file dialogs) following it,
and one signal when it changes so that menus and open dialogs redraw their words.

A switch needs no restart: every word an open window shows that the catalogue knows is swapped
for the new language's (``retranslate_open_windows``), Qt's own words follow its translator, and
texts composed with values are redrawn by their owners through ``on_language_change``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator, Signal

from models.i18n import (  # noqa: F401 (the window imports them from here)
    N_,
    SUPPORTED,
    Joined,
    Message,
    Verbatim,
    _,
    catalog_path,
    language,
    load_catalog,
    render,
)
from models.i18n import set_language as _set_model_language


class _Announcer(QObject):
    changed = Signal(str)


_announcer: dict[str, object] = {}
_qt_translators: list[QTranslator] = []


def announcer() -> _Announcer:
    """The one object that says "the interface language changed" (created on first use)."""
    found = _announcer.get("object")
    if not isinstance(found, _Announcer):
        found = _announcer["object"] = _Announcer()
    return found


def set_language(code: str | None) -> str:
    """Switch the interface language: our catalogue, Qt's translations, then tell open windows."""
    before = language()
    chosen = _set_model_language(code)
    _install_qt_translations(chosen)
    if chosen != before:
        retranslate_open_windows(before, chosen)
        announcer().changed.emit(chosen)
    return chosen


def on_language_change(owner: QObject, slot: Callable[[], None]) -> None:
    """Call ``slot`` after each language switch while ``owner`` lives."""
    handler = _Handler(owner, slot)
    announcer().changed.connect(handler.fire)


class _Handler(QObject):
    """Connected to the announcer as a child of the widget, so it goes when the widget goes."""

    def __init__(self, owner: QObject, slot: Callable[[], None]) -> None:
        super().__init__(owner)
        self._slot = slot

    def fire(self, _code: str) -> None:
        self._slot()


def _install_qt_translations(code: str) -> None:
    """qtbase_de.qm from PySide6's translations folder, so Yes/No, Cancel and the file dialog
    speak the interface language too."""
    app = QCoreApplication.instance()
    if app is None:
        return
    while _qt_translators:
        app.removeTranslator(_qt_translators.pop())
    if code == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{code}", folder):
        app.installTranslator(translator)
        _qt_translators.append(translator)


def _swaps(old: str, new: str) -> dict[str, str]:
    """Each text as the old language shows it -> the same text in the new language."""
    from models.i18n import translate

    table: dict[str, str] = {}
    for msgid in set(load_catalog("de")) | set(load_catalog("en")):
        before, after = translate(msgid, old), translate(msgid, new)
        if before != after:
            table.setdefault(before, after)
    return table


def retranslate_open_windows(old: str, new: str) -> None:
    """Swap every word the open windows show in ``old`` for the same word in ``new``: labels,
    buttons, menus and actions, titles, tabs, tooltips, placeholders, combo items and table
    headers. Texts composed with values are redrawn by their owners (``on_language_change``)."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QApplication,
        QComboBox,
        QGroupBox,
        QHeaderView,
        QLabel,
        QLineEdit,
        QMenu,
        QTableWidget,
        QTabWidget,
        QWidget,
    )

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    table = _swaps(old, new)

    def swap(text: str, setter: Callable[[str], None]) -> None:
        if text in table:
            setter(table[text])

    for widget in app.allWidgets():
        swap(widget.windowTitle(), widget.setWindowTitle)
        swap(widget.toolTip(), widget.setToolTip)
        if isinstance(widget, QAbstractButton | QLabel):
            swap(widget.text(), widget.setText)
        elif isinstance(widget, QGroupBox):
            swap(widget.title(), widget.setTitle)
        elif isinstance(widget, QLineEdit):
            swap(widget.placeholderText(), widget.setPlaceholderText)
        elif isinstance(widget, QMenu):
            swap(widget.title(), widget.setTitle)
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                swap(widget.tabText(i), partial(widget.setTabText, i))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                swap(widget.itemText(i), partial(widget.setItemText, i))
        if isinstance(widget, QTableWidget):
            for i in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(i)
                if item is not None:
                    swap(item.text(), item.setText)
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()  # models word their headers when asked: ask again
            last = max(model.columnCount(QModelIndex()) - 1, 0)
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)
        for action in QWidget.actions(widget):  # (the main window has its own "actions")
            swap(action.text(), action.setText)
            swap(action.toolTip(), action.setToolTip)
