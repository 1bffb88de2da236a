"""Above the editor's form: what an import left to do on this offer, with "done"."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from desktop.offer_todos import mark_done, open_todos

from ..i18n import _, language, on_language_change


class TodoBanner(QFrame):
    def __init__(self, context, operations, parent=None):
        super().__init__(parent)
        self.context, self.operations = context, operations
        self.setObjectName("todo_banner")
        self.setStyleSheet("#todo_banner { background: #FBE3C0; border-radius: 4px; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.done_button = QPushButton(_("Done"))
        self.done_button.setToolTip(_("The to-dos are dealt with: hide them"))
        self.done_button.clicked.connect(self.done)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.done_button)
        self.todos: list = []
        self.setVisible(False)
        on_language_change(self, self._draw)

    def show_for(self, offer_id: int | None) -> None:
        self.todos = open_todos(self.context.db, offer_id) if offer_id else []
        self.setVisible(bool(self.todos))
        self._draw()

    def _draw(self) -> None:
        """The to-dos in the interface language (they are stored as messages, not words)."""
        if self.todos:
            ui = language()
            lines = "".join(
                f"<li>{html.escape(t.message(ui))}</li>" for t in self.todos
            )  # values are user text
            title = _("To do from the import")
            self.label.setText(f"<b>{title}</b> ({html.escape(self.todos[0].source)})<ul>{lines}</ul>")

    def done(self) -> None:
        ids = [t.id for t in self.todos]
        self.todos = []
        self.setVisible(False)
        self.operations.run(_("Done"), lambda: mark_done(self.context.db, ids), origin=self, parent=self)
