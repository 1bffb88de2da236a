"""Offers from a spreadsheet in two steps: map the columns (with the first rows shown), then see
every row checked, with the reasons for the rejected ones, and confirm."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
    inspect_table,
    preview_offer_import,
)

from ..wheel_guard import ComboBox
from .common import run_task, show_error, show_info, tr

ENCODINGS = ("auto", "windows-1252", "iso-8859-1", "utf-16")


class TableImportDialog(QDialog):
    def __init__(self, context, tasks, path: Path, parent=None, on_saved=None):
        super().__init__(parent)
        self.context, self.tasks, self.path, self.on_saved = context, tasks, Path(path), on_saved
        self.ui = ui = context.ui_language
        self.preview: OfferImportPreview | None = None
        self.result = None
        self.setWindowTitle(
            tr(ui, f"Angebote importieren – {self.path.name}", f"Import offers – {self.path.name}")
        )
        self.resize(1100, 680)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._check_page())
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
            self.encoding.addItem(
                tr(self.ui, "automatisch (UTF-8)", "automatic (UTF-8)") if name == "auto" else name, name
            )
        self.encoding.setEnabled(self.path.suffix.lower() != ".xlsx")
        self.encoding.currentIndexChanged.connect(self.load_shape)
        row.addWidget(QLabel(tr(self.ui, "Kodierung:", "Encoding:")))
        row.addWidget(self.encoding)
        row.addStretch(1)
        layout.addLayout(row)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [
                tr(self.ui, "Spalte in der Datei", "Column in the file"),
                tr(self.ui, "Erste Zeilen", "First rows"),
                tr(self.ui, "Feld in Lotse", "Field in Lotse"),
            ]
        )
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping_table.verticalHeader().setVisible(False)
        layout.addWidget(self.mapping_table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(tr(self.ui, "Abbrechen", "Cancel"))
        cancel.clicked.connect(self.reject)
        self.check_button = QPushButton(tr(self.ui, "Zeilen prüfen →", "Check rows →"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        buttons.addWidget(cancel)
        buttons.addWidget(self.check_button)
        layout.addLayout(buttons)
        return page

    def load_shape(self) -> None:
        try:
            shape = inspect_table(self.path, encoding=self.encoding.currentData())
        except Exception as exc:  # noqa: BLE001 - shown to the user, the dialog stays usable
            self.mapping_table.setRowCount(0)
            self.mapping_hint.setText("")
            self.check_button.setEnabled(False)
            show_error(self, self.ui, exc)
            return
        self.check_button.setEnabled(True)
        self.mapping_hint.setText(
            tr(
                self.ui,
                f"{shape.rows} Zeilen. Ordnen Sie jeder Spalte ein Feld zu (oder „nicht übernehmen“). "
                "Der Titel ist nötig. Gespeichert wird erst nach der Prüfung und Ihrer Bestätigung.",
                f"{shape.rows} rows. Map each column to a field (or “do not import”). The title is required. "
                "Nothing is saved before the check and your confirmation.",
            )
        )
        self.mapping_table.setRowCount(len(shape.headers))
        self.combos: list[QComboBox] = []
        for index, header in enumerate(shape.headers):
            self.mapping_table.setItem(index, 0, QTableWidgetItem(header))
            sample = " | ".join(row[index] for row in shape.sample[:3] if index < len(row) and row[index])
            self.mapping_table.setItem(index, 1, QTableWidgetItem(sample[:200]))
            combo = ComboBox()
            combo.addItem(tr(self.ui, "– nicht übernehmen –", "– do not import –"), None)
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
            tr(self.ui, "Zeilen prüfen", "Checking rows"),
            work,
            done,
            self.ui,
            on_failed=lambda: self.check_button.setEnabled(True),
        )

    # ---------------------------------------------------------------- step 2: check and confirm
    def _check_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.check_summary = QLabel()
        self.check_summary.setWordWrap(True)
        layout.addWidget(self.check_summary)
        self.rows_table = QTableWidget(0, 4)
        self.rows_table.setHorizontalHeaderLabels(
            [
                tr(self.ui, "Zeile", "Row"),
                tr(self.ui, "Titel", "Title"),
                tr(self.ui, "Ergebnis", "Result"),
                tr(self.ui, "Gründe, Hinweise", "Reasons, notes"),
            ]
        )
        self.rows_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.rows_table.verticalHeader().setVisible(False)
        self.rows_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_table.setWordWrap(True)
        layout.addWidget(self.rows_table, 1)
        buttons = QHBoxLayout()
        back = QPushButton(tr(self.ui, "← Zuordnung", "← Mapping"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.report_button = QPushButton(tr(self.ui, "Bericht speichern …", "Save report …"))
        self.report_button.clicked.connect(self.save_report)
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
        good, bad = len(preview.accepted), len(preview.rejected)
        self.check_summary.setText(
            tr(
                self.ui,
                f"{good} Zeile{'' if good == 1 else 'n'} in Ordnung, {bad} abgelehnt. Angelegt werden nur die Zeilen in Ordnung, als Entwurf.",
                f"{good} rows fine, {bad} rejected. Only the rows that are fine are created, as drafts.",
            )
        )
        self.rows_table.setRowCount(len(preview.rows))
        for index, row in enumerate(preview.rows):
            cells = [
                str(row.number),
                row.text.get("title", ""),
                tr(self.ui, "in Ordnung", "fine") if row.ok else tr(self.ui, "abgelehnt", "rejected"),
                "; ".join(n.message(self.ui) for n in row.errors + row.warnings),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not row.ok:
                    item.setBackground(QColor("#F8D7D7"))
                self.rows_table.setItem(index, column, item)
        self.rows_table.resizeColumnsToContents()
        self.rows_table.setColumnWidth(1, min(self.rows_table.columnWidth(1), 320))
        self.rows_table.resizeRowsToContents()
        self.save_button.setText(
            tr(
                self.ui,
                f"{good} Angebot{'' if good == 1 else 'e'} anlegen",
                f"Create {good} offer{'' if good == 1 else 's'}",
            )
        )
        self.save_button.setEnabled(good > 0)
        self.report_button.setEnabled(bad > 0)
        self.pages.setCurrentIndex(1)

    def save_report(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                tr(self.ui, "Bericht speichern", "Save report"),
                str(self.path.with_suffix(".abgelehnt.txt")),
                "Text (*.txt)",
            )
        if path and self.preview:
            from desktop.exchange.offer_import import write_report

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
            show_info(
                self.parentWidget() or self,
                tr(
                    self.ui,
                    f"{len(result.created)} Angebote als Entwurf angelegt.",
                    f"{len(result.created)} offers created as drafts.",
                ),
            )
            self.accept()

        run_task(
            self,
            self.tasks,
            tr(self.ui, "Angebote anlegen", "Creating offers"),
            work,
            done,
            self.ui,
            on_failed=lambda: self.save_button.setEnabled(True),
        )
