"""Create, duplicate, archive, restore and delete offers: the actions and what they do. On the
pages and events tabs the same actions act on the page or event open there (ui/item_actions.py)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from desktop.offers import delete_offers, duplicate_offer, set_states

from .i18n import _
from .icons import icon
from .item_actions import ItemActions, ask_delete_or_archive


class OfferActions:
    def __init__(self, window):
        self.window = window
        self.items = ItemActions(window)
        self.new = self._action("new", _("&New offer"), QKeySequence.StandardKey.New, self.create)
        self.duplicate = self._action(
            "duplicate", _("D&uplicate"), QKeySequence("Ctrl+D"), self.duplicate_selected
        )
        self.archive = self._action(
            "archive", _("&Archive"), None, lambda: self.set_state_selected("archived")
        )
        self.restore = self._action(
            "restore", _("&Restore from archive"), None, lambda: self.set_state_selected("draft")
        )
        self.delete = self._action("delete", _("&Delete …"), QKeySequence("Ctrl+Del"), self.delete_selected)

    def _action(self, name, text, shortcut, slot) -> QAction:
        action = QAction(icon(name), text, self.window)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _run(self, title: str, work, on_done) -> None:
        """Off the GUI thread; the list, the editor and the panels learn from the notifier."""
        self.window.operations.run(title, work, origin=self, on_done=on_done, parent=self.window)

    def create(self) -> None:
        if self.window.routing.new():  # a page or an event, on their tabs
            return
        if self.window.editor.confirm_leave():
            self.window.list_panel.table.clearSelection()
            self.window.editor.new_offer()
            self.window.editor.fields["title"].setFocus()

    def duplicate_selected(self) -> None:
        if panel := self.items.panel():
            return self.items.duplicate(panel)
        ids = self.window.selected_offer_ids()
        if not ids or not self.window.editor.confirm_leave():
            return
        db, user = self.window.context.db, self.window.context.user

        def opened(copy) -> None:
            self.window.open_offer(copy.id)
            self.window.statusBar().showMessage(_("Copy created: no. {id}").format(id=copy.id), 5000)

        self._run(_("D&uplicate").replace("&", ""), lambda: duplicate_offer(db, ids[0], author=user), opened)

    def set_state_selected(self, state: str) -> None:
        if panel := self.items.panel():
            return self.items.set_state(panel, state)
        ids = self.window.selected_offer_ids()
        if not ids or not self.window.editor.confirm_leave():
            return
        db, user = self.window.context.db, self.window.context.user

        def work() -> None:
            set_states(db, ids, state, author=user)  # all of them or none

        message = _("{n} offers archived") if state == "archived" else _("{n} offers restored as drafts")
        self._run(
            message.format(n=len(ids)),
            work,
            lambda _r: self.window.statusBar().showMessage(message.format(n=len(ids)), 5000),
        )

    def delete_selected(self) -> None:
        if panel := self.items.panel():
            return self.items.delete(panel)
        ids = self.window.selected_offer_ids()
        if not ids:
            return
        titles = [
            self.window.list_panel.model.row_at(self.window.list_panel.model.row_of(i)).title for i in ids
        ]
        shown = "\n".join(f"• {t}" for t in titles[:10]) + ("\n…" if len(titles) > 10 else "")
        answer = ask_delete_or_archive(
            self.window,
            _("Delete offers"),
            _(
                "Delete {n} offers for good, with all their translations and revisions?\n\n{titles}\n\n"
                "Archiving keeps them and can be undone."
            ).format(n=len(ids), titles=shown),
        )
        if answer == "archive":
            return self.set_state_selected("archived")
        if answer != "delete":
            return
        editor = self.window.editor
        if editor.offer is not None and editor.offer.id in ids:
            editor.base = editor.payload  # its changes go with the offer
            editor.close_offer()
        db = self.window.context.db

        def work() -> None:
            delete_offers(db, ids)  # all of them or none

        message = _("{n} offers deleted").format(n=len(ids))
        self._run(message, work, lambda _r: self.window.statusBar().showMessage(message, 5000))
