"""Settings: the database (with a connection test), interface language and autosave for
this computer; region details, the region's languages and the publishing policy for the team."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.category_names import load_category_names, save_category_names
from desktop.context import AppContext
from desktop.db_secret import store_database_url, with_password
from desktop.db_tls import join_tls, split_tls
from desktop.errors import LotseError
from desktop.region_settings import (
    LanguageSetting,
    check_connection,
    load_region_settings,
    save_region_settings,
)
from models.languages import UnknownLanguageError, language_info

from .category_names_tab import CategoryNamesTab
from .i18n import _, language, set_language
from .settings_store import SettingsStore
from .wheel_guard import ComboBox, SpinBox


def policy_labels() -> dict[str, str]:
    return {
        "approved": _("only approved translations (confirmed by a fluent speaker)"),
        "checked": _("checked or approved translations"),
        "machine": _("every translation, machine translations too"),
    }


class SettingsDialog(QDialog):
    region_changed = Signal()

    def __init__(self, context: AppContext, settings: SettingsStore, parent=None):
        super().__init__(parent)
        self.context = context
        self.settings = settings
        self.setWindowTitle(_("Settings"))
        self.resize(720, 520)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), _("This computer"))
        self.region = load_region_settings(context.db)
        self.tabs.addTab(self._region_tab(), _("Region"))
        self.tabs.addTab(self._languages_tab(), _("Languages"))
        self.category_names = CategoryNamesTab(load_category_names(context.db))
        self.tabs.addTab(self.category_names, _("Categories"))
        self.may_change_region = context.rights.admin
        if not self.may_change_region:  # the database would refuse; say who may
            who = context.rights.who_may_change_region().render()
            for index in range(1, self.tabs.count()):
                self.tabs.widget(index).setEnabled(False)
                self.tabs.setTabToolTip(index, who)
                self.tabs.widget(index).setToolTip(who)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    # --- tabs ----------------------------------------------------------------------------
    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        base, ssl_mode, root_certificate = split_tls(self.settings.get("database") or "")
        self.database = QLineEdit(base)
        self.database.setPlaceholderText(
            _("empty: the file in your user folder; or postgresql://user@server/lotse")
        )
        browse = QPushButton(_("File …"))
        browse.clicked.connect(self._browse)
        self.test_button = QPushButton(_("Test connection"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test_connection)
        row = QHBoxLayout()
        row.addWidget(self.database, 1)
        row.addWidget(browse)
        row.addWidget(self.test_button)
        form.addRow(_("Database"), row)
        form.addRow(_("Encryption (TLS)"), self._tls_row(ssl_mode, root_certificate))
        self.connection_result = QLabel()
        self.connection_result.setWordWrap(True)
        form.addRow("", self.connection_result)
        self.ui_language = ComboBox()
        self.ui_language.addItem("Deutsch", "de")
        self.ui_language.addItem("English", "en")
        self.ui_language.setCurrentIndex(self.ui_language.findData(self.settings.get("ui_language")))
        form.addRow(_("Interface language"), self.ui_language)
        self.autosave = SpinBox(minimum=1, maximum=120, suffix=" s")
        self.autosave.setValue(int(self.settings.get("autosave_seconds")))
        form.addRow(_("Autosave every"), self.autosave)
        note = QLabel(_("The database takes effect at the next start."))
        note.setStyleSheet("color: #606060;")
        form.addRow("", note)
        return page

    def _tls_row(self, mode: str, root_certificate: str) -> QHBoxLayout:
        """For a team database: libpq's sslmode and the root certificate that signs the server's."""
        self.ssl_mode = ComboBox()
        self.ssl_mode.setObjectName("ssl_mode")
        self.ssl_mode.addItem(_("as the server offers (prefer)"), "")
        labels = {
            "require": _("require encryption"),
            "verify-ca": _("require, check the certificate"),
            "verify-full": _("require, check the certificate and the server's name"),
            "disable": _("never encrypt"),
        }
        for key, label in labels.items():
            self.ssl_mode.addItem(label, key)
        self.ssl_mode.setCurrentIndex(max(0, self.ssl_mode.findData(mode)))
        self.root_certificate = QLineEdit(root_certificate)
        self.root_certificate.setObjectName("ssl_root_certificate")
        self.root_certificate.setPlaceholderText(_("root certificate (CA file, .pem/.crt)"))
        choose = QPushButton(_("File …"))
        choose.clicked.connect(self._browse_certificate)
        row = QHBoxLayout()
        row.addWidget(self.ssl_mode)
        row.addWidget(self.root_certificate, 1)
        row.addWidget(choose)
        return row

    def _browse_certificate(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Root certificate"), self.root_certificate.text(), "PEM (*.pem *.crt *.cer);;* (*)"
        )
        if name:
            self.root_certificate.setText(name)

    def database_url(self) -> str:
        """The URL as typed, with the TLS choices added (for a PostgreSQL server)."""
        return join_tls(
            self.database.text().strip(), self.ssl_mode.currentData(), self.root_certificate.text()
        )

    def _region_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        r = self.region
        self.region_name = QLineEdit(r.name)
        self.region_prefix = QLineEdit(r.prefix or "")
        self.region_postcode = QLineEdit(r.postcode or "")
        self.region_latitude = QLineEdit("" if r.latitude is None else f"{r.latitude:g}")
        self.region_longitude = QLineEdit("" if r.longitude is None else f"{r.longitude:g}")
        form.addRow(_("Name"), self.region_name)
        form.addRow(_("Prefix (e.g. Stadt, Kreis)"), self.region_prefix)
        form.addRow(_("Postcode"), self.region_postcode)
        form.addRow(_("Latitude"), self.region_latitude)
        form.addRow(_("Longitude"), self.region_longitude)
        # where the package is served, and the region in the app (QR codes on flyers lead there)
        self.package_base_url = QLineEdit(r.package_base_url or "")
        self.package_base_url.setPlaceholderText("https://…")
        self.package_base_url.setToolTip(
            _("Where the app package will be served; its links and images start with this address.")
        )
        self.app_url = QLineEdit(r.app_url or "")
        self.app_url.setPlaceholderText(r.default_app_url)
        self.app_url.setToolTip(
            _("The region in the Integreat app; the QR codes on flyers lead there. Empty: {address}").format(
                address=r.default_app_url
            )
        )
        form.addRow(_("Address of the app package"), self.package_base_url)
        form.addRow(_("Address in the Integreat app"), self.app_url)
        self.policy = ComboBox()
        for key, label in policy_labels().items():
            self.policy.addItem(label, key)
        self.policy.setCurrentIndex(self.policy.findData(r.publish_policy))
        form.addRow(_("Publish by default"), self.policy)
        return page

    def _languages_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.languages = QTableWidget(0, 4)
        self.languages.setObjectName("settings_languages")
        self.languages.setHorizontalHeaderLabels(
            [_("Code"), _("Language"), _("Translated from"), _("Active")]
        )
        self.languages.verticalHeader().setVisible(False)
        self.languages.horizontalHeader().setStretchLastSection(True)
        for lang in self.region.languages:
            self._add_language_row(lang)
        add = QPushButton(_("Add a language …"))
        add.clicked.connect(self._ask_language)
        layout.addWidget(
            QLabel(
                _(
                    "German is written first; every other language is translated from the language "
                    "in “translated from” (Dari from Farsi, for example)."
                )
            )
        )
        layout.addWidget(self.languages, 1)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _codes(self) -> list[str]:
        return [self.languages.item(r, 0).text() for r in range(self.languages.rowCount())]

    def _add_language_row(self, lang: LanguageSetting) -> None:
        row = self.languages.rowCount()
        self.languages.insertRow(row)
        code_item = QTableWidgetItem(lang.code)
        code_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        name_item = QTableWidgetItem(lang.native_name)
        name_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.languages.setItem(row, 0, code_item)
        self.languages.setItem(row, 1, name_item)
        source = ComboBox()
        source.addItem(_("— (source language)"), None)
        for code in [lang.code for lang in self.region.languages] + [
            c for c in self._codes() if c not in [x.code for x in self.region.languages]
        ]:
            if code != lang.code:
                source.addItem(code, code)
        source.setCurrentIndex(max(0, source.findData(lang.source_code)))
        self.languages.setCellWidget(row, 2, source)
        active = QCheckBox()
        active.setChecked(lang.active)
        self.languages.setCellWidget(row, 3, active)

    def _ask_language(self) -> None:
        code, ok = QInputDialog.getText(self, _("Add a language"), _("Language code (e.g. ti, ps, ku):"))
        if ok and code.strip():
            self.add_language(code.strip().lower())

    def add_language(self, code: str, source: str = "de") -> bool:
        if code in self._codes():
            return False
        try:
            info = language_info(code)
        except UnknownLanguageError:
            QMessageBox.warning(
                self, _("Settings"), _("“{code}” is not a known language code.").format(code=code)
            )
            return False
        self._add_language_row(LanguageSetting(code, source, info.native_name, True))
        for row in range(self.languages.rowCount() - 1):  # the new language can be a source too
            self.languages.cellWidget(row, 2).addItem(code, code)
        return True

    def language_settings(self) -> list[LanguageSetting]:
        return [
            LanguageSetting(
                self.languages.item(r, 0).text(),
                self.languages.cellWidget(r, 2).currentData(),
                self.languages.item(r, 1).text(),
                self.languages.cellWidget(r, 3).isChecked(),
            )
            for r in range(self.languages.rowCount())
        ]

    # --- actions -------------------------------------------------------------------------
    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Database file"),
            self.database.text(),
            "SQLite (*.sqlite *.db)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            self.database.setText(name)

    def test_connection(self) -> None:
        """Off the GUI thread: a server that does not answer must not freeze the window."""
        try:
            target = self.database_url()
        except LotseError as exc:
            self.connection_result.setText(exc.message(language()))
            return
        self.test_button.setEnabled(False)
        self.connection_result.setText(_("Connecting …"))

        def done(description: str) -> None:
            self.test_button.setEnabled(True)
            self.connection_result.setStyleSheet("color: #2E7D32;")
            self.connection_result.setText(_("Connected to {target}.").format(target=description))

        def failed(exc) -> None:
            self.test_button.setEnabled(True)
            self.connection_result.setStyleSheet("color: #B00020;")
            self.connection_result.setText(
                exc.message(language()) if isinstance(exc, LotseError) else str(exc)
            )

        self.parent().tasks.run(
            _("Test connection"),
            lambda progress, token: check_connection(with_password(target)),
            on_done=done,
            on_error=failed,
            cancellable=False,
        )

    def _float(self, edit: QLineEdit) -> float | None:
        value = edit.text().strip().replace(",", ".")
        return float(value) if value else None

    def save(self) -> None:
        try:  # the password goes to the keyring, the settings file gets the URL without it
            database = store_database_url(self.database_url())
        except LotseError as exc:
            QMessageBox.warning(self, _("Settings"), exc.message(language()))
            return
        if self.may_change_region and not self._save_region():
            return
        self.settings.set("database", database)
        self.database.setText(split_tls(database)[0])
        self.settings.set("ui_language", self.ui_language.currentData())
        self.settings.set("autosave_seconds", self.autosave.value())
        self.settings.sync()
        self.region_changed.emit()
        self.accept()
        set_language(self.ui_language.currentData())  # at once: open windows redraw their words

    def _save_region(self) -> bool:
        r = self.region
        try:
            r.name, r.prefix, r.postcode = (
                self.region_name.text(),
                self.region_prefix.text(),
                self.region_postcode.text(),
            )
            r.latitude, r.longitude = self._float(self.region_latitude), self._float(self.region_longitude)
        except ValueError:
            QMessageBox.warning(
                self, _("Settings"), _("Latitude and longitude must be numbers, e.g. 50.7753.")
            )
            return False
        r.publish_policy = self.policy.currentData()
        r.package_base_url, r.app_url = self.package_base_url.text(), self.app_url.text()
        r.languages = self.language_settings()
        try:
            save_category_names(self.context.db, self.category_names.changed_names())
            save_region_settings(self.context.db, r)
        except LotseError as exc:
            QMessageBox.warning(self, _("Settings"), exc.message(language()))
            return False
        return True
