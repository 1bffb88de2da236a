"""Run something once a widget has painted: background work that would compete with the
paint for Python's GIL (loading the list, building the search index) starts after it.

A worker thread running Python code holds the GIL for up to 5 ms at a time; every call the
paint makes into Python (the model's data(), the header) then waits for it. Started after
the paint, the work costs the user nothing they can see.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A shown widget that is not painted (covered, minimised) must not hold the work back forever.
FALLBACK_MS = 1000


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int):
        super().__init__(widget)
        self.widget = widget
        self.callback = callback
        self.done = False
        self.fallback_ms = fallback_ms
        widget.installEventFilter(self)
        QTimer.singleShot(0, self, self._unless_shown)

    def _unless_shown(self) -> None:
        if not self.widget.isVisible():
            self._run()
        elif not self.done:
            QTimer.singleShot(self.fallback_ms, self, self._run)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt naming)
        if obj is self.widget and event.type() == QEvent.Type.Paint and not self.done:
            QTimer.singleShot(0, self, self._run)  # after this paint pass is over
        return False

    def _run(self) -> None:
        if self.done:
            return
        self.done = True
        self.widget.removeEventFilter(self)
        self.deleteLater()
        self.callback()


def after_next_paint(widget: QWidget, callback: Callable[[], None], fallback_ms: int = FALLBACK_MS) -> None:
    """Call ``callback`` on the GUI thread after the widget's next paint. A widget that is still
    hidden at the next turn of the event loop (a window built and not shown, as in tests) does
    not wait. May be called before the window is shown: no paint is missed."""
    _AfterPaint(widget, callback, fallback_ms)
