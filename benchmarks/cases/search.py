"""Search as you type in the real offer list: the time from a keystroke until the filtered
list has been laid out and painted, per keystroke, against one frame (16 ms)."""
from __future__ import annotations

import time

from ..harness import Result, Stats, ms

WHAT = "search as you type, per keystroke"
FRAME_MS = 16.0
QUERIES = ["beratung", "aachen frauen", "kinder 12", "stolberg", "xyz"]


def missing() -> str | None:
    return None


def _search_field(window):
    from PySide6.QtWidgets import QLineEdit

    field = getattr(window, "search", None)
    if isinstance(field, QLineEdit):
        return field
    fields = window.findChildren(QLineEdit)
    return fields[0] if fields else None


def _wait_for_search_index(window, app, timeout: float = 600) -> None:
    """The window builds its search index in the background after the first paint; wait for it."""
    deadline = time.monotonic() + timeout
    while getattr(window, "_index_building", False) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def _debounce_skipper(window):
    """The list waits for a pause in typing before it filters (a debounce timer); the benchmark
    measures the filtering each keystroke would cost, so it fires the timer at once."""
    panel = getattr(window, "list_panel", None)
    timer = getattr(panel, "_search_timer", None)
    if timer is None:
        return lambda: None

    def apply_now() -> None:
        if timer.isActive():
            timer.stop()
            panel._apply_search()
    return apply_now


def run(bench) -> list[Result]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext
    from desktop.db import open_database
    from ui.main_window import MainWindow

    region = bench.region
    app = QApplication.instance() or QApplication([])
    db = open_database(region.url)
    window = MainWindow(AppContext(db=db, user="bench"))
    window.show()
    app.processEvents()
    _wait_for_search_index(window, app)
    field = _search_field(window)
    apply_now = _debounce_skipper(window)
    samples: list[float] = []
    repeats = max(1, bench.runs["fast"] // 10)
    try:
        for _ in range(repeats):
            for query in QUERIES:
                for char in query:
                    started = time.perf_counter()
                    QTest.keyClick(field, char)
                    apply_now()
                    app.processEvents()
                    samples.append(time.perf_counter() - started)
                for _char in query:  # deleting is typing too
                    started = time.perf_counter()
                    QTest.keyClick(field, Qt.Key.Key_Backspace)
                    apply_now()
                    app.processEvents()
                    samples.append(time.perf_counter() - started)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        db.dispose()
    stats = Stats.of(ms(samples))
    return [
        Result("search", f"{WHAT}, median ({region.offers} offers)", "ms", stats, "one frame: 16 ms", budget=FRAME_MS,
               notes="the list filters after a 120 ms pause in typing; measured is the filtering and repaint one keystroke costs"),
        Result("search", f"{WHAT}, p95 ({region.offers} offers)", "ms", stats, "one frame: 16 ms", budget=FRAME_MS,
               use_p95=True),
    ]
