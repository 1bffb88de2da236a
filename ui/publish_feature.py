"""The publish feature: "Publish → App package for Integreat …"."""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


def install(window) -> None:
    from .publish_dialog import PublishDialog

    ui = window.context.ui_language

    def open_dialog() -> None:
        window._publish_dialog = PublishDialog(window.context, window.tasks, parent=window)
        window._publish_dialog.show()

    action = QAction("App package for Integreat …" if ui == "en" else "App-Paket für Integreat …", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+P"))
    action.triggered.connect(open_dialog)
    window.menu("publish").addAction(action)
