"""The window's side of the one language path (``models/i18n.py``): ``_("English text")`` in
the interface language, Qt's own translations (standard buttons, file dialogs) following it,
and one signal when it changes so that menus and open dialogs redraw their words.

A switch needs no restart: every word an open window shows that the catalogue knows is swapped
for the new language's (``retranslate_open_windows``), Qt's own words follow its translator, and
texts composed with values are redrawn by their owners through ``on_language_change``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator, Signal

from models.i18n import (  # noqa: F401 (the window imports them from here)
    N_,
    SUPPORTED,
    Joined,
    Message,
    Verbatim,
    catalog_path,
    language,
    load_catalog,
    render,
)
from models.i18n import set_language as _set_model_language
from models.i18n import translate as _translate

# Which msgid made a text the window shows (the latest call of ``_`` wins): a German word can be
# the translation of several msgids ("Titel": "Title" and "title"; "Sprache": "Language" and
# "Lang"), and the switch asks this which one the window meant.
_made_from: dict[str, str] = {}


def _(msgid: str) -> str:
    """The text in the interface language, now (remembering its msgid for a switch)."""
    text = _translate(msgid)
    _made_from[text] = msgid
    return text


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


_PLACEHOLDER = re.compile(r"\{(\w+)(?:![rsa])?(?::[^{}]*)?\}")
# A template with fewer fixed letters than this is part of a composed text ("bis {date}",
# "{nth} {day}"), never a widget's whole text, and would match almost any text: not swapped.
MIN_TEMPLATE_WORDS = 5


class _Swaps(dict[str, str]):
    """Each text as the old language shows it -> the same text in the new language; a text
    made from a template with values ("{n} offers") is matched and made again with its values."""

    def __init__(self, old: str, new: str) -> None:
        from models.i18n import translate

        super().__init__()
        self.templates: list[tuple[re.Pattern[str], str]] = []
        meant: dict[str, str] = {}  # for a text several msgids make: the one the window used
        for msgid in sorted(set(load_catalog("de")) | set(load_catalog("en"))):
            before, after = translate(msgid, old), translate(msgid, new)
            if before == after:
                continue
            if _PLACEHOLDER.search(before):
                if len(_PLACEHOLDER.sub("", before).replace(" ", "")) >= MIN_TEMPLATE_WORDS:
                    self.templates.append((_pattern(before), after))
            elif _made_from.get(before) == msgid:
                meant[before] = after
            else:
                self.setdefault(before, after)
        self.update(meant)
        self.templates.sort(key=lambda t: -len(t[0].pattern))  # the most specific first

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.lookup(text) is not None

    def __getitem__(self, text: str) -> str:
        found = self.lookup(text)
        if found is None:
            raise KeyError(text)
        return found

    def lookup(self, text: str) -> str | None:
        if not text:
            return None
        if dict.__contains__(self, text):
            return dict.__getitem__(self, text)
        for pattern, after in self.templates:
            match = pattern.fullmatch(text)
            if match:
                return _fill(after, match.groupdict())
        return None


def _fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _pattern(template: str) -> re.Pattern[str]:
    parts, seen, last = [], set(), 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : m.start()]))
        name = m.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        last = m.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


def _swaps(old: str, new: str) -> _Swaps:
    return _Swaps(old, new)


def retranslate_open_windows(old: str, new: str) -> None:
    """Swap every word the open windows show in ``old`` for the same word in ``new``: labels,
    buttons, menus and actions, titles, tabs, tooltips, placeholders, combo items, table and
    tree headers. Texts composed with values are redrawn by their owners (``on_language_change``)."""
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
        QTreeWidget,
        QWidget,
    )

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    table = _swaps(old, new)

    def swap(text: str, setter: Callable[[str], None]) -> None:
        found = table.lookup(text)
        if found is not None:
            setter(found)

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
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for i in range(widget.columnCount()):
                swap(header.text(i), partial(header.setText, i))
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()  # models word their headers when asked: ask again
            last = max(model.columnCount(QModelIndex()) - 1, 0)
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)
        for action in QWidget.actions(widget):  # (the main window has its own "actions")
            swap(action.text(), action.setText)
            swap(action.toolTip(), action.setToolTip)
