"""The review list across all offers: filter by language, status, failed checks, provider
and organization; riskiest first; Enter opens the review screen at that text."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.changes import Kind
from desktop.choices import organization_choices, target_languages
from desktop.context import AppContext
from desktop.review.assist import Assist, NoAssist
from desktop.review.coverage import coverage
from desktop.review.queue import (
    NEEDS_REVIEW,
    REVIEWABLE,
    RISK_WEIGHTS,
    QueueItem,
    providers_in_use,
    review_queue,
)
from models.vocabulary import STATUS_LABELS

from ..i18n import N_, _, render
from ..operations import Operations, operations_for
from ..wheel_guard import ComboBox
from .coverage_widget import CoverageWidget
from .kind_label import with_kind
from .review_window import ReviewWindow

HEADERS = (
    N_("Risk"),
    N_("Language"),
    N_("Title"),
    N_("Status"),
    N_("Checks"),
    N_("Organization"),
    N_("Note"),
)


def risk_explained() -> str:
    w = RISK_WEIGHTS
    return _(
        "How urgently a text needs a look, highest first: {checks:g} points per failed check, "
        "up to {back:g} for meaning lost in the back-translation, {work:g} if it was sent back for work, "
        "{outdated:g} if it is outdated, {machine:g} if it is an unchecked machine translation."
    ).format(
        checks=w["failed_checks"],
        back=w["back_translation"],
        work=w["needs_work"],
        outdated=w["outdated"],
        machine=w["machine"],
    )


def risk_breakdown(item: QueueItem) -> str:
    """This row's number, part by part."""
    reasons = {
        "failed_checks": _("{n} failed checks").format(n=item.failed_checks),
        "back_translation": _("similarity of the back-translation: {percent} %").format(
            percent=round(100 * (item.back_similarity or 0))
        ),
        "needs_work": _("sent back for work"),
        "outdated": _("outdated"),
        "machine": _("machine translation, not checked"),
    }
    lines = [f"{reasons[reason]}: +{points:.1f}" for reason, points in item.risk_parts()]
    return "\n".join(
        [_("Risk {risk:.1f}").format(risk=item.risk), *lines] if lines else [_("Risk 0: nothing to flag")]
    )


class QueueModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[QueueItem] = []

    def set_items(self, items: list[QueueItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else 7

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section].render()
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == 0:
            return risk_explained()
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return risk_breakdown(item)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            f"{item.risk:.1f}",
            item.language_code,
            with_kind(item.title, item.kind, item.when),
            render(STATUS_LABELS.get(item.status, item.status)),
            str(item.failed_checks) if item.failed_checks else "",
            item.organization,
            "; ".join(item.notes),
        ][index.column()]


class ReviewQueueDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        assist: Assist | None = None,
        parent=None,
        *,
        operations: Operations | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.operations = operations or operations_for(context, self)
        self.operations.notifier.changed.connect(self._changes_arrived)
        self._refresh_soon = QTimer(self)  # a burst of decisions refreshes the list once
        self._refresh_soon.setSingleShot(True)
        self._refresh_soon.setInterval(150)
        self._refresh_soon.timeout.connect(self.refresh)
        self.assist = assist or NoAssist()
        self.setWindowTitle("Lotse – " + _("Review list"))
        self.resize(1000, 700)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.language_combo = ComboBox()
        self.language_combo.addItem(_("all"), None)
        self.organization_combo = ComboBox()
        self.organization_combo.addItem(_("all organizations"), None)
        for choice in target_languages(context.db):
            self.language_combo.addItem(f"{choice.native_name} ({choice.code})", choice.code)
        for organization in organization_choices(context.db):
            self.organization_combo.addItem(organization.name, organization.id)
        self.status_combo = ComboBox()
        self.status_combo.addItem(
            _("to review (machine, outdated)"),
            NEEDS_REVIEW,
        )
        self.status_combo.addItem(_("all translated"), REVIEWABLE)
        self.status_combo.addItem(STATUS_LABELS["checked"].render(), ("checked",))
        self.provider_combo = ComboBox()
        self.provider_combo.addItem(_("all services"), None)
        for provider in providers_in_use(context.db):
            self.provider_combo.addItem(provider, provider)
        self.failed_only = QCheckBox(_("only with failed checks"))
        for widget in (
            QLabel(_("Language:")),
            self.language_combo,
            self.status_combo,
            self.organization_combo,
            self.provider_combo,
            self.failed_only,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.coverage = CoverageWidget(coverage(context.db))
        layout.addWidget(self.coverage)
        self.model = QueueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.activated.connect(self.open_review)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.count_label = QLabel()
        buttons.addWidget(self.count_label, 1)
        self.open_button = QPushButton(_("Review (Enter)"))
        self.open_button.clicked.connect(lambda: self.open_review(self.table.currentIndex()))
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        for combo in (self.language_combo, self.status_combo, self.organization_combo, self.provider_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.failed_only.toggled.connect(self.refresh)
        self.review_window: ReviewWindow | None = None
        self.refresh()

    def _changes_arrived(self, changes) -> None:
        """A decision, a re-translation, an edit elsewhere: the list shows the new state."""
        if changes.origin is not self and changes.has(Kind.STATUS, Kind.TEXT, Kind.STRUCTURE):
            self._refresh_soon.start()

    def refresh(self) -> None:
        language = self.language_combo.currentData()
        organization = self.organization_combo.currentData()
        provider = self.provider_combo.currentData()
        enrich = getattr(self.assist, "enrich_queue_item", None)
        items = review_queue(
            self.context.db,
            languages=[language] if language else None,
            statuses=self.status_combo.currentData(),
            organization_ids=[organization] if organization else None,
            only_failed_checks=self.failed_only.isChecked(),
            providers=[provider] if provider else None,
            enrich=enrich,
        )
        self.model.set_items(items)
        self.count_label.setText(_("{count} texts").format(count=len(items)))
        if items:
            self.table.selectRow(0)

    def open_review(self, index) -> None:
        if not index.isValid():
            return
        self.review_window = ReviewWindow(
            self.context,
            list(self.model.items),
            index.row(),
            self.assist,
            parent=self,
            operations=self.operations,
        )
        self.review_window.show()
