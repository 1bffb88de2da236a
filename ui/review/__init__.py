"""The review feature: the review list (with coverage) and the side-by-side review screen."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from ..features import Dialogs, FeatureHost
from ..i18n import _

NAME = "review"


def install(window: FeatureHost, dialogs: Dialogs) -> None:
    def assist():
        from desktop.translation.assist import review_assist

        return review_assist(window.context.db, author=window.context.user)

    def open_queue() -> None:
        from .queue_dialog import ReviewQueueDialog  # loaded on first use, not at start

        dialogs.keep(
            "queue", ReviewQueueDialog(window.context, assist(), parent=window, operations=window.operations)
        ).show()

    def review_selected() -> None:
        from desktop.review.queue import REVIEWABLE, review_queue

        from .review_window import ReviewWindow

        ids = set(window.selected_item_ids())
        items = [
            i for i in review_queue(window.context.db, statuses=REVIEWABLE) if not ids or i.offer_id in ids
        ]
        dialogs.keep(
            "review",
            ReviewWindow(window.context, items, 0, assist(), parent=window, operations=window.operations),
        ).show()

    menu = window.menu("review")
    queue_action = QAction(_("Review list …"), window)
    queue_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
    queue_action.triggered.connect(open_queue)
    menu.addAction(queue_action)
    selected_action = QAction(_("Review the selected offers …"), window)
    selected_action.setShortcut(QKeySequence("Ctrl+R"))
    selected_action.triggered.connect(review_selected)
    menu.addAction(selected_action)
