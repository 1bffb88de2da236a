"""The left pane: search as you type, filters, the offer table and its counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.choice_values import Choices
from desktop.offer_filter import ACTIVE, OfferFilter
from models.vocabulary import PUBLICATION_STATES, STATUS_LABELS

from .i18n import _, language
from .icons import icon, status_icon
from .offer_table_model import OfferTableModel
from .wheel_guard import ComboBox


class OfferListPanel(QWidget):
    def __init__(self, choices: Choices, parent=None):
        super().__init__(parent)
        self.choices = choices
        self.model = OfferTableModel([lc.code for lc in choices.languages], None, self)
        self.proxy = self.model  # the name features and tests know; the view shows the model itself
        self.model.set_filter(OfferFilter())  # the archive is not shown at first

        self.search = QLineEdit(
            placeholderText=_("Search title, text, organization, address … in every language")
        )
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        # Every keystroke filters at once: the index narrows from the last hits and keeps
        # recent answers, so even 10,000 offers need no delay that would hide the cost.
        self.search.textChanged.connect(lambda _t: self._apply_search())
        self.search.returnPressed.connect(self.focus_first_row)

        self.category = self._combo(
            "filter_category", _("All categories"), [(c.id, c.name) for c in choices.categories]
        )
        self.municipality = self._combo(
            "filter_municipality", _("All municipalities"), [(m.id, m.name) for m in choices.municipalities]
        )
        self.organization = self._combo(
            "filter_organization", _("All organizations"), [(o.id, o.name) for o in choices.organizations]
        )
        ui = language()
        self.state = self._combo(
            "filter_state",
            _("All states"),
            [(ACTIVE, _("Not archived"))] + [(k, v.get(ui, v["en"])) for k, v in PUBLICATION_STATES.items()],
        )
        self.state.setCurrentIndex(1)
        self.translation_language = self._combo(
            "filter_language",
            _("Any language"),
            [(lc.code, f"{lc.native_name} ({lc.code})") for lc in choices.languages],
        )
        self.translation_status = self._combo("filter_status", _("any status"), [])
        for status, labels in STATUS_LABELS.items():
            self.translation_status.addItem(status_icon(status), labels.get(ui, labels["en"]), status)
        self.unconfirmed = self._combo(
            "filter_unconfirmed",
            _("Confirmed or not"),
            [
                (months, _("not confirmed for {months} months").format(months=months))
                for months in (6, 12, 24)
            ],
        )

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for index, combo in enumerate(
            (
                self.category,
                self.municipality,
                self.organization,
                self.state,
                self.translation_language,
                self.translation_status,
                self.unconfirmed,
            )
        ):
            filters.addWidget(combo, index // 2, index % 2)

        self.table = QTableView()
        self.table.setObjectName("offer_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self._default_widths()
        # The count under the list sits in a box of fixed height without a layout: a QLabel asks
        # its parents to lay out again on every new text, and the QTabWidget above answers that
        # by repainting everything it holds (the editor too) on each keystroke that changes the
        # count. In the box a new count repaints the label only.
        count_box = QWidget()
        self.count_label = QLabel(count_box)
        self.count_label.setObjectName("offer_count")
        count_box.setFixedHeight(self.count_label.sizeHint().height())
        count_box.installEventFilter(self)
        self._count_box = count_box
        self.loading = False
        # Over the empty table while the list is first read (the status bar shows the work too).
        self.placeholder = QLabel(_("Loading offers …"), self.table.viewport())
        self.placeholder.setObjectName("offers_loading")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)  # drawn in the palette's grey
        self.placeholder.hide()
        self.table.viewport().installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(count_box)
        self.proxy.rowsInserted.connect(self.update_count)
        self.proxy.rowsRemoved.connect(self.update_count)
        self.proxy.modelReset.connect(self.update_count)
        self.proxy.layoutChanged.connect(self.update_count)

    def set_loading(self, loading: bool) -> None:
        """While the list is read: "Loading offers …" over an empty table and in the count."""
        self.loading = loading
        self.placeholder.setVisible(loading and not self.model.total())
        self._place_placeholder()
        self.update_count()

    def _place_placeholder(self) -> None:
        self.placeholder.setGeometry(self.table.viewport().rect())

    def eventFilter(self, obj, event):  # noqa: N802 (Qt naming)
        if event.type() == event.Type.Resize:
            if obj is self.table.viewport():
                self._place_placeholder()
            elif obj is self._count_box:
                self.count_label.resize(event.size())
        return False

    def _combo(self, name: str, everything: str, items) -> QComboBox:
        combo = ComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        for value, label in items:
            combo.addItem(label, value)
        # Not as wide as the longest organization's name (the list could not give way to the
        # languages panel at 1280 pixels); the open list shows the names in full.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        return combo

    def _default_widths(self) -> None:
        widths = {
            "id": 40,
            "title": 240,
            "category": 100,
            "municipality": 95,
            "organization": 120,
            "state": 105,
            "updated_at": 105,
        }
        for column, name in enumerate(self.model.BASE_COLUMNS):
            self.table.setColumnWidth(column, widths[name])
        for column in range(len(self.model.BASE_COLUMNS), self.model.columnCount()):
            self.table.setColumnWidth(column, 34)

    def restore_columns(self, saved: bytes | None) -> None:
        """The columns as the user left them (order, widths, hidden ones, sorting); at first by number."""
        if saved:
            self.table.horizontalHeader().restoreState(saved)
        else:
            self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def _column_menu(self, position) -> None:
        """Right-click on the header: show or hide columns (remembered with the layout)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(self.model.columnCount()):
            label = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(position))

    def current_filter(self) -> OfferFilter:
        return OfferFilter(
            text=self.search.text(),
            category_id=self.category.currentData(),
            municipality_id=self.municipality.currentData(),
            organization_id=self.organization.currentData(),
            state=self.state.currentData(),
            language=self.translation_language.currentData(),
            language_status=self.translation_status.currentData(),
            unconfirmed_months=self.unconfirmed.currentData() if hasattr(self, "unconfirmed") else None,
        )

    def _apply_search(self) -> None:
        self.proxy.set_search(self.search.text())
        self.update_count()

    def _apply_filters(self) -> None:
        if not hasattr(self, "translation_status"):
            return  # still building the combos
        self.proxy.set_filter(self.current_filter())
        self.update_count()

    def show_status(self, code: str, status: str) -> None:
        """Filter to "all offers with <language> <status>"."""
        self.translation_language.setCurrentIndex(self.translation_language.findData(code))
        self.translation_status.setCurrentIndex(self.translation_status.findData(status))

    def focus_first_row(self) -> None:
        """Enter in the search field: on to the first offer found (arrow keys go on from there)."""
        if self.proxy.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)

    def update_count(self, *_args) -> None:
        shown, total = self.proxy.rowCount(), self.model.total()
        if self.loading and not total:
            self.count_label.setText(_("Loading offers …"))
            return
        self.count_label.setText(_("{shown} of {total} offers").format(shown=shown, total=total))

    # --- rows and selection --------------------------------------------------------------
    def offer_id_at(self, row: int) -> int:
        return self.model.row_at(row).id

    def visible_offer_ids(self) -> list[int]:
        return [self.offer_id_at(r) for r in range(self.proxy.rowCount())]

    def selected_offer_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.offer_id_at(r) for r in rows]

    def select_offer(self, offer_id: int) -> bool:
        source_row = self.model.row_of(offer_id)
        if source_row is None:
            return False
        index = self.model.index(source_row, 0)
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            self.table.selectionModel().SelectionFlag.ClearAndSelect
            | self.table.selectionModel().SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True
