"""The events tab's month: six weeks of seven days (Monday first), each day with its dates in
order ("14:00 Sprachcafé"); days of the next and the last month greyed. A click on a date opens
its event, as a row of the dates list does. Weekday and month names in the interface language
(CLDR through Babel)."""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_skeleton, get_day_names
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.content import EventOccurrence
from models.languages import babel_locale

from .i18n import _, language

WEEKS = 6
EVENT_ROLE = Qt.ItemDataRole.UserRole


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def next_month(first: date, step: int = 1) -> date:
    months = first.year * 12 + first.month - 1 + step
    return date(months // 12, months % 12 + 1, 1)


def month_span(first: date) -> tuple[date, date]:
    """The first and the last day of ``first``'s month."""
    return first, next_month(first) - timedelta(days=1)


def grid_days(first: date) -> list[date]:
    """The 42 days the grid shows: from the Monday on or before the 1st."""
    start = first - timedelta(days=first.weekday())
    return [start + timedelta(days=i) for i in range(WEEKS * 7)]


def month_title(first: date) -> str:
    """ "Dezember 2026" / "December 2026"."""
    return format_skeleton("yMMMM", first, locale=babel_locale(language()))


class DayCell(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel()
        self.entries = QListWidget()
        self.entries.setFrameShape(QFrame.Shape.NoFrame)
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries.setStyleSheet("QListWidget { background: transparent; }")
        # As narrow as the pane makes it (the dates are cut short, their tooltip is whole): a
        # list's own minimum made the month widen the pane and squeeze the languages panel.
        self.entries.setMinimumWidth(10)
        self.setMinimumWidth(30)
        column = QVBoxLayout(self)
        column.setContentsMargins(3, 2, 3, 2)
        column.setSpacing(1)
        column.addWidget(self.number)
        column.addWidget(self.entries, 1)
        self.day: date | None = None

    def show_day(self, day: date, in_month: bool, today: bool, found: list[EventOccurrence]) -> None:
        self.day = day
        self.number.setText(str(day.day))
        weight = "font-weight: 700;" if today else ""
        self.number.setStyleSheet(f"color: {'#202020' if in_month else '#a0a0a0'}; {weight}")
        self.entries.clear()
        for o in found:
            when = "" if o.all_day else f"{o.start:%H:%M} "
            item = QListWidgetItem(f"{when}{o.title}")
            item.setData(EVENT_ROLE, o.event_id)
            item.setToolTip(f"{when}{o.title}" + (f"\n{o.place}" if o.place else ""))
            if not in_month:
                item.setForeground(Qt.GlobalColor.gray)
            self.entries.addItem(item)


class MonthGrid(QWidget):
    """Six weeks of the month; ``event_chosen(id)`` when a date in it is clicked."""

    event_chosen = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2)
        self.headings = [QLabel() for _ in range(7)]
        for column, heading in enumerate(self.headings):
            heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(heading, 0, column)
        self.cells: list[DayCell] = []
        for index in range(WEEKS * 7):
            cell = DayCell()
            cell.entries.itemClicked.connect(lambda item: self.event_chosen.emit(item.data(EVENT_ROLE)))
            grid.addWidget(cell, 1 + index // 7, index % 7)
            self.cells.append(cell)
        for row in range(1, WEEKS + 1):
            grid.setRowStretch(row, 1)
        for column in range(7):
            grid.setColumnStretch(column, 1)
        self.setToolTip(_("Click a date to open its event."))

    def show_month(self, first: date, occurrences: list[EventOccurrence], today: date | None = None) -> None:
        today = today or date.today()
        names = get_day_names("abbreviated", locale=babel_locale(language()))
        for column, heading in enumerate(self.headings):
            heading.setText(names[column])
        by_day: dict[date, list[EventOccurrence]] = {}
        for o in sorted(occurrences, key=lambda o: o.start):
            by_day.setdefault(o.start.date(), []).append(o)
        for cell, day in zip(self.cells, grid_days(first), strict=True):
            cell.show_day(day, day.month == first.month, day == today, by_day.get(day, []))

    def cell_of(self, day: date) -> DayCell | None:
        return next((c for c in self.cells if c.day == day), None)
