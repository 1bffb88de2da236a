"""Search as you type in the real offer list: the time from a keystroke until the filtered
list has been laid out and painted, per keystroke, against one frame (16 ms). And the search
index on its own: its build time and size against the index before (every offer's full text
folded into one string)."""

from __future__ import annotations

import sys
import time
from array import array

from ..harness import Result, Stats, alternate, ms

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
    """The window reads the list and builds its search index in the background after the first
    paint; wait for both (``search_ready``; a window from before it only has ``_index_building``)."""
    deadline = time.monotonic() + timeout

    def waiting() -> bool:
        if hasattr(window, "search_ready"):
            return not window.search_ready
        return getattr(window, "_index_building", False)

    while waiting() and time.monotonic() < deadline:
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
    return _index_results(bench) + [
        Result(
            "search",
            f"{WHAT}, median ({region.offers} offers)",
            "ms",
            stats,
            "one frame: 16 ms",
            budget=FRAME_MS,
            notes="the list filters on every keystroke; measured is the filtering and repaint "
            "one keystroke costs",
        ),
        Result(
            "search",
            f"{WHAT}, p95 ({region.offers} offers)",
            "ms",
            stats,
            "one frame: 16 ms",
            budget=FRAME_MS,
            use_p95=True,
        ),
    ]


def deep_size(root) -> int:
    """Bytes held by an object and everything it refers to (each object counted once)."""
    seen: set[int] = set()
    total, stack = 0, [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif hasattr(obj, "__dict__") and not isinstance(obj, (str, int, array)):
            stack.append(vars(obj))
    return total


def _index_results(bench) -> list[Result]:
    from desktop.db import open_database
    from desktop.offer_search import build_search_index, collect_search_texts, fold

    region = bench.region
    db = open_database(region.url)
    built: dict[str, object] = {}

    def ours() -> float:
        started = time.perf_counter()
        built["ours"] = build_search_index(db)
        return time.perf_counter() - started

    def folded_texts() -> float:
        started = time.perf_counter()
        built["before"] = {offer_id: fold(text) for offer_id, text in collect_search_texts(db).items()}
        return time.perf_counter() - started

    try:
        mine, before = alternate(ours, folded_texts, bench.runs["slow"], warmup=0)
    finally:
        db.dispose()
    size = [deep_size(built["ours"]) / 2**20]
    size_before = [deep_size(built["before"]) / 2**20]
    sizes = f"{region.offers} offers × {len(region.languages)} languages"
    return [
        Result(
            "search",
            f"build the search index ({sizes})",
            "s",
            Stats.of(mine),
            "reading and folding every offer's full text (the index before)",
            Stats.of(before),
        ),
        Result(
            "search",
            f"size of the search index ({sizes})",
            "MiB",
            Stats.of(size),
            "every offer's folded full text (the index before)",
            Stats.of(size_before),
            notes="sys.getsizeof over everything the index holds; the index keeps each distinct token once",
        ),
    ]
