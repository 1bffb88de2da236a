"""Export offers for a translation agency: language, XLIFF version, one file per offer or one for all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.choices import target_languages
from desktop.exchange.xliff_export import export_xliff

from ..i18n import _
from ..wheel_guard import ComboBox
from .common import run_task, show_info


class XliffExportDialog(QDialog):
    def __init__(self, context, tasks, selected_ids: list[int], parent=None, folder: Path | None = None):
        super().__init__(parent)
        self.context, self.tasks, self.selected_ids = context, tasks, list(selected_ids)
        self.result = None
        self.setWindowTitle(_("Export XLIFF for a translation agency"))
        form = QFormLayout()
        self.language = ComboBox()
        for choice in target_languages(context.db):
            self.language.addItem(f"{choice.native_name} ({choice.code}) ← {choice.source_code}", choice.code)
        form.addRow(_("Target language:"), self.language)
        self.version = ComboBox()
        self.version.addItem(_("XLIFF 1.2 (most tools)"), "1.2")
        self.version.addItem("XLIFF 2.0", "2.0")
        form.addRow(_("Format:"), self.version)
        scope = QWidget()
        scope_layout = QVBoxLayout(scope)
        scope_layout.setContentsMargins(0, 0, 0, 0)
        self.only_selected = QRadioButton(
            _("the {count} selected offers").format(count=len(self.selected_ids))
        )
        self.all_offers = QRadioButton(_("all offers not archived"))
        (self.only_selected if self.selected_ids else self.all_offers).setChecked(True)
        self.only_selected.setEnabled(bool(self.selected_ids))
        scope_layout.addWidget(self.only_selected)
        scope_layout.addWidget(self.all_offers)
        form.addRow(_("Offers:"), scope)
        self.single_file = QCheckBox(_("one file for all (otherwise one per offer, zipped)"))
        form.addRow("", self.single_file)
        self.mark = QCheckBox(_("mark the texts “in translation”"))
        self.mark.setChecked(True)
        form.addRow("", self.mark)
        row = QHBoxLayout()
        self.folder = QLineEdit(str(folder or Path.home()))
        browse = QPushButton(_("Folder …"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(_("Save to:"), row)
        self.hint = QLabel(_("File names as Integreat's: region_source_target_offer_version_name.xliff"))
        self.hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(_("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        code = self.language.currentData()
        ids = self.selected_ids if self.only_selected.isChecked() else None
        args = dict(
            author=self.context.user,
            version=self.version.currentData(),
            single_file=self.single_file.isChecked(),
            mark=self.mark.isChecked(),
        )
        folder = Path(self.folder.text())
        self.export_button.setEnabled(False)

        def work(progress, token):
            return export_xliff(self.context.db, code, ids, folder, progress=progress, token=token, **args)

        def done(result) -> None:
            self.result = result
            self.export_button.setEnabled(True)
            skipped = "".join(f"\n• {oid}: {why.render()}" for oid, why in result.skipped[:10])
            show_info(
                self.parentWidget() or self,
                _(
                    "{count} offers saved in {files} file(s):\n{path}\n{marked} texts "
                    "marked “in translation”.{skipped}"
                ).format(
                    count=len(result.offers),
                    files=result.files,
                    path=result.path,
                    marked=result.marked,
                    skipped=skipped,
                ),
            )
            self.accept()

        run_task(
            self,
            self.tasks,
            _("XLIFF export"),
            work,
            done,
            on_failed=lambda: self.export_button.setEnabled(True),
        )
