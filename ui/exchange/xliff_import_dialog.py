"""What an agency's XLIFF would change, text by text: accept or reject each, see the diff, then save."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
)

from desktop.exchange.xliff_changes import PLAIN_UNITS
from desktop.exchange.xliff_import import XliffImportPreview, apply_xliff_import
from desktop.translation.text_parts import area_part
from models.languages import is_rtl
from models.vocabulary import STATUS_LABELS, part_label
from ui.review.diff_html import diff_to_html

from ..i18n import N_, _, render
from ..operations import Operations, operations_for
from .common import run_change, show_info

HEADERS = (N_("Accept"), N_("Offer"), N_("Language"), N_("Until now"), N_("Notes"), N_("File"))


class ChangeModel(QAbstractTableModel):
    def __init__(self, preview: XliffImportPreview, parent=None):
        super().__init__(parent)
        self.preview = preview

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.preview.changes)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else 6

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section].render()
        return None

    def flags(self, index):
        flags = super().flags(index)
        change = self.preview.changes[index.row()]
        if index.column() == 0 and not change.blocked and not change.unchanged:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        change = self.preview.changes[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return (
                Qt.CheckState.Checked
                if change.accepted and not change.blocked and not change.unchanged
                else Qt.CheckState.Unchecked
            )
        if role == Qt.ItemDataRole.BackgroundRole and change.blocked:
            return QColor("#F8D7D7")
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return "\n".join(f.message() for f in change.findings)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            if change.blocked:
                return _("rejected")
            if change.unchanged:
                return _("unchanged")
            return ""
        if column == 1:
            return f"#{change.offer_id} {change.offer_title}"
        if column == 2:
            return change.language_code
        if column == 3:
            return render(STATUS_LABELS.get(change.old_status, change.old_status))
        if column == 4:
            return "; ".join(f.message() for f in change.findings)
        return change.file_label

    def tick_all(self, ticked: bool) -> None:
        """Accept (or leave out) every text that may be accepted at all."""
        for change in self.preview.changes:
            if not change.blocked and not change.unchanged:
                change.accepted = ticked
        if self.preview.changes:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self.preview.changes) - 1, 0),
                [Qt.ItemDataRole.CheckStateRole],
            )

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            change = self.preview.changes[index.row()]
            if change.blocked or change.unchanged:
                return False
            change.accepted = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(index, index, [role])
            return True
        return False


class XliffImportDialog(QDialog):
    def __init__(
        self,
        context,
        tasks,
        preview: XliffImportPreview,
        agency: str = "",
        parent=None,
        on_saved=None,
        *,
        operations: Operations | None = None,
    ):
        super().__init__(parent)
        self.context, self.tasks, self.preview, self.on_saved = context, tasks, preview, on_saved
        self.operations = operations or operations_for(context, self)
        self.result = None
        self.setWindowTitle(_("Import XLIFF: review the changes"))
        self.resize(1100, 720)
        self.summary = QLabel()
        self.model = ChangeModel(preview, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.diff = QTextBrowser()
        self.diff.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.diff)
        splitter.setSizes([300, 400])
        agency_row = QHBoxLayout()
        for label, ticked in (
            (_("Accept all"), True),
            (_("Accept none"), False),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, t=ticked: self.model.tick_all(t))
            agency_row.addWidget(button)
        agency_row.addWidget(QLabel(_("Translated by (agency):")))
        self.agency = QLineEdit(agency)
        self.agency.setPlaceholderText(_("e.g. Yilmaz language services"))
        agency_row.addWidget(self.agency, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(_("Accept and save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(agency_row)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _: self.show_diff(current.row())
        )
        self.model.dataChanged.connect(self._update)
        self.agency.textChanged.connect(self._update)
        self._update()
        if preview.changes:
            self.table.selectRow(0)

    def _update(self, *args) -> None:
        chosen = len(self.preview.accepted)
        blocked = sum(c.blocked for c in self.preview.changes)
        self.summary.setText(
            _(
                "{count} file(s), XLIFF {version}: {count2} texts, {chosen} selected, "
                "{blocked} rejected, {untranslated} without translation. Nothing "
                "is saved before you choose “Accept and save”."
            ).format(
                count=len(self.preview.files),
                version=self.preview.version,
                count2=len(self.preview.changes),
                chosen=chosen,
                blocked=blocked,
                untranslated=self.preview.untranslated,
            )
        )
        self.save_button.setEnabled(chosen > 0 and bool(self.agency.text().strip()))

    def show_diff(self, row: int) -> None:
        if row < 0 or row >= len(self.preview.changes):
            self.diff.clear()
            return
        change = self.preview.changes[row]
        direction = "rtl" if is_rtl(change.language_code) else "ltr"
        align = "right" if direction == "rtl" else "left"
        parts = [f"<h3>#{change.offer_id} {html.escape(change.offer_title)} – {change.language_code}</h3>"]
        # What matters first: the problems that stop or hold a text, then the diff, then the hints.
        ranked = sorted(change.findings, key=lambda f: (not f.blocking, f.severity != "error"))
        urgent = [f for f in ranked if f.blocking or f.severity == "error"]
        hints = [f for f in ranked if f not in urgent]
        parts += [self._finding(f) for f in urgent]
        # Every part the file changes, a contact's area named by the contact (its key says nothing).
        names = [*PLAIN_UNITS, *(area_part(key) for key in change.contacts or {})]
        for name in names:
            spans = change.diff(name)
            if not spans:
                continue
            label = html.escape(render(part_label(name, change.contacts)))
            parts.append(
                f"<h4 align='left'>{label}</h4>"
                f"<div dir='{direction}' align='{align}'>{diff_to_html(spans)}</div>"
            )
        if hints:
            parts.append("<h4>" + _("Notes from the checks") + "</h4>")
            parts += [self._finding(f) for f in hints[:8]]
            if len(hints) > 8:
                parts.append("<p>" + _("… and {number} more").format(number=len(hints) - 8) + "</p>")
        self.diff.setHtml("".join(parts))

    def _finding(self, finding) -> str:
        urgent = finding.blocking or finding.severity == "error"
        colour = "#B00020" if urgent else "#8A6D00"
        return f'<p style="color:{colour}">{"✖" if urgent else "⚠"} {html.escape(finding.message())}</p>'

    def save(self) -> None:
        agency = self.agency.text().strip()
        self.save_button.setEnabled(False)

        def work(progress, token):
            return apply_xliff_import(
                self.context.db,
                self.preview,
                author=self.context.user,
                agency=agency,
                progress=progress,
                token=token,
            )

        def done(result) -> None:
            self.result = result
            if self.on_saved:
                self.on_saved()
            show_info(
                self.parentWidget() or self,
                _("{saved} texts saved as “approved” by {agency}{outdated}.").format(
                    saved=result.saved,
                    agency=result.agency,
                    outdated=_(", {count} of them outdated").format(count=result.outdated)
                    if result.outdated
                    else "",
                ),
            )
            self.accept()

        run_change(self, self.operations, _("XLIFF import"), work, done, on_failed=self._update)
