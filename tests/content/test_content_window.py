"""The window shows offers, information pages and events as tabs a new user finds: the page
tree three levels deep, the events of a period with a moved date marked."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def window(qtbot, demo_db):
    from desktop.context import AppContext
    from ui.main_window import MainWindow

    win = MainWindow(AppContext(db=demo_db, user="tester"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.list_loaded, timeout=20000)
    return win


def test_tabs_for_offers_pages_and_events(qtbot, window, tmp_path):
    tabs = window.content_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Angebote",
        "Informationsseiten",
        "Veranstaltungen",
    ]
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: tabs.pages.loaded, timeout=20000)
    tree = tabs.pages.tree
    titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert titles[0] == "Willkommen in der StädteRegion"
    ankommen = tree.topLevelItem(0).child(0)
    assert ankommen.text(0) == "Ankommen" and ankommen.child(0).text(0) == "Anmeldung beim Bürgerbüro"
    assert "Englisch (en): veraltet" in ankommen.child(0).toolTip(2)  # a coloured square each
    window.grab().save(str(tmp_path / "pages.png"))
    tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: tabs.events.loaded, timeout=20000)
    events = tabs.events
    assert events.period_range(date(2026, 12, 23)) == (date(2026, 12, 23), date(2027, 1, 23))
    events.period.setCurrentIndex(1)
    assert events.period_range(date(2026, 12, 23)) == (date(2026, 12, 21), date(2026, 12, 27))
    qtbot.waitUntil(lambda: events.table.rowCount() > 0, timeout=20000)
    window.grab().save(str(tmp_path / "events.png"))
