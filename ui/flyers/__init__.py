"""Flyers and brochures in the window: preview (QtPdf), page size, language, layout,
print through the system's dialog, save as PDF. Rendering runs in the background."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from ..features import Dialogs, FeatureHost
from ..i18n import _

NAME = "flyers"


def install(window: FeatureHost, dialogs: Dialogs) -> None:
    def flyer() -> None:
        from .preview_dialog import PreviewDialog  # fpdf and the fonts load on first use, not at start

        ids = window.selected_offer_ids()
        if not ids:
            QMessageBox.information(
                window,
                "Flyer",
                _("Select an offer first."),
            )
            return
        dialogs.keep(
            "flyer", PreviewDialog(window.context, window.tasks, offer_id=ids[0], parent=window)
        ).show()

    def brochure() -> None:
        from .preview_dialog import PreviewDialog

        dialogs.keep(
            "brochure", PreviewDialog(window.context, window.tasks, offer_id=None, parent=window)
        ).show()

    def calendar() -> None:
        from .preview_dialog import PreviewDialog

        dialogs.keep(
            "calendar",
            PreviewDialog(window.context, window.tasks, offer_id=None, calendar=True, parent=window),
        ).show()

    def event_flyer() -> None:
        from desktop.event_print import events_among

        from .preview_dialog import PreviewDialog

        events = events_among(window.context.db, window.selected_item_ids())
        if not events:
            QMessageBox.information(window, _("Event flyer"), _("Open an event on the events tab first."))
            return
        dialogs.keep(
            "event_flyer",
            PreviewDialog(window.context, window.tasks, offer_id=None, event_id=events[0], parent=window),
        ).show()

    menu = window.menu("publish")
    flyer_action = QAction(_("Flyer for the selected offer …"), window)
    flyer_action.setObjectName("action_flyer")
    flyer_action.setShortcut(QKeySequence("Ctrl+Alt+P"))
    flyer_action.triggered.connect(flyer)
    menu.addAction(flyer_action)
    brochure_action = QAction(_("Brochure (guide) …"), window)
    brochure_action.setObjectName("action_brochure")
    brochure_action.triggered.connect(brochure)
    menu.addAction(brochure_action)
    calendar_action = QAction(_("Events calendar …"), window)
    calendar_action.setObjectName("action_calendar")
    calendar_action.triggered.connect(calendar)
    menu.addAction(calendar_action)
    event_action = QAction(_("Flyer for the open event …"), window)
    event_action.setObjectName("action_event_flyer")
    event_action.triggered.connect(event_flyer)
    menu.addAction(event_action)
