"""Runs long work off the GUI thread, with a progress dialog after half a second and Cancel.

Usage::

    runner.run(title, lambda progress, token: publish(db, ..., progress=progress, token=token),
               on_done=show_result, on_error=show_error)

The function gets a progress callback and a cancel token (desktop.tasks); its
result or exception comes back on the GUI thread.
"""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from desktop.errors import LotseError
from desktop.tasks import Cancelled, CancelToken, TaskFunction

from .i18n import _

SHOW_AFTER_MS = 500
# While a worker runs Python, the GUI thread needs the GIL for every call from Qt into
# Python (a model's data(), an event filter, a slot). By default a running thread keeps the
# GIL up to 5 ms before it must hand it over, and the window stutters while, say, the search
# index is built. Handing over after 0.5 ms keeps it responsive; the interval only applies
# while another thread is waiting, so a worker left alone runs as fast as before.
GUI_SWITCH_INTERVAL_S = 0.0005


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, function: TaskFunction, token: CancelToken):
        super().__init__()
        self.setAutoDelete(False)  # the runner keeps it until its signals are delivered
        self.function = function
        self.token = token
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.function(
                lambda d, t, m="": self._emit(self.signals.progress, int(d), int(t), str(m)), self.token
            )
        except Cancelled:
            self._emit(self.signals.cancelled)
        except LotseError as exc:
            self._emit(self.signals.failed, exc)
        except Exception as exc:  # noqa: BLE001 - reported to the user, with the details kept
            exc.lotse_traceback = traceback.format_exc()
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.finished, result)

    def _emit(self, signal, *args) -> None:
        """Tell the GUI thread, unless the program is closing and the receiver is gone: a
        worker emitting into a deleted object at exit raised (or, with the view showing the
        list model directly, crashed the interpreter's shutdown)."""
        if not isValid(self.signals):
            return
        try:
            signal.emit(*args)
        except RuntimeError:  # deleted between the check and the emit: nobody to tell
            pass


class TaskRunner(QObject):
    """One place for all background work; tells the window when it is busy."""

    busy_changed = Signal(bool, str)

    def __init__(self, parent: QObject | None = None, max_threads: int = 2):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        if sys.getswitchinterval() > GUI_SWITCH_INTERVAL_S:
            sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
        self._running: dict[_Job, str] = {}  # each running job and its title
        app = QCoreApplication.instance()
        if app is not None:  # the program quits: no worker may outlive the objects it reports to
            app.aboutToQuit.connect(self.shutdown)

    def shutdown(self, msecs: int = 5000) -> None:
        """Cancel every running job and wait for the workers (at exit)."""
        for job in list(self._running):
            job.token.cancel()
        self.pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        title: str,
        function: TaskFunction,
        *,
        on_done=None,
        on_error=None,
        on_cancel=None,
        parent: QWidget | None = None,
        cancellable: bool = True,
        dialog: bool = True,
    ) -> CancelToken:
        """``dialog=False``: work the user need not wait for (loading the list) shows only in the
        status bar, never as a progress dialog."""
        token = CancelToken()
        job = _Job(function, token)
        if not dialog:
            return self._run_quietly(title, job, token, on_done, on_error, on_cancel)
        dialog = QProgressDialog(title, _("Cancel") if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal if parent else Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(token.cancel)

        def on_progress(done: int, total: int, message: str) -> None:
            if not isValid(self):
                return
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)
            if message:
                dialog.setLabelText(f"{title}\n{message}")
            self.busy_changed.emit(True, f"{title}: {done}/{total}" if total else title)

        def finish(callback, *args) -> None:
            if not isValid(self):
                return  # the window went (closed in a test) while the work ran: nobody to tell
            dialog.canceled.disconnect(token.cancel)
            dialog.close()
            dialog.deleteLater()
            self._finished(job, callback, *args)

        job.signals.progress.connect(on_progress)
        self._start(title, job, on_done, on_error, on_cancel, finish)
        return token

    def _run_quietly(
        self, title: str, job: _Job, token: CancelToken, on_done, on_error, on_cancel
    ) -> CancelToken:
        job.signals.progress.connect(
            lambda done, total, _m: (
                isValid(self) and self.busy_changed.emit(True, f"{title}: {done}/{total}" if total else title)
            )
        )
        self._start(
            title,
            job,
            on_done,
            on_error,
            on_cancel,
            lambda callback, *args: self._finished(job, callback, *args),
        )
        return token

    def _start(self, title: str, job: _Job, on_done, on_error, on_cancel, finish) -> None:
        job.signals.finished.connect(lambda result: finish(on_done, result))
        job.signals.failed.connect(lambda exc: finish(on_error, exc))
        job.signals.cancelled.connect(lambda: finish(on_cancel))
        self._running[job] = title
        self.busy_changed.emit(True, title)
        self.pool.start(job)

    def _finished(self, job: _Job, callback, *args) -> None:
        self._running.pop(job, None)
        if not isValid(self):
            return
        # The status bar goes on naming work that still runs.
        self.busy_changed.emit(self.busy, next(iter(self._running.values()), ""))
        if callback:
            callback(*args)

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
