"""Starting the desktop program: QApplication, the context, the main window."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.context import open_context
from desktop.errors import LotseError


def run(db: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lotse")
    app.setOrganizationName("Lotse")
    try:
        context = open_context(db)
    except LotseError as exc:
        QMessageBox.critical(None, "Lotse", exc.message())
        return 1
    from .main_window import MainWindow

    window = MainWindow(context)
    window.show()
    try:
        return app.exec()
    finally:
        context.close()
