"""One undo step per field edit; consecutive edits of the same field merge while the
user keeps typing (pauses under a few seconds), so Ctrl+Z takes back a word or a
sentence, not a letter, and never mixes two fields."""

from __future__ import annotations

import time

from PySide6.QtGui import QUndoCommand

MERGE_WITHIN_SECONDS = 3.0


class FieldEdit(QUndoCommand):
    ID = 0x4C6F  # any constant: all field edits may merge with each other

    def __init__(self, target, key: str, language: str | None, old, new, label: str):
        super().__init__(label)
        self.target = target
        self.key = key
        self.language = language
        self.old = old
        self.new = new
        self.stamp = time.monotonic()

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, FieldEdit) or (other.key, other.language) != (self.key, self.language):
            return False
        if other.stamp - self.stamp > MERGE_WITHIN_SECONDS:
            return False
        self.new = other.new
        self.stamp = other.stamp
        return True

    def redo(self) -> None:
        self.target.apply_value(self.key, self.language, self.new)

    def undo(self) -> None:
        self.target.apply_value(self.key, self.language, self.old)
