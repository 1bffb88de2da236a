"""The events tab's month: every date of the month on its day (a moved date on its new day, a
cancelled one absent, as the dates list and the calendar PDF have them), the weeks Monday first,
turning the month, the filters applied, and a click on a date opens its event."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from desktop.content import list_occurrences
from tests.editor.helpers import open_window
from ui.month_grid import grid_days, next_month


def test_grid_days_start_on_a_monday_and_cover_the_month():
    days = grid_days(date(2026, 12, 1))
    assert days[0] == date(2026, 11, 30) and days[0].weekday() == 0 and len(days) == 42
    assert date(2026, 12, 31) in days
    assert next_month(date(2026, 12, 1)) == date(2027, 1, 1)
    assert next_month(date(2027, 1, 1), -1) == date(2026, 12, 1)


def test_the_month_shows_each_date_on_its_day_and_opens_its_event(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    events = window.content_tabs.events
    window.content_tabs.setCurrentWidget(events)
    qtbot.waitUntil(lambda: events.loaded, timeout=20000)
    events.month = date(2026, 12, 1)
    events.loaded = False
    events.period.setCurrentIndex(events.period.findData("month"))
    qtbot.waitUntil(lambda: events.loaded and events.views.currentWidget() is events.grid, timeout=20000)
    assert events.month_row.isVisible() and events.month_title.text() == "Dezember 2026"
    assert [h.text() for h in events.grid.headings][:2] == ["Mo.", "Di."]
    days = grid_days(date(2026, 12, 1))
    expected = list_occurrences(demo_db, days[0], days[-1])
    assert expected and any(o.moved for o in expected)
    for day in days:
        cell = events.grid.cell_of(day)
        shown = [cell.entries.item(i).data(Qt.ItemDataRole.UserRole) for i in range(cell.entries.count())]
        wanted = [o.event_id for o in sorted(expected, key=lambda o: o.start) if o.start.date() == day]
        assert shown == wanted, day
    moved = next(o for o in expected if o.moved)
    cell = events.grid.cell_of(moved.start.date())
    assert any(moved.title in cell.entries.item(i).text() for i in range(cell.entries.count()))

    events.search.setText(moved.title)  # the filters apply to the month as to the list
    titles = {
        c.entries.item(i).toolTip().split("\n")[0]
        for c in events.grid.cells
        for i in range(c.entries.count())
    }
    assert titles and all(moved.title in t for t in titles)
    cell = events.grid.cell_of(moved.start.date())
    entry = next(cell.entries.item(i) for i in range(cell.entries.count()))
    rect = cell.entries.visualItemRect(entry)
    qtbot.mouseClick(cell.entries.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: events.editor.offer is not None and events.editor.offer.id == moved.event_id)

    events.loaded = False
    qtbot.mouseClick(events.month_row.findChild(QToolButton, "event_month_on"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: events.loaded, timeout=20000)
    assert events.month == date(2027, 1, 1) and events.month_title.text() == "Januar 2027"
