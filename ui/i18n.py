"""The window's side of the one language path (``models/i18n.py``): ``_("English text")`` in
the interface language, Qt's own translations (standard buttons, file dialogs) following it,
and one signal when it changes so that menus and open dialogs redraw their words.

Widgets that build their words once call ``on_language_change(self, self.retranslate)``
(or rebuild themselves); nothing needs a restart.
"""

from __future__ import annotations

from collections.abc import Callable

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
