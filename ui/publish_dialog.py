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
from desktop.publish import (
    DEFAULT_BASE_URL,
    package_base_url,
    preview_publication,
    publish_package,
    set_package_base_url,
)
from desktop.publish_report import POLICY_NAMES, language_lines, omission_rows
from export.integreat.app_rules import is_loopback

from .i18n import N_, _
from .wheel_guard import ComboBox

HEADERS = (N_("Offer"), N_("Language"), N_("Why"))
LANGUAGE_HEADERS = (N_("Language"), N_("Policy"), N_("Goes out"), N_("Left out"))
FSI, PDI = "\u2068", "\u2069"  # keeps a right-to-left name from reordering its surroundings


class OmissionModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, str, str]] = []

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section].render()
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
        self.settings = settings if settings is not None else QSettings("Lotse", "Lotse")
        self.result = None
        self.setWindowTitle(_("Publish the app package for Integreat"))

        self.folder = QLineEdit(str(self.settings.value("publish/folder", "") or ""))
        choose = QPushButton(_("Choose …"))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        # The region's address for its package (region settings; a publish remembers a new one).
        self.base_url = QLineEdit(package_base_url(context.db) or "")
        self.base_url.setPlaceholderText("https://…")
        self.local_preview = QCheckBox(_("Local preview"))
        self.local_preview.setToolTip(
            _(
                "A package only this computer can open (lotse serve), to look at before publishing; "
                "without an address it uses {address}."
            ).format(address=DEFAULT_BASE_URL)
        )
        base_row = QHBoxLayout()
        base_row.addWidget(self.base_url, 1)
        base_row.addWidget(self.local_preview)
        self.policy = ComboBox()
        self.policy.addItem(_("as set for each language"), None)
        for key, names in POLICY_NAMES.items():
            self.policy.addItem(names.render(), key)
        self.policy.currentIndexChanged.connect(self.refresh)
        self.preview = None
        self.make_zip = QCheckBox(_("Also as a zip file"))
        self.make_zip.setChecked(str(self.settings.value("publish/zip", "true")) == "true")
        form = QFormLayout()
        form.addRow(_("Target folder"), folder_row)
        form.addRow(_("Base URL"), base_row)
        form.addRow(_("What goes out"), self.policy)
        form.addRow("", self.make_zip)

        self.languages = QTableWidget(0, 4)
        self.languages.setHorizontalHeaderLabels([header.render() for header in LANGUAGE_HEADERS])
        self.languages.verticalHeader().setVisible(False)
        self.languages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.languages.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.show_missing = QCheckBox(_("List missing translations one by one"))
        self.show_missing.toggled.connect(self._show_preview)
        self.model = OmissionModel(self)
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
        self.publish_button = QPushButton(_("Publish"))
        self.publish_button.setDefault(True)
        self.publish_button.clicked.connect(self.publish)
        self.open_button = QPushButton(_("Open folder"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_folder)
        close = QPushButton(_("Close"))
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
            _("Making the report"),
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
        for row, line in enumerate(lines):
            out = f"{line.offers} ({line.statuses_text()})" if line.published else "—"
            cells = [
                f"{line.code} {FSI}{line.native_name}{PDI}",
                POLICY_NAMES[line.policy].render(),
                out,
                line.left_out_text(),
            ]
            for column, value in enumerate(cells):
                self.languages.setItem(row, column, QTableWidgetItem(value))
        self.languages.resizeColumnsToContents()
        self.languages.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        rows = omission_rows(preview.plan, None, include_missing=self.show_missing.isChecked())
        self.model.set_rows(rows)
        self.left_out_label.setText(_("Left out: {count}").format(count=len(rows)))

    # --- publishing ---------------------------------------------------------------------
    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Target folder"), self.folder.text())
        if chosen:
            self.folder.setText(
                str(Path(chosen) / "integreat-paket") if any(Path(chosen).iterdir()) else chosen
            )

    def publish(self) -> None:
        folder = self.folder.text().strip()
        if not folder:
            self.status.setText(_("Please choose a target folder."))
            return
        base_url, policy, make_zip = (
            self.base_url.text().strip(),
            self.policy.currentData(),
            self.make_zip.isChecked(),
        )
        local = self.local_preview.isChecked()
        problem = self._address_problem(base_url, local)
        if problem:
            self.status.setText(problem)
            return
        self.settings.setValue("publish/folder", folder)
        self.settings.setValue("publish/zip", "true" if make_zip else "false")
        self.publish_button.setEnabled(False)
        self.status.setText(_("Writing the app package") + " …")
        db = self.context.db
        self.tasks.run(
            _("Writing the app package"),
            lambda progress, token: self._publish(
                db, folder, progress, token, base_url=base_url, policy=policy, make_zip=make_zip, local=local
            ),
            on_done=self._done,
            on_error=self._failed,
            on_cancel=self._cancelled,
            parent=self,
        )

    @staticmethod
    def _address_problem(base_url: str, local: bool) -> str | None:
        """What keeps the address from a real publish, said in the window's terms."""
        if local:
            return None
        if not base_url:
            return _(
                "Enter the address where the app package will be served (https://…), or tick "
                "“Local preview” to look at the package on this computer first."
            )
        if is_loopback(base_url):
            return _(
                "The address {address} points at this computer: phones and other computers cannot "
                "open such a package. Enter the address where the package will be served, or tick "
                "“Local preview”."
            ).format(address=base_url)
        return None

    @staticmethod
    def _publish(db, folder, progress, token, *, base_url, policy, make_zip, local):
        if not local and base_url != package_base_url(db):
            set_package_base_url(db, base_url)  # the region remembers it, as the command line does
        return publish_package(
            db,
            folder,
            progress,
            token,
            base_url=base_url or DEFAULT_BASE_URL,
            policy=policy,
            make_zip=make_zip,
            local_preview=local,
        )

    def _done(self, result) -> None:
        self.result = result
        self.publish_button.setEnabled(True)
        self.open_button.setEnabled(True)
        counts = ", ".join(
            f"{lang['code']} {lang['offers']}" for lang in result.manifest["languages"] if lang["published"]
        )
        size = f"{result.total_bytes / 1_000_000:.1f} MB"
        zip_note = f"\nZip: {result.zip_path}" if result.zip_path else ""
        self.status.setText(
            _(
                "Package written: {folder} ({count} files, {size}).{zip_note}\nOffers per language: {counts}."
            ).format(
                folder=result.folder, count=result.file_count, size=size, zip_note=zip_note, counts=counts
            )
        )

    def _failed(self, exc) -> None:
        self.publish_button.setEnabled(True)
        text = error_message(exc)
        self.status.setText(text)

    def _cancelled(self) -> None:
        self.publish_button.setEnabled(True)
        self.status.setText(_("Cancelled. The previous package is unchanged."))

    def _open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.folder)))
