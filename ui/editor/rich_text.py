"""Content as rich text with only what the app shows: paragraphs, bold, italic, lists, links.

The value is limited HTML (ui/limited_html.py writes it from the document); pasted text
is cleaned to the same allow-list before it enters the document, so what the user sees
is what will be saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextListFormat
from PySide6.QtWidgets import QInputDialog, QTextEdit, QToolBar, QVBoxLayout, QWidget

from models.richtext import clean_html

from ..i18n import _
from ..icons import icon
from ..limited_html import document_to_limited_html


class LimitedTextEdit(QTextEdit):
    def insertFromMimeData(self, source) -> None:  # noqa: N802
        if source.hasHtml():
            self.textCursor().insertHtml(clean_html(source.html()))
        else:
            super().insertFromMimeData(source)


class RichTextField(QWidget):
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.toolbar = QToolBar()
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.8)
        self.editor = LimitedTextEdit()
        self.editor.setAcceptRichText(True)
        self.editor.setUndoRedoEnabled(False)  # the editor's undo stack does it, per field
        self.editor.setMinimumHeight(160)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor)
        self._loading = False
        self._rtl = False
        self._direction_set = False
        self._value = ""
        self.editor.textChanged.connect(self._changed)
        self.actions_by_name = {}
        for name, text, shortcut, slot in (
            ("bold", _("Bold"), QKeySequence.StandardKey.Bold, self.toggle_bold),
            ("italic", _("Italic"), QKeySequence.StandardKey.Italic, self.toggle_italic),
            ("bullets", _("Bulleted list"), None, lambda: self.make_list(QTextListFormat.Style.ListDisc)),
            ("numbers", _("Numbered list"), None, lambda: self.make_list(QTextListFormat.Style.ListDecimal)),
            ("link", _("Link …"), QKeySequence("Ctrl+K"), self.ask_link),
            ("clear_format", _("Plain paragraph"), None, self.clear_format),
        ):
            action = self.toolbar.addAction(icon(name), text, slot)
            if shortcut is not None:
                action.setShortcut(shortcut)
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.actions_by_name[name] = action

    def _changed(self) -> None:
        if self._loading:
            return
        value = document_to_limited_html(self.editor.document())
        if value != self._value:
            self._value = value
            self.edited.emit()

    def value(self) -> str:
        return self._value

    def set_value(self, value) -> None:
        value = value or ""
        if value == self._value:
            return
        cursor_position = self.editor.textCursor().position()
        self._loading = True
        try:
            self.editor.setHtml(value)
            self._direct_blocks()
            self._value = document_to_limited_html(self.editor.document()) if value else ""
            cursor = self.editor.textCursor()
            cursor.setPosition(min(cursor_position, self.editor.document().characterCount() - 1))
            self.editor.setTextCursor(cursor)
        finally:
            self._loading = False

    def set_direction(self, rtl: bool) -> None:
        if rtl == self._rtl and self._direction_set:
            return  # every block has it already (set_value directs new blocks itself)
        self._direction_set = True
        self._rtl = rtl
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.editor.setLayoutDirection(direction)
        option = self.editor.document().defaultTextOption()
        option.setTextDirection(direction)
        option.setAlignment(Qt.AlignmentFlag.AlignLeading)
        self.editor.document().setDefaultTextOption(option)
        self._direct_blocks()

    def _direct_blocks(self) -> None:
        """setHtml gives every block its own format; each needs the language's direction,
        so an Arabic paragraph starts at the right edge and its list bullets sit on the right."""
        direction = Qt.LayoutDirection.RightToLeft if self._rtl else Qt.LayoutDirection.LeftToRight
        loading, self._loading = self._loading, True
        try:
            cursor = QTextCursor(self.editor.document())
            cursor.select(QTextCursor.SelectionType.Document)
            block_format = QTextBlockFormat()
            block_format.setLayoutDirection(direction)
            block_format.setAlignment(Qt.AlignmentFlag.AlignLeading)
            cursor.mergeBlockFormat(block_format)
        finally:
            self._loading = loading

    # --- formatting -------------------------------------------------------------------
    def _merge(self, fmt: QTextCharFormat) -> None:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            self.editor.mergeCurrentCharFormat(fmt)
            return
        cursor.mergeCharFormat(fmt)
        self.editor.mergeCurrentCharFormat(fmt)

    def toggle_bold(self) -> None:
        fmt = QTextCharFormat()
        bold = self.editor.fontWeight() < QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self._merge(fmt)

    def toggle_italic(self) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.editor.fontItalic())
        self._merge(fmt)

    def make_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.editor.textCursor()
        current = cursor.currentList()
        if current is not None and current.format().style() == style:
            block_format = cursor.blockFormat()
            current.remove(cursor.block())
            block_format.setIndent(0)
            cursor.setBlockFormat(block_format)
            return
        list_format = QTextListFormat()
        list_format.setStyle(style)
        cursor.createList(list_format)

    def ask_link(self) -> None:
        url, ok = QInputDialog.getText(
            self, _("Link"), _("Web address (https://…), e-mail (mailto:…) or phone (tel:…):")
        )
        if ok and url.strip():
            self.set_link(url.strip())

    def set_link(self, url: str) -> None:
        cursor = self.editor.textCursor()
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(url)
        fmt.setForeground(self.palette().link())
        fmt.setFontUnderline(True)
        if not cursor.hasSelection():
            cursor.insertText(url, fmt)
        else:
            cursor.mergeCharFormat(fmt)
        self._changed()

    def clear_format(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.currentList() is not None:
            cursor.currentList().remove(cursor.block())
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Normal)
        fmt.setFontItalic(False)
        fmt.setAnchor(False)
        fmt.setFontUnderline(False)
        if cursor.hasSelection():
            cursor.setCharFormat(fmt)
        self.editor.setCurrentCharFormat(fmt)
        self._changed()
