"""The settings' "Categories" tab: each category's name in every language of the region,
as a table; an empty cell (tinted) is printed in German on that language's flyers."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from desktop.category_names import CategoryNameTable

from .i18n import _

MISSING = QColor("#FFF4D0")


class CategoryNamesTab(QWidget):
    def __init__(self, table: CategoryNameTable, parent=None):
        super().__init__(parent)
        self.data = table
        layout = QVBoxLayout(self)
        hint = QLabel(
            _(
                "Category names as flyers and brochures print them. A tinted cell has no name yet: "
                "that language's flyers print the German name and say so."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = QTableWidget(len(table.categories), len(table.languages))
        self.table.setObjectName("category_names")
        self.table.setHorizontalHeaderLabels([f"{name} ({code})" for code, name in table.languages])
        self.table.setVerticalHeaderLabels([c.slug for c in table.categories])
        for row, category in enumerate(table.categories):
            for column, (code, _name) in enumerate(table.languages):
                item = QTableWidgetItem(category.names.get(code, ""))
                self.table.setItem(row, column, item)
                self._tint(item)
        self.table.itemChanged.connect(self._tint)
        layout.addWidget(self.table, 1)

    @staticmethod
    def _tint(item: QTableWidgetItem) -> None:
        item.setBackground(MISSING if not item.text().strip() else QColor(0, 0, 0, 0))

    def set_name(self, slug: str, code: str, name: str) -> None:
        row = [c.slug for c in self.data.categories].index(slug)
        column = [c for c, _n in self.data.languages].index(code)
        self.table.item(row, column).setText(name)

    def changed_names(self) -> dict[int, dict[str, str]]:
        """category id -> language -> name, only what differs from what was loaded."""
        out: dict[int, dict[str, str]] = {}
        for row, category in enumerate(self.data.categories):
            for column, (code, _name) in enumerate(self.data.languages):
                value = self.table.item(row, column).text().strip()
                if value != category.names.get(code, ""):
                    out.setdefault(category.id, {})[code] = value
        return out
