"""The window's three kinds of content as tabs: offers (the list, editor and languages panel),
information pages (the tree with each page's status per language) and events (their dates:
upcoming, this week, past). Pages and events are read through ``desktop.content`` off the
GUI thread; editing them in the window is not there yet (the command line has them)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.content import list_occurrences, list_pages
from models.vocabulary import PUBLICATION_STATES

from .i18n import _, language
from .wheel_guard import ComboBox

SHOWN_LANGUAGES = 6


class PagesPanel(QWidget):
    def __init__(self, window):
        super().__init__()
        self.window = window
        layout = QVBoxLayout(self)
        self.hint = QLabel(_("Information pages as the app shows them: a tree, siblings in their order."))
        self.hint.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Title"), _("State"), _("Languages")])
        self.tree.setColumnWidth(0, 420)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        self.loaded = False

    def load(self) -> None:
        db = self.window.context.db
        self.window.tasks.run(
            _("Loading pages"), lambda progress, token: list_pages(db), on_done=self._show, dialog=False
        )

    def _show(self, rows) -> None:
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for row in rows:
            statuses = " ".join(f"{c}:{s}" for c, s in list(row.statuses.items())[:SHOWN_LANGUAGES])
            state = PUBLICATION_STATES.get(row.state, {}).get(language(), row.state)
            item = QTreeWidgetItem([row.title, state, statuses])
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            parent = items.get(row.parent_id)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[row.id] = item
        self.tree.expandAll()
        self.loaded = True


PERIODS = ("upcoming", "week", "past")


class EventsPanel(QWidget):
    def __init__(self, window):
        super().__init__()
        self.window = window
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.period = ComboBox()  # the wheel changes it only with the focus
        for key, label in zip(PERIODS, (_("Next 31 days"), _("This week"), _("Past 31 days")), strict=True):
            self.period.addItem(label, key)
        self.period.currentIndexChanged.connect(self.load)
        row.addWidget(QLabel(_("Show:")))
        row.addWidget(self.period)
        row.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Date"), _("Time"), _("Title"), _("Series")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(2, 380)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.loaded = False

    def period_range(self, today: date | None = None) -> tuple[date, date]:
        today = today or date.today()
        key = self.period.currentData()
        if key == "week":
            monday = today - timedelta(days=today.weekday())
            return monday, monday + timedelta(days=6)
        if key == "past":
            return today - timedelta(days=31), today - timedelta(days=1)
        return today, today + timedelta(days=31)

    def load(self) -> None:
        db = self.window.context.db
        since, until = self.period_range()
        self.window.tasks.run(
            _("Loading events"),
            lambda progress, token: list_occurrences(db, since, until),
            on_done=self._show,
            dialog=False,
        )

    def _show(self, occurrences) -> None:
        self.table.setRowCount(len(occurrences))
        for index, o in enumerate(occurrences):
            when = _("all day") if o.all_day else f"{o.start:%H:%M}–{o.end:%H:%M}"
            moved = _("moved")
            title = f"{o.title} ({moved})" if o.moved else o.title
            series = _("series") if o.rule else ""
            for column, text in enumerate((o.start.strftime("%d.%m.%Y"), when, title, series)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, o.event_id)
                self.table.setItem(index, column, item)
        self.loaded = True


class ContentTabs(QTabWidget):
    """Offers, pages, events: the tabs a new user sees at the top of the window."""

    def __init__(self, window, offers: QWidget):
        super().__init__()
        self.pages = PagesPanel(window)
        self.events = EventsPanel(window)
        self.addTab(offers, _("Offers"))
        self.addTab(self.pages, _("Information pages"))
        self.addTab(self.events, _("Events"))
        self.currentChanged.connect(self._shown)

    def _shown(self, index: int) -> None:
        panel = self.widget(index)
        if panel in (self.pages, self.events) and not panel.loaded:
            panel.load()
