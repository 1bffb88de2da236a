"""The offer list as a Qt table model over plain rows (desktop.offers.OfferRow)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from desktop.offers import OfferRow
from models.vocabulary import PUBLICATION_STATES, STATUS_LABELS

STATUS_COLOURS = {
    "missing": "#B0B0B0",
    "machine": "#E0A030",
    "checked": "#3C8DBC",
    "approved": "#2E9E44",
    "outdated": "#D04040",
    "in_translation": "#8E6CC0",
    "source": "#505050",
}


class OfferTableModel(QAbstractTableModel):
    BASE_COLUMNS = ("id", "title", "category", "municipality", "organization", "state")
    HEADERS = {
        "de": {"id": "Nr.", "title": "Titel", "category": "Kategorie", "municipality": "Kommune", "organization": "Träger", "state": "Stand"},
        "en": {"id": "ID", "title": "Title", "category": "Category", "municipality": "Municipality", "organization": "Organization", "state": "State"},
    }
    RowRole = Qt.ItemDataRole.UserRole + 1
    SearchRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, languages: list[str], ui_language: str = "de", parent=None):
        super().__init__(parent)
        self._rows: list[OfferRow] = []
        self._languages = [c for c in languages]
        self._ui = ui_language

    def set_rows(self, rows: list[OfferRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> OfferRow:
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.BASE_COLUMNS) + len(self._languages)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(self.BASE_COLUMNS):
            return self.HEADERS.get(self._ui, self.HEADERS["en"])[self.BASE_COLUMNS[section]]
        return self._languages[section - len(self.BASE_COLUMNS)]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == self.RowRole:
            return row
        if column < len(self.BASE_COLUMNS):
            name = self.BASE_COLUMNS[column]
            if role == Qt.ItemDataRole.DisplayRole:
                if name == "state":
                    return PUBLICATION_STATES.get(row.state, {}).get(self._ui, row.state)
                return getattr(row, name)
            if role == Qt.ItemDataRole.EditRole:  # what sorting compares
                return getattr(row, name)
            return None
        status = row.statuses.get(self._languages[column - len(self.BASE_COLUMNS)], "missing")
        if role == Qt.ItemDataRole.DisplayRole:
            return STATUS_LABELS.get(status, {}).get(self._ui, status)
        if role == Qt.ItemDataRole.EditRole:
            return status
        if role == Qt.ItemDataRole.ForegroundRole:
            from PySide6.QtGui import QColor

            return QColor(STATUS_COLOURS.get(status, "#000000"))
        return None


class OfferFilterProxy(QSortFilterProxyModel):
    """Filters on a lower-cased search text over title, category, municipality, organization, address."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._needle = ""
        self.setSortRole(Qt.ItemDataRole.EditRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_search(self, text: str) -> None:
        self._needle = text.strip().casefold()
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802
        if not self._needle:
            return True
        row: OfferRow = self.sourceModel().row_at(source_row)
        haystack = f"{row.title} {row.category} {row.municipality} {row.organization} {row.street} {row.town}".casefold()
        return all(part in haystack for part in self._needle.split())
