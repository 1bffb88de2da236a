"""The Publish dialog: the report (what goes out per language, what is left out and why),
the target folder and base URL, progress with cancel, and at the end where the package is
and what it holds. The work runs in desktop/publish.py through the window's task runner."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.errors import error_message
from desktop.publish import DEFAULT_BASE_URL, preview_publication, publish_package
from desktop.publish_report import POLICY_NAMES, language_lines, omission_rows

from .wheel_guard import ComboBox

TEXTS = {
    "title": ("App-Paket für Integreat veröffentlichen", "Publish the app package for Integreat"),
    "folder": ("Zielordner", "Target folder"),
    "choose": ("Wählen …", "Choose …"),
    "base_url": ("Basisadresse", "Base URL"),
    "policy": ("Was hinausgeht", "What goes out"),
    "per_language": ("wie bei jeder Sprache eingestellt", "as set for each language"),
    "zip": ("Zusätzlich als Zip-Datei", "Also as a zip file"),
    "missing": ("Fehlende Übersetzungen einzeln zeigen", "List missing translations one by one"),
    "left_out": ("Ausgelassen", "Left out"),
    "publish": ("Veröffentlichen", "Publish"),
    "open": ("Ordner öffnen", "Open folder"),
    "close": ("Schließen", "Close"),
    "report": ("Bericht wird erstellt", "Making the report"),
    "running": ("App-Paket wird geschrieben", "Writing the app package"),
    "cancelled": (
        "Abgebrochen. Das bisherige Paket ist unverändert.",
        "Cancelled. The previous package is unchanged.",
    ),
    "no_folder": ("Bitte einen Zielordner wählen.", "Please choose a target folder."),
}
HEADERS = {"de": ("Angebot", "Sprache", "Grund"), "en": ("Offer", "Language", "Why")}
LANGUAGE_HEADERS = {
    "de": ["Sprache", "Regel", "Geht hinaus", "Ausgelassen"],
    "en": ["Language", "Policy", "Goes out", "Left out"],
}
FSI, PDI = "\u2068", "\u2069"  # keeps a right-to-left name from reordering its surroundings


def t(key: str, ui: str) -> str:
    return TEXTS[key][1 if ui == "en" else 0]


class OmissionModel(QAbstractTableModel):
    def __init__(self, ui: str, parent=None):
        super().__init__(parent)
        self.ui = ui
        self.rows: list[tuple[str, str, str]] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(self.ui, HEADERS["en"])[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None


class PublishDialog(QDialog):
    def __init__(
        self, context: AppContext, tasks, parent: QWidget | None = None, settings: QSettings | None = None
    ):
        super().__init__(parent)
        self.context = context
        self.tasks = tasks
        self.ui = context.ui_language
        self.settings = settings if settings is not None else QSettings("Lotse", "Lotse")
        self.result = None
        self.setWindowTitle(t("title", self.ui))

        self.folder = QLineEdit(str(self.settings.value("publish/folder", "") or ""))
        choose = QPushButton(t("choose", self.ui))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        self.base_url = QLineEdit(
            str(self.settings.value("publish/base_url", DEFAULT_BASE_URL) or DEFAULT_BASE_URL)
        )
        self.policy = ComboBox()
        self.policy.addItem(t("per_language", self.ui), None)
        for key, names in POLICY_NAMES.items():
            self.policy.addItem(names[1 if self.ui == "en" else 0], key)
        self.policy.currentIndexChanged.connect(self.refresh)
        self.preview = None
        self.make_zip = QCheckBox(t("zip", self.ui))
        self.make_zip.setChecked(str(self.settings.value("publish/zip", "true")) == "true")
        form = QFormLayout()
        form.addRow(t("folder", self.ui), folder_row)
        form.addRow(t("base_url", self.ui), self.base_url)
        form.addRow(t("policy", self.ui), self.policy)
        form.addRow("", self.make_zip)

        self.languages = QTableWidget(0, 4)
        self.languages.setHorizontalHeaderLabels(LANGUAGE_HEADERS["en" if self.ui == "en" else "de"])
        self.languages.verticalHeader().setVisible(False)
        self.languages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.languages.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.show_missing = QCheckBox(t("missing", self.ui))
        self.show_missing.toggled.connect(self._show_preview)
        self.model = OmissionModel(self.ui, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.left_out_label = QLabel()

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.publish_button = QPushButton(t("publish", self.ui))
        self.publish_button.setDefault(True)
        self.publish_button.clicked.connect(self.publish)
        self.open_button = QPushButton(t("open", self.ui))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_folder)
        close = QPushButton(t("close", self.ui))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.publish_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.languages, 1)
        row = QHBoxLayout()
        row.addWidget(self.left_out_label, 1)
        row.addWidget(self.show_missing)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(1000, 760)
        self.refresh()

    # --- report -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the report in the background (a large region takes a few seconds)."""
        db, policy = self.context.db, self.policy.currentData()
        self.publish_button.setEnabled(False)
        self.tasks.run(
            t("report", self.ui),
            lambda progress, token: preview_publication(db, policy=policy),
            on_done=self._preview_ready,
            on_error=self._failed,
            on_cancel=lambda: None,
            parent=self,
        )

    def _preview_ready(self, preview) -> None:
        self.preview = preview
        self.publish_button.setEnabled(True)
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.preview
        if preview is None:
            return
        lines = language_lines(preview.snapshot, preview.plan)
        self.languages.setRowCount(len(lines))
        pick = 1 if self.ui == "en" else 0
        for row, line in enumerate(lines):
            out = f"{line.offers} ({line.statuses_text(self.ui)})" if line.published else "—"
            cells = [
                f"{line.code} {FSI}{line.native_name}{PDI}",
                POLICY_NAMES[line.policy][pick],
                out,
                line.left_out_text(self.ui),
            ]
            for column, value in enumerate(cells):
                self.languages.setItem(row, column, QTableWidgetItem(value))
        self.languages.resizeColumnsToContents()
        self.languages.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        rows = omission_rows(preview.plan, self.ui, include_missing=self.show_missing.isChecked())
        self.model.set_rows(rows)
        self.left_out_label.setText(f"{t('left_out', self.ui)}: {len(rows)}")

    # --- publishing ---------------------------------------------------------------------
    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, t("folder", self.ui), self.folder.text())
        if chosen:
            self.folder.setText(
                str(Path(chosen) / "integreat-paket") if any(Path(chosen).iterdir()) else chosen
            )

    def publish(self) -> None:
        folder = self.folder.text().strip()
        if not folder:
            self.status.setText(t("no_folder", self.ui))
            return
        base_url, policy, make_zip = (
            self.base_url.text().strip(),
            self.policy.currentData(),
            self.make_zip.isChecked(),
        )
        self.settings.setValue("publish/folder", folder)
        self.settings.setValue("publish/base_url", base_url)
        self.settings.setValue("publish/zip", "true" if make_zip else "false")
        self.publish_button.setEnabled(False)
        self.status.setText(t("running", self.ui) + " …")
        db = self.context.db
        self.tasks.run(
            t("running", self.ui),
            lambda progress, token: publish_package(
                db, folder, progress, token, base_url=base_url, policy=policy, make_zip=make_zip
            ),
            on_done=self._done,
            on_error=self._failed,
            on_cancel=self._cancelled,
            parent=self,
        )

    def _done(self, result) -> None:
        self.result = result
        self.publish_button.setEnabled(True)
        self.open_button.setEnabled(True)
        counts = ", ".join(
            f"{l['code']} {l['offers']}" for l in result.manifest["languages"] if l["published"]
        )
        size = f"{result.total_bytes / 1_000_000:.1f} MB"
        zip_note = f"\nZip: {result.zip_path}" if result.zip_path else ""
        if self.ui == "en":
            self.status.setText(
                f"Package written: {result.folder} ({result.file_count} files, {size}).{zip_note}\n"
                f"Offers per language: {counts}."
            )
        else:
            self.status.setText(
                f"Paket geschrieben: {result.folder} ({result.file_count} Dateien, {size}).{zip_note}\n"
                f"Angebote je Sprache: {counts}."
            )

    def _failed(self, exc) -> None:
        self.publish_button.setEnabled(True)
        text = error_message(exc, self.ui)
        self.status.setText(text)

    def _cancelled(self) -> None:
        self.publish_button.setEnabled(True)
        self.status.setText(t("cancelled", self.ui))

    def _open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.folder)))
