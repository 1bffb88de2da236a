"""Operations: every change to the data runs off the GUI thread and is announced when done.

The idea is Anki's ``CollectionOp``/``OpChanges``, without its global main window: the main
window owns one :class:`Operations` (a task runner for writes and one :class:`ChangeNotifier`)
and passes it down like the application context. A view runs a change with::

    operations.run(_("Checked"), lambda: mark_checked(db, 7, "ar", author=user), origin=self,
                   on_done=...)

The work runs in a worker thread, writes one after another in the order they were asked for
(an undo never overtakes the change it takes back); a progress dialog appears only when it
takes longer than half a second. When it is done, the record of what it changed
(:class:`desktop.changes.Changes`, collected from the committed transactions) is announced on
``notifier.changed``; the list, the editor, the languages panel and the review screens
subscribe and skip the changes they started themselves (``changes.origin is self``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.changes import NOTHING, Changes, recording
from desktop.context import AppContext
from desktop.errors import error_message
from desktop.tasks import Cancelled, CancelToken, Progress

from .i18n import language
from .task_runner import TaskRunner

Work = Callable[[], Any]
LongWork = Callable[[Progress, CancelToken], Any]


class ChangeNotifier(QObject):
    """One per main window: tells every view what an operation changed."""

    changed = Signal(object)  # desktop.changes.Changes, with its origin

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


class Operations(QObject):
    """Runs changes off the GUI thread, in order, and announces what they changed."""

    busy_changed = Signal(bool)  # a change is running (undo actions wait for it)

    def __init__(
        self,
        context: AppContext,
        parent: QObject | None = None,
        *,
        tasks: TaskRunner | None = None,
        notifier: ChangeNotifier | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.notifier = notifier or ChangeNotifier(self)
        self.writes = TaskRunner(self, max_threads=1)  # one after another: order is meaning
        self.tasks = tasks or TaskRunner(self)  # work that need not wait its turn (fetching)
        self._running = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run(
        self,
        title: str,
        work: Work,
        *,
        origin: Any = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
    ) -> CancelToken:
        """A short change (a save, a decision): ``work()`` returns as the desktop function does."""
        return self.run_long(
            title,
            lambda _progress, _token: work(),
            origin=origin,
            on_done=on_done,
            on_error=on_error,
            parent=parent,
            cancellable=False,
        )

    def run_long(
        self,
        title: str,
        work: LongWork,
        *,
        origin: Any = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        cancellable: bool = True,
        ordered: bool = True,
        dialog: bool = True,
    ) -> CancelToken:
        """Long work with progress and Cancel; ``ordered=False`` for work that must not hold up
        the changes behind it (fetching a back-translation)."""
        partial: list[Changes] = [NOTHING]

        def job(progress: Progress, token: CancelToken) -> Any:
            with recording() as recorder:
                try:
                    result = work(progress, token)
                finally:
                    partial[0] = recorder.changes  # what committed, also when it failed half-way
            return result

        def settle() -> None:
            self._running -= 1
            self.busy_changed.emit(self.busy)
            self.notifier.announce(partial[0].started_by(origin))

        def done(result: Any) -> None:
            settle()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            settle()
            (on_error or (lambda e: self.show_error(e, parent)))(exc)

        def cancelled() -> None:
            settle()
            if on_cancel is not None:
                on_cancel()

        self._running += 1
        self.busy_changed.emit(True)
        runner = self.writes if ordered else self.tasks
        return runner.run(
            title,
            job,
            on_done=done,
            on_error=failed,
            on_cancel=cancelled,
            parent=parent,
            cancellable=cancellable,
            dialog=dialog,
        )

    def run_and_wait(
        self, title: str, work: Work, *, origin: Any = None, parent: QWidget | None = None
    ) -> Any:
        """For the few places that must know the outcome before going on (closing with unsaved
        changes): the work still runs off the GUI thread, which keeps painting meanwhile.
        Returns the result or raises the error."""
        loop = QEventLoop()
        outcome: dict[str, Any] = {}

        def finish(key: str, value: Any) -> None:
            outcome[key] = value
            loop.quit()

        self.run(
            title,
            work,
            origin=origin,
            on_done=lambda result: finish("result", result),
            on_error=lambda exc: finish("error", exc),
            parent=parent,
        )
        if not outcome:
            loop.exec()
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("result")

    def wait(self, msecs: int = -1) -> bool:
        return self.writes.wait(msecs) and self.tasks.wait(msecs)

    @staticmethod
    def show_error(exc: BaseException, parent: QWidget | None) -> None:
        if isinstance(exc, Cancelled):
            return
        QMessageBox.warning(parent, "Lotse", error_message(exc, language()))


def operations_for(context: AppContext, parent: QObject | None = None) -> Operations:
    """A screen opened on its own (in a test, a script) makes its own operations."""
    return Operations(context, parent)
