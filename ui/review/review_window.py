"""The review screen: one offer in one language, segment by segment beside the German,
with back-translation, findings and decisions; the keyboard alone is enough.

Ctrl+Enter   checked, and on to the next text that needs review
Ctrl+Shift+Enter  approved by a fluent speaker (asks the name once per session)
Ctrl+Down / Ctrl+Up  next / previous text in the queue
Ctrl+Shift+B  send back: needs work, with a comment
Ctrl+Shift+T  re-translate the whole text
Ctrl+Z / Ctrl+Shift+Z  undo / redo segment edits
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.choices import target_languages
from desktop.context import AppContext
from desktop.errors import error_message
from desktop.review.assist import Assist, NoAssist, SegmentFinding
from desktop.review.decisions import edit_segment, open_notes
from desktop.review.queue import QueueItem
from desktop.review.segments import ReviewText, review_text
from models.languages import is_rtl
from models.meaning import meaning_differences

from ..i18n import _
from ..operations import Operations, operations_for
from ..wheel_guard import ComboBox
from .deciding import Decisions
from .review_steps import SegmentEditStep
from .segment_row import Finding, SegmentRow
from .text_parts import column_headings, findings_lines, notes_lines, pivot_segments, status_html, title_html


class ReviewWindow(QWidget):
    decided = Signal(int, str, str)  # offer id, language, new status

    def __init__(
        self,
        context: AppContext,
        queue: list[QueueItem],
        index: int = 0,
        assist: Assist | None = None,
        parent=None,
        *,
        operations: Operations | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.context = context
        # Passed down by the main window (its notifier tells the list and the editor what a
        # decision changed); a review screen opened on its own makes its own.
        self.operations = operations or operations_for(context, self)
        self.operations.notifier.changed.connect(self._changes_arrived)
        self.queue = queue
        self.index = index
        self.assist = assist or NoAssist()
        self.undo_stack = QUndoStack(self)
        self.rows: list[SegmentRow] = []
        self.review: ReviewText | None = None
        self.decisions = Decisions(self)
        self.pivot_code: str | None = None
        self.setWindowTitle("Lotse – " + (_("Review")))
        self.resize(1250, 820)
        self._build()
        self._shortcuts()
        self.load()

    # --- layout -----------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.title_label = QLabel()
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(self.title_label, 1)
        self.status_label = QLabel()
        header.addWidget(self.status_label)
        header.addWidget(QLabel(_("Second language:")))
        self.pivot_combo = ComboBox()
        self.pivot_combo.addItem(_("none"), None)
        for choice in target_languages(self.context.db):
            self.pivot_combo.addItem(f"{choice.native_name} ({choice.code})", choice.code)
        self.pivot_combo.currentIndexChanged.connect(self._pivot_changed)
        header.addWidget(self.pivot_combo)
        layout.addLayout(header)

        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("background:#FFF4D0; padding:4px;")
        layout.addWidget(self.notes_label)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        layout.addWidget(self.scroll, 1)

        buttons = QHBoxLayout()
        self.previous_button = QPushButton(_("◀ Previous"))
        self.next_button = QPushButton(_("Next ▶"))
        self.checked_button = QPushButton(_("Checked ✓ (Ctrl+Enter)"))
        self.approved_button = QPushButton(_("Approved … (Ctrl+Shift+Enter)"))
        self.back_button = QPushButton(_("Needs work … (Ctrl+Shift+B)"))
        self.retranslate_button = QPushButton(_("Re-translate (Ctrl+Shift+T)"))
        for button in (self.previous_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.retranslate_button, self.back_button, self.approved_button, self.checked_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(+1))
        self.checked_button.clicked.connect(self.accept_checked)
        self.approved_button.clicked.connect(self.accept_approved)
        self.back_button.clicked.connect(self.send_back)
        self.retranslate_button.clicked.connect(lambda: self.retranslate(None))

    def _shortcuts(self) -> None:
        bindings = [
            ("Ctrl+Return", self.accept_checked),
            ("Ctrl+Enter", self.accept_checked),
            ("Ctrl+Shift+Return", self.accept_approved),
            ("Ctrl+Shift+Enter", self.accept_approved),
            ("Ctrl+Down", lambda: self.go(+1)),
            ("Ctrl+Up", lambda: self.go(-1)),
            ("Ctrl+Shift+B", self.send_back),
            ("Ctrl+Shift+T", lambda: self.retranslate(None)),
            ("Ctrl+Shift+F", self.apply_all_fixes),
            ("Ctrl+T", self.decisions.retranslate_focused_segment),
            (QKeySequence.StandardKey.Undo, self.undo),
            (QKeySequence.StandardKey.Redo, self.redo),
        ]
        for keys, slot in bindings:
            shortcut = QShortcut(self)
            if isinstance(keys, QKeySequence.StandardKey):
                shortcut.setKeys(keys)  # every platform binding (Ctrl+Y and Ctrl+Shift+Z for redo)
            else:
                shortcut.setKey(QKeySequence(keys))
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    # --- loading ----------------------------------------------------------------------
    @property
    def item(self) -> QueueItem | None:
        return self.queue[self.index] if 0 <= self.index < len(self.queue) else None

    def load(self) -> None:
        item = self.item
        container = QWidget()
        column = QVBoxLayout(container)
        self.rows = []
        self.errors = 0  # failed checks of severity "error" on the text shown
        self.fixes: dict[str, str] = {}  # segment key -> one-click fix
        if item is None:
            self.review = None
            self.title_label.setText(
                "<b>" + html.escape(_("Every text in the list has been reviewed.")) + "</b>"
            )
            self.status_label.setText("")
            self.notes_label.hide()
            self.scroll.setWidget(container)
            self._update_buttons()
            return
        self.review = review = review_text(self.context.db, item.offer_id, item.language_code)
        self.title_label.setText(title_html(review, item, f"{self.index + 1}/{len(self.queue)}"))
        self.status_label.setText(status_html(review.target.status))
        notes = open_notes(self.context.db, item.offer_id, item.language_code)
        self.notes_label.setVisible(bool(notes) or not review.aligned)
        self.notes_label.setText("<br>".join(notes_lines(notes, review.aligned)))

        pivot = pivot_segments(self.context, review, self.pivot_code)
        rtl = is_rtl(item.language_code)
        column.addWidget(column_headings(review, self.pivot_code if pivot is not None else None))
        for segment in review.segments:
            row = SegmentRow(
                segment, rtl=rtl, pivot_text=pivot.get(segment.key) if pivot is not None else None
            )
            row.editor.committed.connect(self._segment_committed)
            row.fix_requested.connect(self._apply_fix)
            row.retranslate_requested.connect(self.retranslate)
            column.addWidget(row)
            self.rows.append(row)
        column.addStretch(1)
        self.scroll.setWidget(container)
        self._show_assist()
        self._update_buttons()
        if self.rows:
            self.rows[0].editor.setFocus()

    def _show_assist(self) -> None:
        review = self.review
        if review is None:
            return
        by_key = {row.segment.key: row for row in self.rows}
        self._fetch_back_translation(review)
        flagged = []
        for finding in self.assist.findings(review):
            row = by_key.get(finding.segment_key)
            if row is not None:
                row.add_finding(
                    Finding(
                        finding.message(), finding.severity, finding.fix_label.render(), finding.fix_value
                    )
                )
                flagged.append((row, finding))
                self.errors += finding.severity == "error"
                if finding.fix_value is not None:
                    self.fixes.setdefault(finding.segment_key, finding.fix_value)
        if flagged:
            self._announce_findings(flagged)

    def _fetch_back_translation(self, review: ReviewText) -> None:
        """The back-translation may come over the network: fetched off the GUI thread, shown
        when it arrives if the same text is still on screen."""
        assist = self.assist

        def show(back: dict[str, str]) -> None:
            if self.review is not review:
                return
            by_key = {row.segment.key: row for row in self.rows}
            for key, text in back.items():
                row = by_key.get(key)
                if row is not None and text:
                    differences = meaning_differences(row.segment.source_text, text)
                    row.show_back_translation(text, differences)
            self.back_translation_shown = True

        self.back_translation_shown = False
        self.operations.run_long(
            "Lotse",
            lambda _progress, _token: assist.back_translation(review),
            origin=self,
            on_done=show,
            on_error=lambda _exc: None,  # no back-translation: the screen works without
            parent=self,
            ordered=False,
            dialog=False,
        )

    def _announce_findings(self, flagged: list[tuple[SegmentRow, SegmentFinding]]) -> None:
        """Say above the segments what the checks found. The view stays at the first segment
        (reviewers read from the top; jumping to a later flagged one hid the title)."""
        lines = findings_lines(flagged)
        previous = self.notes_label.text() if not self.notes_label.isHidden() else ""
        self.notes_label.setText("<br>".join(([previous] if previous else []) + lines))
        self.notes_label.show()

    def _update_buttons(self) -> None:
        has = self.item is not None
        for button in (self.checked_button, self.approved_button, self.back_button, self.retranslate_button):
            button.setEnabled(has)
        # In a team database only the language's reviewers decide; the others see who may.
        rights = self.context.rights
        if has and not rights.may_review(self.item.language_code):
            who = rights.who_may_review(self.item.language_code).render()
            for button in (self.checked_button, self.approved_button):
                button.setEnabled(False)
                button.setToolTip(who)
        else:
            self.checked_button.setToolTip("")
            self.approved_button.setToolTip("")
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.queue) - 1)

    def _pivot_changed(self) -> None:
        self.commit_edits()
        self.pivot_code = self.pivot_combo.currentData()
        self.after_writes(self.load)

    # --- editing ----------------------------------------------------------------------
    def _segment_committed(self, key: str, value: str) -> None:
        row = next(r for r in self.rows if r.segment.key == key)
        old = row.segment.target_html if key.startswith("content") else html.escape(row.segment.target_text)
        self.undo_stack.push(SegmentEditStep(self, self.item, row.segment, old, value))
        row.editor.mark_saved()
        row.segment.target_html = value

    def save_segment_work(self, item: QueueItem, key: str, value: str):
        """The write of one segment (runs off the GUI thread)."""
        context = self.context
        return edit_segment(context.db, item.offer_id, item.language_code, key, value, author=context.user)

    def after_writes(self, callback) -> None:
        """Call back once the writes asked for so far are done (they run in order)."""
        self.operations.run("Lotse", lambda: None, origin=self, on_done=lambda _r: callback(), parent=self)

    def run(self, title: str, work, after) -> None:
        """An operation of this screen: off the GUI thread, announced to the other views."""
        self.operations.run(title, work, origin=self, on_done=after, on_error=self.show_error, parent=self)

    def _apply_fix(self, key: str, value: str, reload: bool = True) -> None:
        row = next(r for r in self.rows if r.segment.key == key)
        row.editor.set_value(value)
        row.editor._saved = ""  # force the commit below to record the change
        self._segment_committed(key, row.editor.value())
        if reload:  # the checks run again on the corrected text, once it is stored
            self.after_writes(self.load)

    def apply_all_fixes(self) -> None:
        """Every one-click fix of the text shown (one per segment), then the checks run again."""
        if not self.fixes:
            return
        self.undo_stack.beginMacro(_("Apply all fixes (Ctrl+Shift+F)"))
        for key, value in list(self.fixes.items()):
            self._apply_fix(key, value, reload=False)
        self.undo_stack.endMacro()
        self.after_writes(self.load)

    def commit_edits(self) -> None:
        """Store what is typed but not yet saved (leaving a field saves it too)."""
        for row in self.rows:
            if row.editor.dirty:
                self._segment_committed(row.segment.key, row.editor.value())

    def undo(self) -> None:
        self.commit_edits()
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    # --- decisions (ui/review/deciding.py) ----------------------------------------------
    def accept_checked(self) -> None:
        self.decisions.accept_checked()

    def accept_approved(self) -> None:
        self.decisions.accept_approved()

    def send_back(self) -> None:
        self.decisions.send_back()

    def retranslate(self, segment_key: str | None) -> None:
        self.decisions.retranslate(segment_key)

    def record_decision(self, item: QueueItem, result: Any) -> None:
        self.decisions.record(item, result)

    def _changes_arrived(self, changes) -> None:
        """Someone else changed the text on screen (the editor, a batch): show it anew, unless
        the reviewer is typing in it."""
        item = self.item
        if changes.origin is self or item is None or not changes.touches("offer", item.offer_id):
            return
        if changes.languages and not changes.languages & {item.language_code, self._source_code()}:
            return
        if not any(row.editor.dirty for row in self.rows):
            self.load()

    def show_item(self, item: QueueItem) -> None:
        """Bring the given text on screen (undo goes back to where the change was made)."""
        if item in self.queue:
            self.commit_edits()
            self.index = self.queue.index(item)
            self.load()

    def go(self, step: int, finished_current: bool = False) -> None:
        self.commit_edits()
        target = self.index + step
        if finished_current and target >= len(self.queue):
            self.index = len(self.queue)  # the "all done" page
        elif 0 <= target < len(self.queue):
            self.index = target
        else:
            return
        self.load()

    def show_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, "Lotse", error_message(exc))

    def _source_code(self) -> str:
        return self.review.source_code if self.review is not None else ""

    def closeEvent(self, event) -> None:  # noqa: N802
        self.commit_edits()
        super().closeEvent(event)
