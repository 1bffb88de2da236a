"""The review screen's undo steps. Each step's work is an operation: it runs off the GUI
thread, in order with the others, and announces what it changed (ui/operations.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from desktop.review.decisions import restore_text, undo_decision
from desktop.review.queue import QueueItem
from desktop.review.segments import Segment
from models.tables import ReviewNote

from .segment_row import segment_label

if TYPE_CHECKING:
    from .review_window import ReviewWindow


class OperationStep(QUndoCommand):
    """An undo step whose work is an operation (off the GUI thread, in order). ``done``: the
    work has run already (a decision is pushed once it succeeded), so the first redo skips it."""

    def __init__(self, window: ReviewWindow, item: QueueItem, label: str, *, done: bool):
        super().__init__(label)
        self.window, self.item, self.skip_redo = window, item, done

    def forward(self) -> Any:  # the change
        raise NotImplementedError

    def backward(self) -> Any:  # taking it back
        raise NotImplementedError

    def after(self, _result: Any, *, undone: bool) -> None:
        self.window.show_item(self.item)

    def redo(self) -> None:
        if self.skip_redo:
            self.skip_redo = False
            return
        self.window.run(self.text(), self.forward, lambda r: self.after(r, undone=False))

    def undo(self) -> None:
        self.window.run(self.text(), self.backward, lambda r: self.after(r, undone=True))


class SegmentEditStep(OperationStep):
    def __init__(self, window: ReviewWindow, item: QueueItem, segment: Segment, old: str, new: str):
        super().__init__(window, item, segment_label(segment), done=False)
        self.key, self.old, self.new = segment.key, old, new
        self.done_once = False

    def forward(self) -> Any:
        return self.window.save_segment_work(self.item, self.key, self.new)

    def backward(self) -> Any:
        return self.window.save_segment_work(self.item, self.key, self.old)

    def after(self, _result: Any, *, undone: bool) -> None:
        if undone or self.done_once:  # a real redo: show the text, with its checks run again
            self.window.show_item(self.item)
        self.done_once = True


class DecisionStep(OperationStep):
    """A decision (checked, approved, needs work) that Ctrl+Z takes back, returning to the text."""

    def __init__(
        self,
        window: ReviewWindow,
        item: QueueItem,
        label: str,
        decide: Callable[[], Any],
        before: Any,
        result: Any,
    ) -> None:
        super().__init__(window, item, label, done=True)
        self.decide, self.before = decide, before
        self.note_id = result.id if isinstance(result, ReviewNote) else None

    def forward(self) -> Any:
        return self.decide()

    def backward(self) -> Any:
        context = self.window.context
        return undo_decision(
            context.db,
            self.item.offer_id,
            self.item.language_code,
            self.before,
            author=context.user,
            note_id=self.note_id,
        )

    def after(self, result: Any, *, undone: bool) -> None:
        if undone:
            self.item.status, self.item.needs_work = result.status, False
            self.window.show_item(self.item)
        else:
            self.note_id = result.id if isinstance(result, ReviewNote) else None
            self.window.record_decision(self.item, result)


class RetranslateStep(OperationStep):
    """Asking the service again, for one segment or the whole text; Ctrl+Z brings back the words
    and the status the text had."""

    def __init__(
        self, window: ReviewWindow, item: QueueItem, segment_key: str | None, label: str, before: Any
    ) -> None:
        super().__init__(window, item, label, done=True)
        self.segment_key, self.before = segment_key, before

    def forward(self) -> Any:
        return self.window.assist.retranslate(self.item.offer_id, self.item.language_code, self.segment_key)

    def backward(self) -> Any:
        context = self.window.context
        return restore_text(
            context.db, self.item.offer_id, self.item.language_code, self.before, author=context.user
        )
