"""The window's three kinds of content as tabs: offers (the list, editor and languages panel),
information pages (the tree beside the page editor, ui/pages_panel.py) and events (their
dates beside the event editor, ui/events_panel.py)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QTabWidget, QWidget

from .events_panel import EventsPanel
from .i18n import _
from .pages_panel import PagesPanel


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
        self._tab_bar_hint = QSize()

    def event(self, event: QEvent) -> bool:
        """A QTabWidget answers every layout request from inside a tab (a label's new text, the
        search field's clear button) by laying out its tab bar and pages again and repainting
        all of itself: the whole window, on keystrokes in the offer search. The pages' place
        changes only with the tab bar's size (a resize lays them out anyway), so other requests
        are only passed on to the window."""
        if event.type() == QEvent.Type.LayoutRequest:
            hint = self.tabBar().sizeHint()
            if hint == self._tab_bar_hint:
                self.updateGeometry()
                return True
            self._tab_bar_hint = hint
        return super().event(event)

    def _shown(self, index: int) -> None:
        panel = self.widget(index)
        if panel in (self.pages, self.events) and not panel.loaded:
            panel.load()

    def current_editor(self):
        """The editor of the tab in front (None on the offers tab: the window's own)."""
        panel = self.currentWidget()
        return panel.editor if panel in (self.pages, self.events) else None
