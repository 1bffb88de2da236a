"""The import's second step: the whole file as a table, every cell's problem beside it.

A model over the preview's rows (20,000 rows stay quick: nothing is built per cell);
a double-click edits a cell, which the dialog checks again. Below it, target-group phrases
Lotse does not know, each with a choice that is remembered.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.cell_reading import EMPTIED, FATAL, INFO, KEPT, REMOVED
from models.vocabulary import TARGET_GROUPS

from ..i18n import N_, _
from ..wheel_guard import ComboBox

COLOURS = {
    FATAL: "#F4C7C7",
    EMPTIED: "#FBE3C0",
    KEPT: "#FFF3B8",
    REMOVED: "#E4DDF5",
    INFO: "#DCEBFA",
    "skip": "#E6E6E6",
}


class SheetModel(QAbstractTableModel):
    edited = Signal(int, int, str)  # row number in the file, column index, new text

    def __init__(self, ui: str):
        super().__init__()
        self.ui = ui
        self.preview = None
        self.columns: dict[str, int] = {}

    def set_preview(self, preview) -> None:
        self.beginResetModel()
        self.preview = preview
        self.columns = {key: index for index, key in preview.mapping.items()}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802 - Qt's name
        return (
            0 if (parent is not None and parent.isValid()) or self.preview is None else len(self.preview.rows)
        )

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return (
            0
            if (parent is not None and parent.isValid()) or self.preview is None
            else len(self.preview.headers) + 2
        )

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or self.preview is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(self.preview.rows[section].number)
        headers = self.preview.headers
        if section < len(headers):
            return headers[section]
        return _("Result") if section == len(headers) else _("Problems")

    def _issues(self, row, column: int) -> list:
        key = self.preview.mapping.get(column)
        return [i for i in row.issues if key and i.field == key]

    def _result(self, row) -> str:
        if not row.ok:
            return _("cannot be imported")
        if row.action == "skip":
            return _("skipped")
        if row.action == "update":
            return _("updates offer {duplicate_of}").format(duplicate_of=row.duplicate_of[1])
        if row.faulty:
            return _("draft with to-dos")
        return _("draft")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.preview is None:
            return None
        row = self.preview.rows[index.row()]
        column, width = index.column(), len(self.preview.headers)
        cells = self.preview.table.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column < width:
                return cells[column] if column < len(cells) else ""
            if column == width:
                return self._result(row)
            lines = [f"{c or '–'}: {what}" for _n, c, _v, what, _t in self.preview.row_problems(row, self.ui)]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole and column < width:
            return "\n".join(
                f"{i.message(self.ui)} {i.todo(self.ui)}".strip() for i in self._issues(row, column)
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            if column < width:
                issues = self._issues(row, column)
                return QColor(COLOURS[issues[0].kind]) if issues else None
            if column == width and (not row.ok or row.action == "skip"):
                return QColor(COLOURS[FATAL if not row.ok else "skip"])
        return None

    def flags(self, index):
        base = super().flags(index)
        if self.preview is not None and index.column() < len(self.preview.headers):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or self.preview is None:
            return False
        self.edited.emit(self.preview.rows[index.row()].number, index.column(), str(value))
        return True


DUPLICATE_CHOICES = (
    ("skip", N_("Skip this row")),
    ("update", N_("Update the existing offer with it")),
    ("keep", N_("Keep both (create it)")),
)


class CheckedSheet(QTableView):
    cell_edited = Signal(int, int, str)
    duplicate_chosen = Signal(int, str)  # row number in the file, skip / update / keep

    def __init__(self, ui: str):
        super().__init__()
        self.ui = ui
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.model_ = SheetModel(ui)
        self.setModel(self.model_)
        self.model_.edited.connect(self.cell_edited)
        self.setWordWrap(True)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def duplicate_menu(self, row_index: int) -> QMenu | None:
        """For a duplicate row: its own choice (right click)."""
        preview = self.model_.preview
        if preview is None or not preview.rows[row_index].duplicate_of:
            return None
        row = preview.rows[row_index]
        menu = QMenu(self)
        for key, label in DUPLICATE_CHOICES:
            if key == "update" and row.duplicate_of[0] != "offer":
                continue  # the row it repeats is not saved yet
            action = menu.addAction(label.render())
            action.triggered.connect(lambda _on=False, k=key: self.duplicate_chosen.emit(row.number, k))
        return menu

    def _menu(self, position) -> None:
        menu = self.duplicate_menu(self.indexAt(position).row())
        if menu is not None:
            menu.exec(self.viewport().mapToGlobal(position))

    def show_preview(self, preview) -> None:
        self.model_.set_preview(preview)
        for column in range(len(preview.headers)):
            self.setColumnWidth(column, 130)
        self.setColumnWidth(len(preview.headers), 150)
        if len(preview.rows) <= 500:  # measuring every row of a long file would take seconds
            self.resizeRowsToContents()


class GroupAnswers(QWidget):
    """Target-group phrases Lotse does not know, each with a choice; "Zuordnen" remembers them."""

    answered = Signal(dict)

    def __init__(self, ui: str):
        super().__init__()
        self.ui = ui
        self.combos: dict[str, QComboBox] = {}
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.setVisible(False)

    def show_phrases(self, phrases: list[str]) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
            elif item.layout():
                while item.layout().count():
                    inner = item.layout().takeAt(0)
                    if inner.widget():
                        inner.widget().deleteLater()
        self.combos = {}
        self.setVisible(bool(phrases))
        if not phrases:
            return
        self.layout_.addWidget(QLabel(_("Target groups Lotse does not know:")))
        for phrase in phrases[:20]:
            line = QHBoxLayout()
            line.addWidget(QLabel(f"„{phrase}“ →"))
            combo = ComboBox()
            combo.addItem(_("– leave it (in the notes) –"), "")
            for key, names in TARGET_GROUPS.items():
                combo.addItem(names.render(), key)
            line.addWidget(combo)
            line.addStretch(1)
            self.combos[phrase] = combo
            self.layout_.addLayout(line)
        apply = QPushButton(_("Map and remember"))
        apply.clicked.connect(self.apply)
        self.layout_.addWidget(apply)

    def choose(self, phrase: str, key: str) -> None:
        self.combos[phrase].setCurrentIndex(self.combos[phrase].findData(key))

    def apply(self) -> None:
        answers = {p: c.currentData() for p, c in self.combos.items() if c.currentData()}
        if answers:
            self.answered.emit(answers)
