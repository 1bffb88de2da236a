"""The events tab: the dates of a period (upcoming, this week, past) as a list, or a month as
a grid of days (ui/month_grid.py), filtered by place, by words and by a language's status,
beside the event editor. Occurrences are read off the GUI thread and follow the
notifier; a click opens the event (the whole series) in the editor."""

from __future__ import annotations

from datetime import date, timedelta
from operator import is_
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.changes import Changes
from desktop.content import EventOccurrence, list_occurrences
from desktop.content_editing import list_places
from desktop.db import Database
from desktop.offers import list_offers

from .editor.item_editor import occurrence_text
from .editor.item_forms import EventForm
from .editor_panes import editor_panes
from .i18n import N_, _, on_language_change
from .item_languages import StatusFilter
from .month_grid import MonthGrid, first_of_month, grid_days, month_title, next_month
from .wheel_guard import ComboBox

PERIODS = ("upcoming", "week", "past", "month")
ALL_PLACES = "*"


class EventsPanel(QWidget):
    def __init__(self, window: Any) -> None:
        super().__init__()
        self.main = window
        self.loaded = False
        self.occurrences: list = []
        self._titles: list[str] = []  # the occurrences' titles folded once, for the search
        self._filled: list = []  # the occurrences the table shows
        row = QHBoxLayout()
        self.period = ComboBox()  # the wheel changes it only with the focus
        self.period.setObjectName("event_period")
        labels = (_("Next 31 days"), _("This week"), _("Past 31 days"), _("Month"))
        for key, label in zip(PERIODS, labels, strict=True):
            self.period.addItem(label, key)
        self.period.currentIndexChanged.connect(self.load)
        self.month = first_of_month(date.today())
        self.month_row = self._month_row()
        self.grid = MonthGrid()
        self.grid.setObjectName("event_month")
        self.grid.event_chosen.connect(self._event_chosen)
        self.place = ComboBox()
        self.place.setObjectName("event_place")
        self.place.addItem(_("All places"), ALL_PLACES)
        self.place.currentIndexChanged.connect(lambda _i: self._fill())
        self.search = QLineEdit()
        self.search.setObjectName("event_search")
        self.search.setPlaceholderText(_("Search events …"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._fill())
        row.addWidget(QLabel(_("Show:")))
        row.addWidget(self.period)
        row.addWidget(QLabel(_("Place:")))
        row.addWidget(self.place, 1)
        self.new_button = QPushButton(_("New event"))
        self.new_button.setObjectName("new_event")
        self.new_button.clicked.connect(self.new_event)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Title"), _("Series"), _("Venue")])
        # The date and "series" as wide as they need, title and place share the rest: every
        # column shows in the pane without scrolling sideways (the place was cut off at 1280).
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for index, mode in enumerate(("fit", "share", "fit", "share")):
            resize = QHeaderView.ResizeMode
            header.setSectionResizeMode(index, resize.ResizeToContents if mode == "fit" else resize.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._row_chosen(r))
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.new_button)
        column.addLayout(search_row)
        column.addWidget(self.month_row)
        self.only = StatusFilter(N_("Only events whose {language} text is: {status}"))
        self.only.changed.connect(self._fill)
        column.addWidget(self.only)
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.grid)
        column.addWidget(self.views, 1)
        self.editor, self.splitter, self.languages = editor_panes(
            self, window, left, "event", [560, 720, 260],
            N_("Click a language to edit its text; double-click to list the events with that status."),
        )  # fmt: skip
        self.languages.status_filter_requested.connect(self.only.set)
        self.statuses: dict[int, dict[str, str]] = {}
        window.notifier.changed.connect(self._changes_arrived)
        on_language_change(self, self._redraw)

    def period_range(self, today: date | None = None) -> tuple[date, date]:
        today = today or date.today()
        key = self.period.currentData()
        if key == "week":
            monday = today - timedelta(days=today.weekday())
            return monday, monday + timedelta(days=6)
        if key == "past":
            return today - timedelta(days=31), today - timedelta(days=1)
        if key == "month":
            days = grid_days(self.month)  # the greyed days before and after show their dates too
            return days[0], days[-1]
        return today, today + timedelta(days=31)

    # --- the month ------------------------------------------------------------------------
    def _month_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.month_title = QLabel()
        self.month_title.setObjectName("event_month_title")
        self.month_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for name, text, tip, step in (
            ("event_month_back", "◀", _("Month before"), -1),
            ("event_month_on", "▶", _("Next month"), 1),
        ):
            button = QToolButton()
            button.setText(text)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, step=step: self.turn_month(step))
            line.addWidget(button)
            if step < 0:
                line.addWidget(self.month_title, 1)
        row.hide()
        return row

    def turn_month(self, step: int) -> None:
        self.month = next_month(self.month, step)
        self.load()

    def month_shown(self) -> bool:
        return self.period.currentData() == "month"

    def load(self) -> None:
        db = self.main.context.db
        since, until = self.period_range()
        self.main.tasks.run(
            _("Loading events"),
            lambda progress, token: read_events(db, since, until),
            on_done=self._show,
            dialog=False,
        )

    def _show(
        self, found: tuple[list[EventOccurrence], list[tuple[int, str]], dict[int, dict[str, str]]]
    ) -> None:
        self.occurrences, places, self.statuses = found
        self._titles = [o.title.casefold() for o in self.occurrences]
        self._filled = []
        if isinstance(self.editor.form, EventForm):
            self.editor.form.set_places(places)
        if self.editor.offer is not None:
            self.editor._fill_all()
        chosen = self.place.currentData()
        used = sorted({(o.place_id or 0, o.place) for o in self.occurrences if o.place}, key=lambda p: p[1])
        self.place.blockSignals(True)
        self.place.clear()
        self.place.addItem(_("All places"), ALL_PLACES)
        for place_id, name in used:
            self.place.addItem(name, place_id or name)  # a free address by its name
        index = self.place.findData(chosen)
        self.place.setCurrentIndex(max(index, 0))
        self.place.blockSignals(False)
        self._fill()
        self.loaded = True

    def shown(self) -> list[EventOccurrence]:
        """The occurrences the filters let through."""
        place, needle = self.place.currentData(), self.search.text().strip().casefold()
        return [
            o
            for o, title in zip(self.occurrences, self._titles, strict=True)
            if (place in (None, ALL_PLACES) or place in (o.place_id, o.place))
            and needle in title
            and self.only.accepts(self.statuses.get(o.event_id, {}))
        ]

    def _fill(self) -> None:
        rows = self.shown()
        month = self.month_shown()
        self.month_row.setVisible(month)
        self.views.setCurrentWidget(self.grid if month else self.table)
        if month:
            self.month_title.setText(month_title(self.month))
            self.grid.show_month(self.month, rows)
            self._filled = []  # the table is filled anew when it is shown again
            return
        if len(rows) == len(self._filled) and all(map(is_, rows, self._filled)):
            return  # typing on within the same hits: the table stays as it is
        self._filled = rows
        self.table.setRowCount(len(rows))
        for index, o in enumerate(rows):
            title = f"{o.title} ({_('moved')})" if o.moved else o.title
            series = _("Series") if o.rule else ""
            for column, text in enumerate(
                (occurrence_text(o.start, o.end, o.all_day), title, series, o.place)
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the whole title or place where the column cuts it short
                item.setData(Qt.ItemDataRole.UserRole, o.event_id)
                self.table.setItem(index, column, item)

    def _redraw(self) -> None:
        """After a language switch: the dates, "moved" and the month's name are composed words."""
        if self.loaded:
            self._filled = []
            self._fill()

    def _row_chosen(self, row: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        self._event_chosen(item.data(Qt.ItemDataRole.UserRole))

    def _event_chosen(self, event_id: int) -> None:
        if self.editor.offer is not None and self.editor.offer.id == event_id:
            return
        if self.editor.confirm_leave():
            self.open_event(event_id)

    def open_event(self, event_id: int, draft: dict | None = None) -> None:
        self.editor.load(self.editor._fetch(event_id), draft=draft)

    def new_event(self) -> None:
        if self.editor.confirm_leave():
            self.editor.new_item()
            self.editor.fields["title"].setFocus()

    def _changes_arrived(self, changes: Changes) -> None:
        if self.loaded and changes.ids("offer"):
            self.load()


def read_events(
    db: Database, since: date, until: date
) -> tuple[list[EventOccurrence], list[tuple[int, str]], dict[int, dict[str, str]]]:
    """What the events tab shows for a period: its occurrences, the places and each event's statuses
    (read off the GUI thread; the benchmark reads the same through this)."""
    return (
        list_occurrences(db, since, until),
        list_places(db),
        {row.id: row.statuses for row in list_offers(db, kind="event")},
    )
