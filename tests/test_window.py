"""The main window opens on the demo region and lists its offers."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.offers import list_offers


def test_main_window_lists_the_demo_offers_and_filters_as_you_type(qtbot, demo_db):
    from ui.main_window import MainWindow

    window = MainWindow(AppContext(db=demo_db, user="tester"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.list_loaded, timeout=20000)  # the list loads after the first paint
    total = len(
        [r for r in list_offers(demo_db) if r.state != "archived"]
    )  # the archive is filtered out at first
    assert window.proxy.rowCount() == total
    qtbot.keyClicks(window.search, "Monschau")
    qtbot.waitUntil(lambda: 0 < window.proxy.rowCount() < total)
    for row in range(window.proxy.rowCount()):
        offer = window.model.row_at(row)
        assert "monschau" in f"{offer.title} {offer.municipality} {offer.town} {offer.organization}".lower()
