"""The publish feature: "Publish → App package for Integreat …"."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from .features import Dialogs, FeatureHost
from .i18n import _

NAME = "publish"


def install(window: FeatureHost, dialogs: Dialogs) -> None:
    def open_dialog() -> None:
        from .publish_dialog import PublishDialog  # the publishing code loads on first use, not at start

        dialogs.keep("publish", PublishDialog(window.context, window.tasks, parent=window)).show()

    action = QAction(_("App package for Integreat …"), window)
    action.setObjectName("action_publish_package")
    action.setShortcut(QKeySequence("Ctrl+Shift+P"))
    action.triggered.connect(open_dialog)
    window.menu("publish").addAction(action)

    def open_link() -> None:
        from .cms_link_dialog import CmsLinkDialog

        dialogs.keep("cms-link", CmsLinkDialog(window.context, window.operations, parent=window)).show()

    link = QAction(_("Connect with an Integreat CMS region …"), window)
    link.triggered.connect(open_link)
    window.menu("publish").addAction(link)
