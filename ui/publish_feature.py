"""The publish feature: "Publish → App package for Integreat …"."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from .i18n import _


def install(window) -> None:

    def open_dialog() -> None:
        from .publish_dialog import PublishDialog  # the publishing code loads on first use, not at start

        window._publish_dialog = PublishDialog(window.context, window.tasks, parent=window)
        window._publish_dialog.show()

    action = QAction(_("App package for Integreat …"), window)
    action.setShortcut(QKeySequence("Ctrl+Shift+P"))
    action.triggered.connect(open_dialog)
    window.menu("publish").addAction(action)
