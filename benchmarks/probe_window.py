"""Run in a fresh process: open a window, print one JSON line per milestone reached, then quit.

``python -m benchmarks.probe_window lotse DB [--until painted|listed|indexed]`` starts the
real program (``lotse --db DB``, the same code path as the ``lotse`` command); ``... bare``
shows a bare QMainWindow with an empty table, the baseline. Milestones, in order:

- ``painted``: the first paint of the main window (the line carries ``painted_at``);
- ``listed``: the offer list holds every row and has painted them (usable): in the main
  window, or in the shell that shows the list while the main window is built (ui/app.py);
- ``indexed``: the search index is built as well: the steady state a user works in.

Each line carries the time (``at``) and the peak resident memory so far (``maxrss_kb``). The
parent measures the wall time from spawning this process to each milestone. The bare window
has nothing to load: all its milestones are its first paint.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

from PySide6.QtCore import QEvent, QObject, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

MILESTONES = ("painted", "listed", "indexed")
POLL_MS = 5


def peak_rss_kb() -> int:
    """The peak resident memory of this program image (VmHWM). Not ru_maxrss: Linux carries that
    over from the parent across fork and exec, so a probe started by a big process looked big."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _main_window() -> QMainWindow | None:
    """The main window; not the shell painted before it exists (ui/shell.py), whose paint is
    the first paint but which has no list to fill."""
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMainWindow) and w.objectName() != "lotse_shell"
        ),
        None,
    )


def _shell_with_list() -> QMainWindow | None:
    """The shell once it shows the filled offer list (read before the data layer is loaded)."""
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMainWindow)
            and w.objectName() == "lotse_shell"
            and getattr(w, "list_panel", None) is not None
        ),
        None,
    )


def _list_filled(window) -> bool:
    """Every row is in the list (a window that loads its list before showing always is)."""
    if not hasattr(window, "list_panel"):
        return True
    return bool(getattr(window, "list_loaded", True)) and window.model.total() > 0


def _index_built(window) -> bool:
    """The search index is built (``search_ready``). The main window holds its index in
    ``window.feed`` since ui/offer_list_feed.py; a check for ``window.search_index`` alone
    passed at once from then on, and the memory line read the peak before the index existed."""
    if hasattr(window, "search_ready"):
        return bool(window.search_ready)
    if not hasattr(window, "search_index"):
        return True  # a window without search
    return not window._index_building and len(window.search_index) > 0  # a window from before search_ready


class _Milestones(QObject):
    """Watches paints; reports each milestone once, after the paint pass that shows it."""

    def __init__(self, app: QApplication, until: str):
        super().__init__()
        self.app = app
        self.last = MILESTONES.index(until)
        self.reached = -1
        self.pending = False  # a milestone is seen and waits to be reported
        self.waiting_for_paint: object | None = None  # the widget whose next paint completes a milestone
        self.poll = QTimer()
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._check)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt naming)
        if event.type() != QEvent.Type.Paint or self.pending:
            return False
        if self.reached < 0 and hasattr(obj, "window") and isinstance(obj.window(), QMainWindow):
            self._report_after_paint("painted")
        elif self.waiting_for_paint is not None and obj is self.waiting_for_paint:
            self.waiting_for_paint = None
            self._report_after_paint("listed")
        elif self.reached == 0 and self.waiting_for_paint is None and self._paints_filled_list(obj):
            # the filled list paints while the program has not returned to its event loop yet
            # (the shell's list before the long imports): the poll below would see it only later
            self._report_after_paint("listed")
        return False

    @staticmethod
    def _paints_filled_list(obj) -> bool:
        window = _main_window() or _shell_with_list()
        table = getattr(window, "table", None)
        return table is not None and obj is table.viewport() and _list_filled(window)

    def _report_after_paint(self, milestone: str) -> None:
        self.pending = True
        QTimer.singleShot(0, lambda: self._report(milestone))

    def _report(self, milestone: str) -> None:
        now = time.time()
        self.pending = False
        self.reached = MILESTONES.index(milestone)
        line = {"milestone": milestone, "at": now, "maxrss_kb": peak_rss_kb()}
        if milestone == "painted":
            line["painted_at"] = now
        print(json.dumps(line), flush=True)
        if self.reached >= self.last:
            self.poll.stop()
            if QThread.currentThread().loopLevel() == 0:
                # reached before the event loop runs (the shell paints while the program is
                # still importing): quit() would be lost, and the milestone is already out
                sys.stdout.flush()
                os._exit(0)
            self.app.quit()
        elif not self.poll.isActive():
            self.poll.start()
            self._check()

    def _check(self) -> None:
        window = _main_window()
        if self.reached == 0 and window is None:
            window = _shell_with_list()
        if window is None or self.pending or self.waiting_for_paint is not None:
            return
        if self.reached == 0 and _list_filled(window):
            table = getattr(window, "table", None)
            if table is None:
                self._report("listed")
            else:
                self.waiting_for_paint = table.viewport()
                table.viewport().update()
        elif self.reached == 1 and _index_built(window):
            self._report("indexed")


def main(argv: list[str]) -> int:
    until = "painted"
    if "--until" in argv:
        at = argv.index("--until")
        until = argv[at + 1]
        argv = argv[:at] + argv[at + 2 :]
    kind = argv[0]
    app = QApplication(sys.argv[:1])
    watcher = _Milestones(app, until)
    app.installEventFilter(watcher)
    if kind == "bare":
        from PySide6.QtGui import QStandardItemModel
        from PySide6.QtWidgets import QTableView

        window = QMainWindow()
        table = QTableView()
        table.setModel(QStandardItemModel(0, 11))
        window.setCentralWidget(table)
        window.resize(1200, 750)
        window.show()
        return app.exec()
    from main import main as lotse_main  # the program's own entry point: window or command line

    return lotse_main(["--db", argv[1]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
