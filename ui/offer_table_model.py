"""The offer list as a Qt table model over plain rows (desktop.offers.OfferRow), and the
proxy that filters it.

Sorting happens on the plain rows in Python (one ``list.sort`` with a key), not through
the proxy's comparisons, which would call back into Python about a million times for
10,000 offers; the proxy keeps the source order and only filters.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from desktop.offer_search import OfferFilter, SearchIndex
from desktop.offers import OfferRow
from models.vocabulary import PUBLICATION_STATES, STATUS_LABELS

from .i18n import _, language
from .icons import STATUS_COLOURS, icon, status_colour, status_icon  # noqa: F401 (STATUS_COLOURS re-exported)

STATUS_ORDER = ("outdated", "missing", "machine", "in_translation", "checked", "approved", "source")
STATE_ICONS = {"draft": "mdi6.file-document-edit-outline", "published": "mdi6.earth", "archived": "mdi6.archive-outline"}


class OfferTableModel(QAbstractTableModel):
    BASE_COLUMNS = ("id", "title", "category", "municipality", "organization", "state", "updated_at")
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, languages: list[str], ui_language: str | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[OfferRow] = []
        self._position: dict[int, int] = {}
        self._languages = list(languages)
        self._ui = ui_language or language()
        self._sort: tuple[int, Qt.SortOrder] | None = None

    @staticmethod
    def headers() -> dict[str, str]:
        return {
            "id": _("No."), "title": _("Title"), "category": _("Category"), "municipality": _("Municipality"),
            "organization": _("Organization"), "state": _("State"), "updated_at": _("Changed"),
        }

    # --- rows -------------------------------------------------------------------------
    def set_rows(self, rows: list[OfferRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort:
            self._rows.sort(key=self._sort_key(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self._reindex()
        self.endResetModel()

    def rows(self) -> list[OfferRow]:
        return self._rows

    def row_at(self, row: int) -> OfferRow:
        return self._rows[row]

    def row_of(self, offer_id: int) -> int | None:
        return self._position.get(offer_id)

    def put_row(self, offer: OfferRow) -> None:
        """Insert or replace one offer's row (after a save), without reloading the list."""
        position = self._position.get(offer.id)
        if position is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(offer)
            self._position[offer.id] = len(self._rows) - 1
            self.endInsertRows()
        else:
            self._rows[position] = offer
            self.dataChanged.emit(self.index(position, 0), self.index(position, self.columnCount() - 1))

    def remove_offer(self, offer_id: int) -> None:
        position = self._position.get(offer_id)
        if position is None:
            return
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self._reindex()
        self.endRemoveRows()

    def _reindex(self) -> None:
        self._position = {row.id: i for i, row in enumerate(self._rows)}

    def language_of_column(self, column: int) -> str | None:
        offset = column - len(self.BASE_COLUMNS)
        return self._languages[offset] if 0 <= offset < len(self._languages) else None

    # --- Qt model ---------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.BASE_COLUMNS) + len(self._languages)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        code = self.language_of_column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return code if code else self.headers()[self.BASE_COLUMNS[section]]
        if role == Qt.ItemDataRole.ToolTipRole and code:
            from models.languages import display_name

            return display_name(code, self._ui)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == self.RowRole:
            return row
        code = self.language_of_column(index.column())
        if code is not None:
            return self._status_data(row.statuses.get(code, "missing"), role)
        name = self.BASE_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "state":
                return PUBLICATION_STATES.get(row.state, {}).get(self._ui, row.state)
            if name == "updated_at":
                return row.updated_at.astimezone().strftime("%d.%m.%Y %H:%M") if row.updated_at else ""
            return getattr(row, name)
        if role == Qt.ItemDataRole.DecorationRole and name == "state":
            return icon(STATE_ICONS.get(row.state, "mdi6.help"), "#606060")
        if role == Qt.ItemDataRole.TextAlignmentRole and name == "id":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _status_data(self, status: str, role):
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return STATUS_LABELS.get(status, {}).get(self._ui, status)
        if role == Qt.ItemDataRole.EditRole:
            return status
        return None

    # --- sorting on the plain rows --------------------------------------------------------
    def _sort_key(self, column: int):
        code = self.language_of_column(column)
        if code is not None:
            order = {s: i for i, s in enumerate(STATUS_ORDER)}
            return lambda r: order.get(r.statuses.get(code, "missing"), 0)
        name = self.BASE_COLUMNS[column]
        if name == "id":
            return lambda r: r.id
        if name == "updated_at":
            floor = datetime.min
            return lambda r: r.updated_at.replace(tzinfo=None) if r.updated_at else floor
        return lambda r: (str(getattr(r, name) or "").casefold(), r.id)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in persistent]
        self._rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self._reindex()
        self.changePersistentIndexList(
            persistent, [self.index(self._position[oid], i.column()) for oid, i in zip(ids, persistent)]
        )
        self.layoutChanged.emit()


class OfferFilterProxy(QSortFilterProxyModel):
    """Filters the rows by an OfferFilter (search words and filters); sorting is the source's."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filter = OfferFilter()
        self.index_of_words: SearchIndex | None = None

    @property
    def current_filter(self) -> OfferFilter:
        return self._filter

    def set_filter(self, offer_filter: OfferFilter) -> None:
        self.beginFilterChange()
        self._filter = offer_filter
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        from dataclasses import replace

        self.set_filter(replace(self._filter, text=text))

    def set_search_index(self, index: SearchIndex | None) -> None:
        self.beginFilterChange()
        self.index_of_words = index
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802
        return self._filter.accepts(self.sourceModel().row_at(source_row), self.index_of_words)
