"""Translation settings: a service per language, each service's address, key (into the
system keyring, never the database) with a test button, and its yearly word budget."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import LotseError
from desktop.translation import keys
from desktop.translation.http import Limits
from desktop.translation.memory import words_this_year
from desktop.translation.providers import PROVIDERS
from desktop.translation.settings import (
    ServiceSettings,
    build_provider,
    covers,
    language_providers,
    language_sources,
    save_service,
    service_settings,
    set_language_provider,
)
from models.languages import language_info

from ..wheel_guard import ComboBox, SpinBox

TEXT = {
    "title": ("Übersetzungseinstellungen", "Translation settings"),
    "languages": ("Sprachen", "Languages"),
    "services": ("Dienste", "Services"),
    "none": ("— keiner —", "— none —"),
    "not_covered": ("(bietet die Sprache nicht an)", "(does not offer the language)"),
    "url": ("Adresse", "Address"),
    "key": ("Schlüssel", "Key"),
    "key_stored": ("Schlüssel hinterlegt", "key stored"),
    "key_missing": ("kein Schlüssel", "no key"),
    "key_env": ("aus {var}", "from {var}"),
    "save_key": ("Schlüssel speichern", "Save key"),
    "test": ("Testen", "Test"),
    "budget": ("Wörter pro Jahr (0 = unbegrenzt)", "Words per year (0 = no limit)"),
    "used": ("{n} Wörter in diesem Jahr gesendet", "{n} words sent this year"),
    "region": ("Azure-Region", "Azure region"),
    "test_ok": ("{provider} antwortet: „Hallo“ → „{result}“", "{provider} answers: “Hallo” → “{result}”"),
    "testing": ("{provider} wird getestet …", "Testing {provider} …"),
    "free": ("ohne Schlüssel", "no key needed"),
}
LABELS = {name: cls.label for name, cls in PROVIDERS.items()}


def language_label(code: str) -> str:
    """“العربية (ar)” laid out left to right in a left-to-right dialog (LRM first)."""
    return f"\u200e{language_info(code).native_name} ({code})"


def t(key: str, ui: str, **values) -> str:
    de, en = TEXT[key]
    return (en if ui == "en" else de).format(**values)


class ServiceBox(QGroupBox):
    def __init__(self, dialog: TranslationSettingsDialog, name: str):
        super().__init__(LABELS[name])
        self.dialog, self.name, ui = dialog, name, dialog.ui
        self.setObjectName(f"service_{name}")
        settings = service_settings(dialog.context.db, name)
        form = QFormLayout(self)
        self.url = QLineEdit(settings.url or "")
        default = PROVIDERS[name].default_url
        self.url.setPlaceholderText(default if isinstance(default, str) else "https://api.deepl.com")
        form.addRow(t("url", ui), self.url)
        cls = PROVIDERS[name]
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_state = QLabel()
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        self.save_key = QPushButton(t("save_key", ui))
        self.save_key.clicked.connect(self.store_key)
        key_row.addWidget(self.save_key)
        key_row.addWidget(self.key_state)
        if cls.needs_key or name == "libretranslate":
            form.addRow(t("key", ui), key_row)
        else:
            form.addRow(t("key", ui), QLabel(t("free", ui)))
            self.key.hide()
            self.save_key.hide()
        if name == "microsoft":
            self.region = QLineEdit(settings.azure_region or "")
            self.region.setPlaceholderText("westeurope")
            form.addRow(t("region", ui), self.region)
        else:
            self.region = None
        self.budget = SpinBox()
        self.budget.setRange(0, 100_000_000)
        self.budget.setSingleStep(10_000)
        self.budget.setValue(settings.yearly_word_budget or 0)
        used = QLabel(t("used", ui, n=f"{words_this_year(dialog.context.db, name):,}".replace(",", ".")))
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.budget)
        budget_row.addWidget(used, 1)
        form.addRow(t("budget", ui), budget_row)
        self.test_button = QPushButton(t("test", ui))
        self.test_button.setObjectName(f"test_{name}")
        self.test_button.clicked.connect(self.test)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setObjectName(f"test_result_{name}")
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        form.addRow("", test_row)
        self.refresh_key_state()

    def refresh_key_state(self) -> None:
        ui = self.dialog.ui
        if not keys.keyring_available():
            self.key.setEnabled(False)
            self.save_key.setEnabled(False)
            self.key.setToolTip(keys.how_to_provide(self.name)[1 if ui == "en" else 0])
        import os

        if os.environ.get(keys.env_var(self.name)):
            self.key_state.setText(t("key_env", ui, var=keys.env_var(self.name)))
        else:
            self.key_state.setText(t("key_stored", ui) if keys.get_key(self.name) else t("key_missing", ui))

    def store_key(self) -> None:
        try:
            keys.set_key(self.name, self.key.text())
        except LotseError as exc:
            QMessageBox.warning(self, "Lotse", exc.message(self.dialog.ui))
            return
        self.key.clear()
        self.refresh_key_state()

    def settings(self) -> ServiceSettings:
        return ServiceSettings(
            self.name,
            self.url.text().strip() or None,
            self.region.text().strip() if self.region else None,
            self.budget.value() or None,
        )

    def test(self) -> None:
        ui = self.dialog.ui
        try:
            save_service(self.dialog.context.db, self.settings())
        except LotseError as exc:
            QMessageBox.warning(self, "Lotse", exc.message(ui))
            return
        typed = self.key.text().strip() or None
        db, name = self.dialog.context.db, self.name

        def work(progress, token):
            provider = build_provider(db, name, key=typed, limits=Limits(timeout=10, retries=1))
            try:
                return provider.test()
            finally:
                provider.client.close()

        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(t("testing", ui, provider=LABELS[name]))

        def done(result):
            self.test_button.setEnabled(True)
            self.test_result.setStyleSheet("color: #1b6e2a;")
            self.test_result.setText("✓ " + t("test_ok", ui, provider=LABELS[name], result=result))

        def failed(exc):
            self.test_button.setEnabled(True)
            self.test_result.setStyleSheet("color: #a31515;")
            self.test_result.setText("✗ " + (exc.message(ui) if isinstance(exc, LotseError) else str(exc)))

        self.dialog.tasks.run(
            t("testing", ui, provider=LABELS[name]),
            work,
            on_done=done,
            on_error=failed,
            on_cancel=lambda: self.test_button.setEnabled(True),
            parent=self,
        )


class TranslationSettingsDialog(QDialog):
    def __init__(self, context, tasks, parent=None):
        super().__init__(parent)
        self.context, self.tasks, self.ui = context, tasks, context.ui_language
        self.setWindowTitle(t("title", self.ui))
        layout = QVBoxLayout(self)
        tabs = QTabWidget()
        layout.addWidget(tabs)

        languages = QWidget()
        grid = QGridLayout(languages)
        self.combos: dict[str, QComboBox] = {}
        sources = language_sources(context.db)
        for row, (code, chosen) in enumerate(language_providers(context.db).items()):
            grid.addWidget(QLabel(language_label(code)), row, 0)
            combo = ComboBox()
            combo.setObjectName(f"provider_{code}")
            combo.addItem(t("none", self.ui), None)
            for name, cls in PROVIDERS.items():
                covered = covers(name, sources.get(code, "de"), code)
                combo.addItem(LABELS[name] + ("" if covered else " " + t("not_covered", self.ui)), name)
                if not covered:
                    combo.model().item(combo.count() - 1).setEnabled(False)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            grid.addWidget(combo, row, 1)
            self.combos[code] = combo
        grid.setRowStretch(len(self.combos), 1)
        tabs.addTab(languages, t("languages", self.ui))

        services = QWidget()
        column = QVBoxLayout(services)
        if not keys.keyring_available():
            notice = QLabel(
                keys.how_to_provide("…")[1 if self.ui == "en" else 0].replace(
                    "LOTSE_…_KEY", "LOTSE_<DIENST>_KEY" if self.ui != "en" else "LOTSE_<SERVICE>_KEY"
                )
            )
            notice.setWordWrap(True)
            notice.setStyleSheet("background: #fff4d6; padding: 6px;")
            column.addWidget(notice)
        self.services = {name: ServiceBox(self, name) for name in PROVIDERS}
        for box in self.services.values():
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(services)
        tabs.addTab(scroll, t("services", self.ui))

        from .glossary_tab import GlossaryTab

        self.glossary = GlossaryTab(context, list(self.combos), parent=self)
        tabs.addTab(self.glossary, "Glossar" if self.ui != "en" else "Glossary")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        if self.ui != "en":
            buttons.button(QDialogButtonBox.StandardButton.Save).setText("Speichern")
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Abbrechen")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tabs = tabs
        self.resize(620, 640)

    def save(self) -> None:
        try:
            for box in self.services.values():
                save_service(self.context.db, box.settings())
            for code, combo in self.combos.items():
                set_language_provider(self.context.db, code, combo.currentData())
        except LotseError as exc:
            QMessageBox.warning(self, "Lotse", exc.message(self.ui))
            return
        self.accept()
