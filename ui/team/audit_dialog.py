"""The audit log (administrators): who did what when, filtered by item, person and action,
exported as CSV. Read through desktop/team/audit.py off the GUI thread."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.errors import error_message
from desktop.team.audit import AuditEntry, read_audit, write_audit_csv

from ..dates import moment_text
from ..i18n import _, language
from ..operations import Operations
from ..wheel_guard import ComboBox


def item_names() -> dict[str, str]:
    return {
        "": _("every item"),
        "offer": _("offers, pages, events"),
        "offer_text": _("texts"),
        "person": _("people and rights"),
        "lotse_scope": _("scopes"),
        "region": _("region and publishing"),
        "glossary_term": _("glossary"),
        "offer_todo": _("to-dos"),
    }


class AuditDialog(QDialog):
    def __init__(self, context: AppContext, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.operations = operations
        self.entries: list[AuditEntry] = []
        self.setWindowTitle(_("Audit log"))
        self.resize(1000, 560)
        self.item = ComboBox()
        self.item.setObjectName("audit_item")
        for key, label in item_names().items():
            self.item.addItem(label, key)
        self.item_id = QLineEdit()
        self.item_id.setObjectName("audit_item_id")
        self.item_id.setPlaceholderText(_("number"))
        self.item_id.setMaximumWidth(90)
        self.person = QLineEdit()
        self.person.setObjectName("audit_person")
        self.person.setPlaceholderText(_("every person"))
        self.action = QLineEdit()
        self.action.setObjectName("audit_action")
        self.action.setPlaceholderText(_("e.g. update, publish.package"))
        show = QPushButton(_("Show"))
        show.setObjectName("audit_show")
        show.clicked.connect(self.reload)
        for edit in (self.item_id, self.person, self.action):
            edit.returnPressed.connect(self.reload)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(_("Item")))
        filters.addWidget(self.item)
        filters.addWidget(self.item_id)
        filters.addWidget(QLabel(_("Person")))
        filters.addWidget(self.person)
        filters.addWidget(QLabel(_("Action")))
        filters.addWidget(self.action)
        filters.addWidget(show)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("audit_table")
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("Person"), _("Action"), _("Item"), _("Number"), _("Language"), _("Details")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        export = QPushButton(_("Export as CSV …"))
        export.setObjectName("audit_export")
        export.clicked.connect(self.export)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(export)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.reload()

    def filters(self) -> dict:
        number = self.item_id.text().strip()
        return {
            "item": self.item.currentData() or None,
            "item_id": int(number) if number.isdigit() else None,
            "person": self.person.text().strip() or None,
            "action": self.action.text().strip() or None,
        }

    def reload(self) -> None:
        db, wanted = self.context.db, self.filters()
        self.operations.run(
            _("Reading the audit log"),
            lambda: read_audit(db, **wanted),
            on_done=self._show,
            on_error=self._failed,
            parent=self,
        )

    def _show(self, entries: list[AuditEntry]) -> None:
        self.entries = entries
        names = item_names()
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            details = {k: v for k, v in entry.details.items() if v is not None}
            cells = [
                moment_text(entry.at, seconds=True),
                entry.person,
                entry.action,
                names.get(entry.item or "", entry.item or ""),
                "" if entry.item_id is None else str(entry.item_id),
                entry.language or "",
                json.dumps(details, ensure_ascii=False, sort_keys=True) if details else "",
            ]
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.status.setStyleSheet("")
        self.status.setText(_("{count} entries (newest first)").format(count=len(entries)))

    def _failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet("color: #B00020;")
        self.status.setText(error_message(exc, language()))

    def export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export the audit log"), str(Path.home() / "lotse-audit.csv"), "CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """The entries shown (with the filters applied), written off the GUI thread."""
        entries = list(self.entries)
        self.operations.run(
            _("Export the audit log"),
            lambda: write_audit_csv(entries, path),
            on_done=lambda written: self.status.setText(_("Saved: {path}").format(path=written)),
            on_error=self._failed,
            parent=self,
        )
