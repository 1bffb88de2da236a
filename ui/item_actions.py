"""Duplicate, archive, restore, delete and the versions of the page or event open on the pages or
events tab: the window's actions (Ctrl+D, Ctrl+Del, Ctrl+H …) act on it there as they act on the
selected offers on the offers tab. Each change is an operation (desktop/content_items.py) run by
``window.operations``; the tree, the dates list, the editor and the languages panel follow the
notifier."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from desktop.content_items import delete_items, duplicate_item, set_item_state

from .i18n import _


class ItemActions:
    def __init__(self, window: Any) -> None:
        self.window = window

    def panel(self) -> Any:
        """The pages or events tab when it is in front, else None (the offers tab)."""
        tabs = self.window.content_tabs
        current = tabs.currentWidget()
        return current if current in (tabs.pages, tabs.events) else None

    def _open_id(self, panel: Any) -> int | None:
        offer = panel.editor.offer
        return offer.id if offer is not None else None

    def _is_page(self, panel: Any) -> bool:
        return panel is self.window.content_tabs.pages

    def _run(self, panel: Any, title: str, work: Any, on_done: Any) -> None:
        self.window.operations.run(title, work, origin=self, on_done=on_done, parent=self.window)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)

    def duplicate(self, panel: Any) -> None:
        item_id = self._open_id(panel)
        if item_id is None or not panel.editor.confirm_leave():
            return
        db, user = self.window.context.db, self.window.context.user

        def opened(copy_id: int) -> None:
            (panel.open_page if self._is_page(panel) else panel.open_event)(copy_id)
            self._say(_("Copy created: no. {id}").format(id=copy_id))

        self._run(panel, _("Duplicating"), lambda: duplicate_item(db, item_id, author=user), opened)

    def set_state(self, panel: Any, state: str) -> None:
        item_id = self._open_id(panel)
        if item_id is None or not panel.editor.confirm_leave():
            return
        db, user = self.window.context.db, self.window.context.user
        if state == "archived":
            done = _("{n} pages archived") if self._is_page(panel) else _("{n} events archived")
        else:
            done = (
                _("{n} pages restored as drafts")
                if self._is_page(panel)
                else _("{n} events restored as drafts")
            )
        self._run(
            panel,
            _("Archiving") if state == "archived" else _("Restoring"),
            lambda: set_item_state(db, item_id, state, author=user),
            lambda changed: self._say(done.format(n=len(changed))),
        )

    def delete(self, panel: Any) -> None:
        editor = panel.editor
        item_id = self._open_id(panel)
        if item_id is None:
            return
        page = self._is_page(panel)
        answer = ask_delete_or_archive(
            self.window,
            _("Delete page") if page else _("Delete event"),
            (
                _("Delete the page “{title}” for good, with all its translations and revisions?")
                if page
                else _("Delete the event “{title}” for good, with all its dates, translations and revisions?")
            ).format(title=editor.title())
            + "\n\n"
            + _("Archiving keeps it and can be undone."),
        )
        if answer == "archive":
            return self.set_state(panel, "archived")
        if answer != "delete":
            return
        db = self.window.context.db

        def deleted(_result: object) -> None:
            editor.base = editor.payload  # its unsaved changes go with it
            editor.close_offer()
            self.window.update_actions()
            self._say(_("Deleted: {title}").format(title=title))

        title = editor.title()
        self._run(panel, _("Deleting"), lambda: delete_items(db, [item_id]), deleted)

    def revisions(self, panel: Any) -> None:
        from .revisions_dialog import RevisionsDialog

        item_id = self._open_id(panel)
        if item_id is None or not panel.editor.confirm_leave():
            return
        dialog = RevisionsDialog(
            self.window.context,
            item_id,
            self.window.choices,
            parent=self.window,
            kind=panel.editor.kind,
            operations=self.window.operations,
        )
        self.dialog = dialog  # kept while it is open
        dialog.show()


def ask_delete_or_archive(parent: Any, title: str, text: str) -> str | None:
    """Ask whether to delete for good or archive instead: "delete", "archive" or None (cancelled).
    The offers, pages and events tabs ask the same question; the tests find its buttons by name."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    delete = box.addButton(_("Delete for good"), QMessageBox.ButtonRole.DestructiveRole)
    delete.setObjectName("confirm_delete")
    archive = box.addButton(_("Archive instead"), QMessageBox.ButtonRole.AcceptRole)
    archive.setObjectName("archive_instead")
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole).setObjectName("cancel")
    box.setObjectName("lotse_question")
    box.exec()
    clicked = box.clickedButton()
    return "delete" if clicked is delete else "archive" if clicked is archive else None
