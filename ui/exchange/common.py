"""Small helpers the exchange dialogs share: errors, background work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import LotseError

from ..i18n import _
from ..operations import LongWork, Operations
from ..task_runner import TaskRunner


def show_error(parent: QWidget, exc: BaseException) -> None:
    if isinstance(exc, LotseError):
        text = exc.message()
    else:
        text = _("Unexpected error: {error}: {detail}").format(error=type(exc).__name__, detail=exc)
    box = QMessageBox(QMessageBox.Icon.Warning, "Lotse", text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("exchange_error")
    box.open()


def show_info(parent: QWidget, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, "Lotse", text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("exchange_info")
    box.open()
    return box


def run_task(
    parent: QWidget,
    tasks: TaskRunner,
    title: str,
    function: LongWork,
    on_done: Callable[[Any], object],
    ui: object = None,
    on_failed: Callable[[], None] | None = None,
) -> None:
    """Run ``function(progress, token)`` through the window's task runner; errors end in a message."""

    def failed(exc: BaseException) -> None:
        if on_failed:
            on_failed()
        show_error(parent, exc)

    tasks.run(title, function, on_done=on_done, on_error=failed, on_cancel=on_failed, parent=parent)


def run_change(
    parent: QWidget,
    operations: Operations,
    title: str,
    function: LongWork,
    on_done: Callable[[Any], None],
    on_failed: Callable[[], None] | None = None,
) -> None:
    """A change a dialog makes (an import, a reply applied): an operation, off the GUI thread and
    in order with the others; what it changed is announced to every view (the list follows
    without a reload). Errors end in a message."""

    def failed(exc: BaseException) -> None:
        if on_failed:
            on_failed()
        show_error(parent, exc)

    operations.run_long(
        title, function, origin=parent, on_done=on_done, on_error=failed, on_cancel=on_failed, parent=parent
    )
