"""The review screen's decisions: checked, approved by a fluent speaker, sent back with a
comment, re-translated. Each runs as an operation off the GUI thread and becomes an undo step
once it succeeded; the screen moves on at once and comes back to a text whose decision failed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from desktop.offers import get_offer
from desktop.review.decisions import mark_approved, mark_checked, send_back
from desktop.review.queue import QueueItem
from models.tables import ReviewNote

from ..i18n import _
from .review_steps import DecisionStep, RetranslateStep

if TYPE_CHECKING:
    from .review_window import ReviewWindow


class Decisions:
    """What the decision buttons and shortcuts of one review screen do."""

    def __init__(self, window: ReviewWindow) -> None:
        self.window = window
        self.confirmed_by = ""  # the fluent speaker, asked once per session

    def accept_checked(self) -> None:
        window = self.window
        item = window.item
        # The shortcut too: in a team database only the language's reviewers decide.
        if item is None or not window.checked_button.isEnabled():
            return
        window.commit_edits()
        if window.errors and not self._confirm(
            _(
                "{n} checks fail on this text (e.g. a changed phone number). Mark it as “checked” anyway?"
            ).format(n=window.errors)
        ):
            return
        context = window.context
        self._decide(
            item,
            _("Checked ✓ (Ctrl+Enter)"),
            lambda: mark_checked(context.db, item.offer_id, item.language_code, author=context.user),
        )

    def accept_approved(self) -> None:
        window = self.window
        item = window.item
        # The shortcut too: in a team database only the language's reviewers decide.
        if item is None or not window.approved_button.isEnabled():
            return
        window.commit_edits()
        name, ok = QInputDialog.getText(
            window,
            "Lotse",
            _("Who confirmed the translation? (the fluent speaker's name)"),
            text=self.confirmed_by,
        )
        if not ok:
            return
        context = window.context
        if self._decide(
            item,
            _("Approved … (Ctrl+Shift+Enter)"),
            lambda: mark_approved(
                context.db,
                item.offer_id,
                item.language_code,
                author=context.user,
                confirmed_by=name,
            ),
        ):
            self.confirmed_by = name.strip()

    def send_back(self) -> None:
        window = self.window
        item = window.item
        if item is None:
            return
        window.commit_edits()
        comment, ok = QInputDialog.getMultiLineText(
            window, "Lotse", _("What needs doing on the translation?")
        )
        if not ok:
            return
        context = window.context
        self._decide(
            item,
            _("Needs work … (Ctrl+Shift+B)"),
            lambda: send_back(
                context.db, item.offer_id, item.language_code, author=context.user, comment=comment
            ),
        )

    def _decide(self, item: QueueItem, label: str, decide: Callable[[], Any]) -> bool:
        """Decide off the GUI thread and move on at once; a failed decision comes back on screen."""
        window = self.window
        before = get_offer(window.context.db, item.offer_id).texts[item.language_code]

        def done(result: Any) -> None:
            window.undo_stack.push(DecisionStep(window, item, label, decide, before, result))
            self.record(item, result)

        def failed(exc: BaseException) -> None:
            window.show_error(exc)
            window.show_item(item)

        window.operations.run(label, decide, origin=window, on_done=done, on_error=failed, parent=window)
        window.go(+1, finished_current=True)
        return True

    def record(self, item: QueueItem, result: Any) -> None:
        item.status = getattr(result, "status", "machine")
        item.needs_work = isinstance(result, ReviewNote)
        self.window.decided.emit(item.offer_id, item.language_code, item.status)

    def retranslate(self, segment_key: str | None) -> None:
        window = self.window
        item = window.item
        if item is None:
            return
        window.commit_edits()
        label = _("Re-translate (Ctrl+Shift+T)") + (f" ({segment_key})" if segment_key else "")
        before = get_offer(window.context.db, item.offer_id).texts[item.language_code]
        assist = window.assist

        def done(_result: Any) -> None:
            window.undo_stack.push(RetranslateStep(window, item, segment_key, label, before))
            window.show_item(item)

        window.run(label, lambda: assist.retranslate(item.offer_id, item.language_code, segment_key), done)

    def retranslate_focused_segment(self) -> None:
        focused = QApplication.focusWidget()
        rows = self.window.rows
        row = (
            next((r for r in rows if r.editor is focused or r.isAncestorOf(focused)), None)
            if focused
            else None
        )
        if row is not None:
            self.retranslate(row.segment.key)

    def _confirm(self, question: str) -> bool:
        """Ask with "No" as the default, so a reflexive Enter does not wave a failed check through."""
        answer = QMessageBox.question(
            self.window,
            "Lotse",
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
