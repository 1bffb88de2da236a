"""Starting the desktop program: QApplication, settings, interface language, context, window."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.context import open_context
from desktop.errors import LotseError

from .i18n import set_language
from .settings_store import SettingsStore


def run(db: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lotse")
    app.setOrganizationName("Lotse")
    settings = SettingsStore()
    ui_language = settings.get("ui_language")
    set_language(ui_language)
    try:
        context = open_context(db or settings.get("database") or None, ui_language=ui_language)
    except LotseError as exc:
        QMessageBox.critical(None, "Lotse", exc.message(ui_language))
        return 1
    from .main_window import MainWindow

    window = MainWindow(context, settings)
    window.show()
    try:
        return app.exec()
    finally:
        context.close()
