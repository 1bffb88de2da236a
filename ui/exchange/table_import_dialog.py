"""Offers from a spreadsheet in three steps: map the columns (with the first rows shown), see the
whole file with every cell's problem beside it (cells can be corrected in place, target-group
phrases mapped with one click), then the report of what was imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.offer_columns import COLUMNS
from desktop.exchange.offer_import import (
    OfferImportPreview,
    apply_offer_import,
    check_rows,
    choose_duplicate,
    edit_cell,
    inspect_table,
    preview_offer_import,
    remember_target_groups,
    write_report,
)

from ..i18n import _
from ..operations import Operations, operations_for
from ..wheel_guard import ComboBox
from .checked_sheet import CheckedSheet, GroupAnswers
from .common import run_change, run_task, show_error

ENCODINGS = ("auto", "utf-8", "windows-1252", "iso-8859-1", "utf-16")


class TableImportDialog(QDialog):
    def __init__(
        self, context, tasks, path: Path, parent=None, on_saved=None, *, operations: Operations | None = None
    ):
        super().__init__(parent)
        self.context, self.tasks, self.path, self.on_saved = context, tasks, Path(path), on_saved
        self.operations = operations or operations_for(context, self)
        self.ui = context.ui_language
        self.preview: OfferImportPreview | None = None
        self.result = None
        self.setWindowTitle(_("Import offers – {name}").format(name=self.path.name))
        self.resize(1100, 680)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._check_page())
        self.pages.addWidget(self._report_page())
        QVBoxLayout(self).addWidget(self.pages)
        self.load_shape()

    # ---------------------------------------------------------------- step 1: mapping
    def _mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.mapping_hint = QLabel()
        self.mapping_hint.setWordWrap(True)
        layout.addWidget(self.mapping_hint)
        row = QHBoxLayout()
        self.encoding = ComboBox()
        for name in ENCODINGS:
            self.encoding.addItem(_("detect") if name == "auto" else name, name)
        self.encoding.setEnabled(self.path.suffix.lower() != ".xlsx")
        self.encoding.currentIndexChanged.connect(self.load_shape)
        row.addWidget(QLabel(_("Encoding:")))
        row.addWidget(self.encoding)
        row.addStretch(1)
        layout.addLayout(row)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [
                _("Column in the file"),
                _("First rows"),
                _("Field in Lotse"),
            ]
        )
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.verticalHeader().setVisible(False)
        layout.addWidget(self.mapping_table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(_("Cancel"))
        cancel.clicked.connect(self.reject)
        self.check_button = QPushButton(_("Check rows →"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        buttons.addWidget(cancel)
        buttons.addWidget(self.check_button)
        layout.addLayout(buttons)
        return page

    def load_shape(self) -> None:
        try:
            shape = inspect_table(self.context.db, self.path, encoding=self.encoding.currentData())
        except Exception as exc:  # noqa: BLE001 - shown to the user, the dialog stays usable
            self.mapping_table.setRowCount(0)
            self.mapping_hint.setText("")
            self.check_button.setEnabled(False)
            show_error(self, exc)
            return
        self.check_button.setEnabled(True)
        self.mapping_hint.setText(
            _(
                "{rows} rows, encoding {encoding}. Map each column to a field (or “do "
                "not import”). The title is required. Nothing is saved before the "
                "check and your confirmation."
            ).format(rows=shape.rows, encoding=shape.encoding)
        )
        self.mapping_table.setRowCount(len(shape.headers))
        self.combos: list[QComboBox] = []
        for index, header in enumerate(shape.headers):
            self.mapping_table.setItem(index, 0, QTableWidgetItem(header))
            sample = " | ".join(row[index] for row in shape.sample[:3] if index < len(row) and row[index])
            self.mapping_table.setItem(index, 1, QTableWidgetItem(sample[:200]))
            combo = ComboBox()
            combo.addItem(_("– do not import –"), None)
            for column in COLUMNS:
                combo.addItem(column.label(self.ui), column.key)
            if index in shape.mapping:
                combo.setCurrentIndex(combo.findData(shape.mapping[index]))
            self.mapping_table.setCellWidget(index, 2, combo)
            self.combos.append(combo)
        self.mapping_table.resizeColumnToContents(0)
        self.mapping_table.setColumnWidth(2, 220)

    def mapping(self) -> dict[int, str]:
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def set_field(self, heading: str, key: str | None) -> None:
        """Map a column by its heading (used by tests and keyboard users alike)."""
        for index in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(index, 0).text() == heading:
                self.combos[index].setCurrentIndex(self.combos[index].findData(key))

    def check(self) -> None:
        mapping, encoding = self.mapping(), self.encoding.currentData()
        self.check_button.setEnabled(False)

        def work(progress, token):
            return preview_offer_import(
                self.context.db, self.path, mapping=mapping, encoding=encoding, progress=progress, token=token
            )

        def done(preview) -> None:
            self.check_button.setEnabled(True)
            self.show_preview(preview)

        run_task(
            self,
            self.tasks,
            _("Checking rows"),
            work,
            done,
            self.ui,
            on_failed=lambda: self.check_button.setEnabled(True),
        )

    # ---------------------------------------------------------------- step 2: the whole file, checked
    def _check_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.check_summary = QLabel()
        self.check_summary.setWordWrap(True)
        layout.addWidget(self.check_summary)
        options = QHBoxLayout()
        self.duplicates = ComboBox()
        for key, label in (
            ("skip", _("skip")),
            ("update", _("update the existing offer")),
            ("keep", _("keep both")),
        ):
            self.duplicates.addItem(label, key)
        self.duplicates.currentIndexChanged.connect(self.recheck)
        self.faulty = ComboBox()
        self.faulty.addItem(_("import as draft with a to-do"), "draft")
        self.faulty.addItem(_("leave out"), "skip")
        self.faulty.currentIndexChanged.connect(self.recheck)
        options.addWidget(QLabel(_("Duplicate rows:")))
        options.addWidget(self.duplicates)
        options.addWidget(QLabel(_("Rows with errors:")))
        options.addWidget(self.faulty)
        options.addStretch(1)
        layout.addLayout(options)
        self.sheet = CheckedSheet(self.ui)
        self.sheet.cell_edited.connect(self.fix_cell)
        self.sheet.duplicate_chosen.connect(self.choose_duplicate)
        layout.addWidget(self.sheet, 1)
        self.groups = GroupAnswers(self.ui)
        self.groups.answered.connect(self.answer_groups)
        layout.addWidget(self.groups)
        buttons = QHBoxLayout()
        back = QPushButton(_("← Mapping"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.report_button = QPushButton(_("Save report …"))
        self.report_button.clicked.connect(lambda: self.save_report())
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        return page

    def show_preview(self, preview: OfferImportPreview) -> None:
        self.preview = preview
        good, left = len(preview.accepted), len(preview.rejected)
        problems = len(preview.problems(self.ui))
        self.check_summary.setText(
            _(
                "{good} rows will be imported as drafts, {left} will not; {problems} "
                "notes. Cells with a problem are marked (the reason in the last column "
                "and when pointing at the cell); double-click a cell to correct it "
                "here, the file stays as it is; right-click a duplicate row to choose "
                "for it alone."
            ).format(good=good, left=left, problems=problems)
        )
        self.sheet.show_preview(preview)
        self.groups.show_phrases(sorted({p for r in preview.rows for p in r.unknown_groups}))
        self.save_button.setText(
            (_("Import {count} offer") if good == 1 else _("Import {count} offers")).format(count=good)
        )
        self.save_button.setEnabled(good > 0)
        self.report_button.setEnabled(problems > 0)
        self.pages.setCurrentIndex(1)

    def fix_cell(self, row_number: int, column: int, text: str) -> None:
        if self.preview is not None:
            edit_cell(self.preview, row_number, column, text)
            self.show_preview(self.preview)

    def choose_duplicate(self, row_number: int, action: str) -> None:
        if self.preview is not None:
            choose_duplicate(self.preview, row_number, action)
            self.show_preview(self.preview)

    def recheck(self) -> None:
        if self.preview is not None:
            self.preview.duplicates = self.duplicates.currentData()
            self.preview.faulty = self.faulty.currentData()
            check_rows(self.preview)
            self.show_preview(self.preview)

    def answer_groups(self, answers: dict) -> None:
        def work(progress, token):
            remember_target_groups(self.context.db, answers)

        def done(_result) -> None:
            if self.preview is not None:
                self.preview.lookups.remembered_groups.update(answers)
                self.recheck()

        run_change(self, self.operations, _("Remembering target groups"), work, done)

    def save_report(self, path: str | None = None) -> None:
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save report"),
                str(self.path.with_suffix(".bericht.txt")),
                "Text (*.txt)",
            )
        if path and self.preview:
            write_report(self.preview, Path(path), self.ui)

    def save(self) -> None:
        preview = self.preview
        self.save_button.setEnabled(False)

        def work(progress, token):
            return apply_offer_import(
                self.context.db, preview, author=self.context.user, progress=progress, token=token
            )

        def done(result) -> None:
            self.result = result
            if self.on_saved:
                self.on_saved()
            self.show_report(result)

        run_change(
            self,
            self.operations,
            _("Creating offers"),
            work,
            done,
            on_failed=lambda: self.save_button.setEnabled(True),
        )

    # ---------------------------------------------------------------- step 3: the report
    def _report_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.report_summary = QLabel()
        self.report_summary.setWordWrap(True)
        layout.addWidget(self.report_summary)
        self.report_text = QPlainTextEdit()
        self.report_text.setReadOnly(True)
        layout.addWidget(self.report_text, 1)
        buttons = QHBoxLayout()
        save = QPushButton(_("Save report …"))
        save.clicked.connect(lambda: self.save_report())
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        return page

    def show_report(self, result) -> None:
        self.report_summary.setText(
            _(
                "{created} offers created as drafts, {updated} updated, {skipped} rows "
                "not imported. Fields left empty are listed as to-dos in the offer."
            ).format(created=len(result.created), updated=len(result.updated), skipped=len(result.skipped))
        )
        lines = self.preview.report(self.ui) if self.preview else []
        self.report_text.setPlainText("\n".join(lines) or _("No problems in the file."))
        self.pages.setCurrentIndex(2)
