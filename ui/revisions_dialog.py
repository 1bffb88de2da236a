"""The revisions of one offer: who saved what when, a readable word diff, and restore."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from desktop.choices import Choices
from desktop.content_items import item_names
from desktop.context import AppContext
from desktop.errors import LotseError
from desktop.offers import RevisionEntry, offer_history, restore
from models.revision_notes import render_note

from .dates import moment_text as entry_when
from .i18n import _, language
from .icons import icon
from .review.diff_html import diff_to_html


def entry_line(entry: RevisionEntry) -> str:
    """One line of the list: when, who, what, and the note in the interface language."""
    what = _("Text {language}").format(language=entry.language_code) if entry.kind == "text" else _("Facts")
    flags = (" · " + _("minor")) if entry.minor else ""
    note = render_note(entry.note)
    fields = ", ".join(c.label for c in entry.changes) or "—"
    return f"{entry_when(entry.created_at)} · {entry.author or '?'} · {what}{flags}" + (
        f" · {note}\n{fields}" if note else f"\n{fields}"
    )


def entry_html(entry: RevisionEntry) -> str:
    if not entry.changes:
        return (
            "<p><i>"
            + html.escape(_("No visible change (e.g. only the status or the formatting)."))
            + "</i></p>"
        )
    parts = []
    for change in entry.changes:
        parts.append(f"<h4>{html.escape(change.label)}</h4><p>{diff_to_html(change.spans)}</p>")
    return "".join(parts)


class RevisionsDialog(QDialog):
    restored = Signal(int)

    def __init__(
        self,
        context: AppContext,
        offer_id: int,
        choices: Choices,
        parent=None,
        *,
        kind: str = "offer",
        operations: Any = None,
    ):
        super().__init__(parent)
        self.context = context
        self.offer_id = offer_id
        self.kind = kind
        self.operations = operations  # the window's: a restore runs there
        titles = {"page": _("Revisions of page no. {id}"), "event": _("Revisions of event no. {id}")}
        self.setWindowTitle(titles.get(kind, _("Revisions of offer no. {id}")).format(id=offer_id))
        self.resize(980, 620)
        self.list = QListWidget()
        self.list.setObjectName("revision_list")
        self.view = QTextBrowser()
        self.view.setObjectName("revision_diff")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.view)
        splitter.setSizes([380, 600])
        self.restore_button = QPushButton(icon("mdi6.backup-restore"), _("Restore this version"))
        self.restore_button.setObjectName("restore_revision")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(row)
        self.id_names = {
            "category_id": {c.id: c.name for c in choices.categories},
            "organization_id": {o.id: o.name for o in choices.organizations},
            "municipality_id": {m.id: m.name for m in choices.municipalities},
            **item_names(context.db, kind),
        }
        self.list.currentRowChanged.connect(self._show)
        self.load()

    def load(self) -> None:
        self.entries = offer_history(self.context.db, self.offer_id, language(), self.id_names)
        self.list.clear()
        for entry in self.entries:
            item = QListWidgetItem(entry_line(entry))
            item.setToolTip(item.text())  # the list is narrow: a long note is cut off there
            item.setIcon(icon("mdi6.text-box-outline" if entry.kind == "text" else "mdi6.map-marker-outline"))
            self.list.addItem(item)
        if self.entries:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        self.restore_button.setEnabled(0 <= row < len(self.entries))
        if 0 <= row < len(self.entries):
            entry = self.entries[row]
            text = render_note(entry.note)
            note = f"<p><i>{html.escape(text)}</i></p>" if text else ""
            self.view.setHtml(note + entry_html(entry))

    def _restored(self) -> None:
        self.restored.emit(self.offer_id)
        self.load()

    def restore_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.entries):
            return
        db, user, entry = self.context.db, self.context.user, self.entries[row]
        if self.kind != "offer":
            from desktop.content_items import restore_item_version

            work: Callable[[], object] = lambda: restore_item_version(db, entry, author=user)  # noqa: E731
        else:
            work = lambda: restore(db, entry, author=user)  # noqa: E731
        if self.operations is not None:
            # An operation like every other: the window's views hear of it on the notifier.
            self.operations.run(
                _("Restore this version"), work, origin=self, on_done=lambda _r: self._restored(), parent=self
            )
            return
        try:
            work()
        except LotseError as exc:
            QMessageBox.warning(self, "Lotse", exc.message(language()))
            return
        self._restored()
