"""Opening an offer: loading it with all its texts (the editor's load once it exists)."""

from __future__ import annotations

import random
import time

from ..harness import Result, Stats, alternate, ms, timed

WHAT = "open an offer"
BUDGET_MS = 50.0


def missing() -> str | None:
    return None


def _editor_load(bench, region, rng) -> list[float]:
    """Open offers in the real editor of the main window: load from the database and show every field."""
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext
    from desktop.db import open_database
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    db = open_database(region.url)
    window = MainWindow(AppContext(db=db, user="bench"))
    window.show()
    app.processEvents()

    def one() -> float:
        offer_id = rng.randint(1, region.offers)
        started = time.perf_counter()
        window.open_offer(offer_id)
        app.processEvents()
        return time.perf_counter() - started

    try:
        samples, _ = alternate(one, None, bench.runs["fast"])
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        db.dispose()
    return samples


def run(bench) -> list[Result]:
    from desktop.db import open_database
    from desktop.offers import get_offer

    region = bench.region
    db = open_database(region.url)
    rng = random.Random(3)
    try:
        ours, _ = alternate(
            lambda: timed(lambda: get_offer(db, rng.randint(1, region.offers))), None, bench.runs["fast"] * 2
        )
    finally:
        db.dispose()
    results = [
        Result(
            "open_offer",
            f"{WHAT}: get_offer with {len(region.languages)} texts",
            "ms",
            Stats.of(ms(ours)),
            "budget 50 ms",
            budget=BUDGET_MS,
        )
    ]
    try:
        from ui.main_window import MainWindow
    except ImportError:
        return results
    if hasattr(MainWindow, "open_offer"):
        results.append(
            Result(
                "open_offer",
                f"{WHAT} in the editor ({len(region.languages)} languages)",
                "ms",
                Stats.of(ms(_editor_load(bench, region, rng))),
                "budget 50 ms",
                budget=BUDGET_MS,
            )
        )
    return results
