"""One row of the review screen: source segment, editable translation, back-translation,
findings with one-click fixes, and optionally the same segment in a pivot language."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.review.segments import Segment
from models.bidi import isolate_ltr_runs_html, strip_marks
from models.meaning import MeaningDifference
from models.vocabulary import part_label

from ..i18n import _, render
from ..limited_html import document_to_limited_html
from .diff_html import diff_to_html, highlight_terms


def segment_label(segment: Segment) -> str:
    """A segment by its field's label: "Title", "Content 3" (never the key "content:2"); a
    contact's area with the contact's name ("Area of responsibility – Frau Esser")."""
    return render(segment.label or part_label(segment.key))


class Finding:
    """Something to look at in a segment, with an optional fix (new target text)."""

    def __init__(
        self,
        message: str,
        severity: str = "warning",
        fix_label: str | None = None,
        fix_value: str | None = None,
    ):
        self.message, self.severity, self.fix_label, self.fix_value = message, severity, fix_label, fix_value


class SegmentEditor(QTextEdit):
    """The translation of one segment; emits ``committed`` when focus leaves after a change."""

    committed = Signal(str, str)  # key, new limited HTML

    def __init__(self, key: str, value_html: str, rtl: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        self.set_value(value_html)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def set_value(self, value_html: str) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # Phone numbers and e-mails inside Arabic text keep their order on screen (marks are not saved).
        self.setHtml(isolate_ltr_runs_html(value_html or "") if rtl else (value_html or ""))
        option = self.document().defaultTextOption()
        option.setTextDirection(self.layoutDirection())
        # Absolute: with a right-to-left widget, a plain AlignRight would mean "the left edge".
        edge = (
            Qt.AlignmentFlag.AlignRight
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            else Qt.AlignmentFlag.AlignLeft
        )
        option.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute)
        self.document().setDefaultTextOption(option)
        self._saved = self.value()
        self._fit()

    def value(self) -> str:
        return strip_marks(document_to_limited_html(self.document(), inline_only=True))

    @property
    def dirty(self) -> bool:
        return self.value() != self._saved

    def mark_saved(self) -> None:
        self._saved = self.value()

    def _fit(self, *_args: object) -> None:
        height = int(self.document().size().height()) + 12
        self.setFixedHeight(max(34, min(height, 320)))

    def event(self, event: QEvent) -> bool:
        # Undo and redo belong to the review window's stack (which also undoes decisions),
        # not to this field's own history: let the window's shortcuts have them.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.ShortcutOverride
            and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))
        ):
            event.ignore()
            return False
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if self.dirty:
            self.committed.emit(self.key, self.value())


class SegmentRow(QFrame):
    fix_requested = Signal(str, str)  # key, new value
    retranslate_requested = Signal(str)  # key

    def __init__(self, segment: Segment, *, rtl: bool, pivot_text: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.segment = segment
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"segment_{segment.key}")
        if segment.changed_in_source:
            self.setStyleSheet(
                "QFrame#{} {{ border: 2px solid #D04040; }}".format(self.objectName().replace(":", "\\:"))
            )
        layout = QHBoxLayout(self)

        source_box = QVBoxLayout()
        caption = segment_label(segment)
        if segment.changed_in_source:
            caption += " – " + (_("in the source changed"))
        heading = QLabel(f"<b>{html.escape(caption)}</b>")
        heading_row = QHBoxLayout()
        heading_row.addWidget(heading, 1)
        again = QToolButton()
        again.setObjectName("retranslate_segment")
        again.setText("↻")
        again.setToolTip(_("Re-translate this segment (Ctrl+T)"))
        again.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from editor to editor
        again.clicked.connect(lambda: self.retranslate_requested.emit(self.segment.key))
        heading_row.addWidget(again)
        source_box.addLayout(heading_row)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label.setText(
            diff_to_html(segment.source_diff)
            if segment.changed_in_source
            else html.escape(segment.source_text)
        )
        source_box.addWidget(self.source_label)
        source_box.addStretch(1)
        layout.addLayout(source_box, 5)

        target_box = QVBoxLayout()
        self.editor = SegmentEditor(
            segment.key,
            segment.target_html if segment.key.startswith("content") else html.escape(segment.target_text),
            rtl,
        )
        target_box.addWidget(self.editor)
        self.back_label = QLabel()
        self.back_label.setWordWrap(True)
        self.back_label.setObjectName("back_translation")
        self.back_label.setStyleSheet("color:#404040;")
        self.back_label.hide()
        target_box.addWidget(self.back_label)
        self.findings_box = QVBoxLayout()
        target_box.addLayout(self.findings_box)
        layout.addLayout(target_box, 6)

        self.pivot_label = None
        if pivot_text is not None:
            self.pivot_label = QLabel(html.escape(pivot_text))
            self.pivot_label.setWordWrap(True)
            self.pivot_label.setStyleSheet("color:#305070;")
            layout.addWidget(self.pivot_label, 4)

    def show_back_translation(self, text: str, differences: list[MeaningDifference]) -> None:
        """The back-translation with what differs from the source marked in both, and said in words."""
        prefix = _("Back-translation")
        back_terms = [t for d in differences for t in d.back_terms]
        shown = f"<i>{prefix}:</i> {highlight_terms(text, back_terms)}"
        if differences:
            notes = "<br>".join(f"⚑ {html.escape(d.message())}" for d in differences)
            shown += f'<br><span style="color:#8A5A00;">{notes}</span>'
            source_terms = [t for d in differences for t in d.source_terms]
            if not self.segment.changed_in_source:
                self.source_label.setText(highlight_terms(self.segment.source_text, source_terms))
        self.back_label.setText(shown)
        self.back_label.show()

    def add_finding(self, finding: Finding) -> None:
        row = QHBoxLayout()
        colour = {"error": "#B00020", "warning": "#A06000"}.get(finding.severity, "#405060")
        label = QLabel(f'<span style="color:{colour};">⚠ {html.escape(finding.message)}</span>')
        label.setWordWrap(True)
        label.setObjectName("finding")
        row.addWidget(label, 1)
        if finding.fix_value is not None:
            button = QPushButton(finding.fix_label or (_("Fix")))
            button.setObjectName("fix_button")
            button.clicked.connect(lambda: self.fix_requested.emit(self.segment.key, finding.fix_value))
            row.addWidget(button)
        self.findings_box.addLayout(row)
