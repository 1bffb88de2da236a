"""Zoom for a QPdfView: in, out and fit to width, with the usual shortcuts (Ctrl++ and
Ctrl+=, Ctrl+-, Ctrl+0) and three tool buttons. The view starts at the page width, which
is readable in a preview window; "whole page" made a flyer's small print unreadable."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from ..i18n import _

STEP = 1.25
SMALLEST, LARGEST = 0.25, 8.0


class PdfZoom:
    """Adds the zoom actions to ``owner`` (shortcuts work anywhere in its window) and
    offers ``buttons`` to place beside the view."""

    def __init__(self, view: QPdfView, owner: QWidget):
        self.view = view
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.zoom_in_action = self._action(
            owner, _("Zoom in"), [QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")], self.zoom_in
        )
        self.zoom_out_action = self._action(
            owner, _("Zoom out"), [QKeySequence.StandardKey.ZoomOut], self.zoom_out
        )
        self.fit_action = self._action(owner, _("Fit width"), [QKeySequence("Ctrl+0")], self.fit_width)

    @staticmethod
    def _action(owner: QWidget, text: str, keys: list, slot) -> QAction:
        action = QAction(text, owner)
        sequences = []
        for key in keys:
            sequences += QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [key]
        action.setShortcuts(sequences)
        action.setToolTip(f"{text} ({sequences[0].toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        owner.addAction(action)
        return action

    def buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for action, label in (
            (self.zoom_out_action, "−"),
            (self.zoom_in_action, "+"),
            (self.fit_action, "↔"),
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setText(label)
            row.addWidget(button)
        return row

    def factor(self) -> float:
        """The zoom shown now; in fit-to-width mode, what the width works out to."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        document = self.view.document()
        if document is None or document.pageCount() == 0:
            return 1.0
        page_px = document.pagePointSize(0).width() * self.view.logicalDpiX() / 72
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        return max(SMALLEST, usable / page_px) if page_px else 1.0

    def _set(self, factor: float) -> None:
        factor = min(LARGEST, max(SMALLEST, factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def zoom_in(self) -> None:
        self._set(self.factor() * STEP)

    def zoom_out(self) -> None:
        self._set(self.factor() / STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
