"""Run in a fresh process: open a window, and at its first paint print one JSON line and quit.

``python -m benchmarks.probe_window lotse DB`` starts the real program (``lotse --db DB``,
the same code path as the ``lotse`` command); ``... bare`` shows a bare QMainWindow with
an empty table, the baseline. The parent measures the wall time from spawning this
process to reading the line; the line carries the peak resident memory (ru_maxrss).
"""
from __future__ import annotations

import json
import resource
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


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


class _FirstPaint(QObject):
    """On the first paint of a main window (or a widget in it), report once the paint pass is over."""

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, obj, event):  # noqa: N802 (Qt naming)
        if not self.done and event.type() == QEvent.Type.Paint and hasattr(obj, "window") \
                and isinstance(obj.window(), QMainWindow):
            self.done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(json.dumps({"painted_at": time.time(), "maxrss_kb": peak_rss_kb()}), flush=True)
        self.app.quit()


def main(argv: list[str]) -> int:
    kind = argv[0]
    app = QApplication(sys.argv[:1])
    watcher = _FirstPaint(app)
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
    from desktop.cli import main as lotse_main

    return lotse_main(["--db", argv[1]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
