"""The offer list as a Qt table model over plain rows (desktop.offers.OfferRow).

Filtering and sorting happen on the plain rows in Python, in one pass each: the model
keeps every row and shows those the filter accepts. A proxy that filters row by row
calls back into Python 10,000 times per keystroke and then announces every removed
range to the view; measured on 10,000 offers that was ten times slower than one list
comprehension and a model reset. The view shows this model directly: a pass-through
sort/filter proxy between them cost Python calls for the row and column counts on every
role of every painted cell (the keystroke's p95 at 10,000 offers was over one frame).
The model does not reset when the shown rows stay the same (typing on within one set of hits).
With the search index, a keystroke's rows are picked from the filtered rows by the index's
bitmap of hits in C (``desktop.search_index.Selection``); unchanged hits are one comparison
of two integers.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from operator import is_

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop.offer_filter import OfferFilter
from desktop.offer_rows import OfferRow
from desktop.search_index import SearchIndex, Selection
from models.vocabulary import PUBLICATION_STATES, STATUS_LABELS

from .dates import moment_text
from .i18n import _, language
from .icons import painted_icon, status_icon

STATUS_ORDER = ("outdated", "missing", "machine", "in_translation", "checked", "approved", "source")
STATE_ICONS = {
    "draft": "mdi6.file-document-edit-outline",
    "published": "mdi6.earth",
    "archived": "mdi6.archive-outline",
}


_ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_ROLES_ANSWERED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.TextAlignmentRole,
        _ROW_ROLE,
    )
)


def _without_text(offer_filter: OfferFilter) -> OfferFilter:
    return replace(offer_filter, text="")


class OfferTableModel(QAbstractTableModel):
    BASE_COLUMNS = ("id", "title", "category", "municipality", "organization", "state", "updated_at")
    RowRole = _ROW_ROLE

    def __init__(self, languages: list[str], ui_language: str | None = None, parent=None):
        super().__init__(parent)
        self._all: list[OfferRow] = []  # every offer, in the current sort order
        self._rows: list[OfferRow] = []  # the ones the filter accepts
        self._position: (
            dict[int, int] | None
        ) = {}  # offer id -> row among the shown ones; None: to be counted
        self._plain: list[OfferRow] | None = None  # the rows the filter accepts, leaving out the search text
        self._languages = list(languages)
        self._ui = ui_language  # None: the interface language at the time of asking
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._filter = OfferFilter(state=None)
        self._index: SearchIndex | None = None
        self._selection: tuple[list[OfferRow], Selection] | None = None  # for these plain rows
        self._shown_hits: tuple[Selection, int] | None = None  # the hits the shown rows were picked by
        self._picking: tuple[Selection, int] | None = None

    @staticmethod
    def headers() -> dict[str, str]:
        return {
            "id": _("No."),
            "title": _("Title"),
            "category": _("Category"),
            "municipality": _("Municipality"),
            "organization": _("Organization"),
            "state": _("State"),
            "updated_at": _("Changed"),
        }

    # --- rows, filter and sort ----------------------------------------------------------------
    def set_rows(self, rows: list[OfferRow]) -> None:
        self._all = list(rows)
        self._sort_all()
        self._refilter()

    def set_filter(self, offer_filter: OfferFilter) -> None:
        if _without_text(offer_filter) != _without_text(self._filter):
            self._plain = None
        self._filter = offer_filter
        self._refilter()

    @property
    def current_filter(self) -> OfferFilter:
        return self._filter

    def set_search(self, text: str) -> None:
        self.set_filter(replace(self._filter, text=text))

    def set_search_index(self, index: SearchIndex | None) -> None:
        self._index = index
        if self._filter.words:
            self._refilter()

    def total(self) -> int:
        return len(self._all)

    def rows(self) -> list[OfferRow]:
        """Every offer, shown or not."""
        return self._all

    def _accepted(self) -> list[OfferRow]:
        f, index = self._filter, self._index if self._index is not None and len(self._index) else None
        if self._plain is None:
            # The other filters change seldom, the text on every keystroke: their rows are kept.
            plain = _without_text(f)
            self._plain = [r for r in self._all if plain.accepts(r, None)]
        if not f.words:
            return self._plain
        if index is not None:
            return self._picked(index, f.text, self._plain)
        return [r for r in self._plain if f.accepts(r, None)]

    def _picked(self, index: SearchIndex, text: str, plain: list[OfferRow]) -> list[OfferRow]:
        """The plain rows the index finds for the text; the shown list itself when its hits are
        the same (typing on within one set of hits)."""
        if self._selection is None or self._selection[0] is not plain or not self._selection[1].fits(index):
            self._selection = (plain, index.selection(r.id for r in plain))
        selection = self._selection[1]
        hits = index.hits(text)
        self._picking = (selection, selection.mask if hits is None else hits & selection.mask)
        if self._shown_hits is not None and self._shown_hits[0] is selection:
            if self._shown_hits[1] == self._picking[1]:
                return self._rows
        return selection.pick(self._picking[1], plain)

    def _refilter(self) -> None:
        self._picking = None
        rows = self._accepted()
        self._shown_hits, self._picking = self._picking, None
        if rows is self._rows or (len(rows) == len(self._rows) and all(map(is_, rows, self._rows))):
            return  # the same rows as shown: nothing to lay out or paint
        self.beginResetModel()
        self._rows = rows
        self._position = None
        self.endResetModel()

    def _sort_all(self) -> None:
        self._plain = None
        if self._sort:
            self._all.sort(
                key=self._sort_key(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder
            )

    def row_at(self, row: int) -> OfferRow:
        return self._rows[row]

    def row_of(self, offer_id: int) -> int | None:
        """The offer's row among the shown ones (None when filtered out or gone)."""
        if self._position is None:
            self._position = {row.id: i for i, row in enumerate(self._rows)}
        return self._position.get(offer_id)

    def put_row(self, offer: OfferRow) -> None:
        """Insert or replace one offer's row (after a save), without reading the list again."""
        self._plain = None
        for i, row in enumerate(self._all):
            if row.id == offer.id:
                self._all[i] = offer
                break
        else:
            self._all.append(offer)
        position = self.row_of(offer.id)
        if position is not None and self._filter.accepts(
            offer, self._index if self._index and len(self._index) else None
        ):
            self._rows[position] = offer
            self.dataChanged.emit(self.index(position, 0), self.index(position, self.columnCount() - 1))
        else:
            self._refilter()

    def remove_offer(self, offer_id: int) -> None:
        self._all = [r for r in self._all if r.id != offer_id]
        self._plain = None
        if self.row_of(offer_id) is not None:
            self._refilter()

    def language_of_column(self, column: int) -> str | None:
        offset = column - len(self.BASE_COLUMNS)
        return self._languages[offset] if 0 <= offset < len(self._languages) else None

    # --- Qt model ---------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.BASE_COLUMNS) + len(self._languages)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None  # a header view may ask for a section the model no longer has
        code = self.language_of_column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return code if code else self.headers()[self.BASE_COLUMNS[section]]
        if role == Qt.ItemDataRole.ToolTipRole and code:
            from models.languages import display_name

            return display_name(code, self._ui or language())
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES_ANSWERED or not index.isValid() or index.row() >= len(self._rows):
            return None  # a painted cell is asked for about eight roles; most have no answer here
        row = self._rows[index.row()]
        if role == self.RowRole:
            return row
        code = self.language_of_column(index.column())
        if code is not None:
            return self._status_data(row.statuses.get(code, "missing"), role)
        name = self.BASE_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "state":
                return PUBLICATION_STATES.get(row.state, {}).get(self._ui or language(), row.state)
            if name == "updated_at":
                return moment_text(row.updated_at) if row.updated_at else ""
            return getattr(row, name)
        if role == Qt.ItemDataRole.DecorationRole and name == "state":
            return painted_icon(STATE_ICONS.get(row.state, "mdi6.help"), "#606060")
        if role == Qt.ItemDataRole.TextAlignmentRole and name == "id":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _status_data(self, status: str, role):
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return STATUS_LABELS.get(status, {}).get(self._ui or language(), status)
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
        self._sort_all()
        self._refilter()
