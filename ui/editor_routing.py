"""The window's editing keys follow the tab in front: Ctrl+S saves, Ctrl+N creates, Ctrl+Z and
Ctrl+Shift+Z undo and redo in the offer editor, the page editor or the event editor, whichever
is shown (one QUndoGroup holds their stacks). Closing the window asks each editor about
unsaved work; a draft left by a crash opens in the editor of its kind."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoGroup

from .editor.offer_editor import OfferEditor
from .i18n import _


class EditorRouting:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.tabs = window.content_tabs
        self.editors: list[OfferEditor] = [window.editor, self.tabs.pages.editor, self.tabs.events.editor]
        self.group = QUndoGroup(window)
        for editor in self.editors:
            self.group.addStack(editor.undo_stack)
        self.group.setActiveStack(window.editor.undo_stack)
        self.tabs.currentChanged.connect(self._tab_changed)
        for editor in self.editors[1:]:  # what Duplicate, Archive, Delete act on there
            editor.loaded.connect(lambda _item: self._actions_follow())
            editor.saved.connect(lambda _item: self._actions_follow())

    def _actions_follow(self) -> None:
        if getattr(self.window, "actions", None) is not None:  # built after the routing
            self.window.update_actions()

    def _tab_changed(self, _index: int) -> None:
        self.group.setActiveStack(self.current().undo_stack)
        actions = getattr(self.window, "actions", None)  # built after the routing
        if actions is not None:
            kind = self.current().kind
            new = {"page": _("&New page"), "event": _("&New event")}.get(kind, _("&New offer"))
            actions.new.setText(new)
            self.window.update_actions()

    def current(self) -> OfferEditor:
        """The editor of the tab in front."""
        return self.tabs.current_editor() or self.window.editor

    def save(self) -> bool:
        return self.current().save()

    def new(self) -> bool:
        """Ctrl+N on a content tab: a new page (under none) or a new event. False on the offers tab."""
        if self.tabs.currentWidget() is self.tabs.pages:
            self.tabs.pages.new_page()
            return True
        if self.tabs.currentWidget() is self.tabs.events:
            self.tabs.events.new_event()
            return True
        return False

    def confirm_leave_all(self) -> bool:
        return all(editor.confirm_leave() for editor in self.editors)

    def stop(self) -> None:
        for editor in self.editors:
            editor.autosave_timer.stop()

    def restore(self, draft: Any) -> bool:
        """Open a page's or an event's draft in its editor (True); an offer's is the window's."""
        kind = draft.payload.get("kind", "offer")
        panel = {"page": self.tabs.pages, "event": self.tabs.events}.get(kind)
        if panel is None:
            return False
        if not panel.editor.confirm_leave():
            return True
        self.tabs.setCurrentWidget(panel)
        self.window.recovery.done_with(draft)
        if draft.offer_id is None:
            panel.editor.load(None, draft=draft.payload)
        elif kind == "page":
            panel.open_page(draft.offer_id, draft=draft.payload)
        else:
            panel.open_event(draft.offer_id, draft=draft.payload)
        return True
