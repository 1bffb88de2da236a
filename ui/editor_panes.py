"""The three panes of the pages and the events tab: the tab's list, the kind's editor and the
languages of what is open in it (the offers tab builds its own in the main window)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from .editor.item_editor import ItemEditor
from .i18n import Message
from .languages_panel import LanguagesPanel, attach_languages


def editor_panes(
    tab: QWidget, window: Any, left: QWidget, kind: str, sizes: list[int], hint: Message
) -> tuple[ItemEditor, QSplitter, LanguagesPanel]:
    """Lay ``left``, a new editor for ``kind`` and its languages side by side into ``tab``;
    ``hint`` says what a click and a double-click on a language do there."""
    editor = ItemEditor(
        window.context, window.choices, kind, operations=window.operations,
        autosave_ms=window.editor.autosave_timer.interval(),
    )  # fmt: skip
    editor.setObjectName(f"{kind}_editor")
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(left)
    splitter.addWidget(editor)
    languages = LanguagesPanel(window.choices, hint=hint)
    attach_languages(languages, editor, window.notifier)
    splitter.addWidget(languages)
    splitter.setSizes(sizes)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
    return editor, splitter, languages
