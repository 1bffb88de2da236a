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

from ..i18n import _
from ..wheel_guard import ComboBox, SpinBox

LABELS = {name: cls.label for name, cls in PROVIDERS.items()}


def language_label(code: str) -> str:
    """“العربية (ar)” laid out left to right in a left-to-right dialog (LRM first)."""
    return f"\u200e{language_info(code).native_name} ({code})"


class ServiceBox(QGroupBox):
    def __init__(self, dialog: TranslationSettingsDialog, name: str):
        super().__init__(LABELS[name])
        self.dialog, self.name = dialog, name
        self.setObjectName(f"service_{name}")
        settings = service_settings(dialog.context.db, name)
        form = QFormLayout(self)
        self.url = QLineEdit(settings.url or "")
        default = PROVIDERS[name].default_url
        self.url.setPlaceholderText(default if isinstance(default, str) else "https://api.deepl.com")
        form.addRow(_("Address"), self.url)
        cls = PROVIDERS[name]
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_state = QLabel()
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        self.save_key = QPushButton(_("Save key"))
        self.save_key.clicked.connect(self.store_key)
        key_row.addWidget(self.save_key)
        key_row.addWidget(self.key_state)
        if cls.needs_key or name == "libretranslate":
            form.addRow(_("Key"), key_row)
        else:
            form.addRow(_("Key"), QLabel(_("no key needed")))
            self.key.hide()
            self.save_key.hide()
        if name == "microsoft":
            self.region = QLineEdit(settings.azure_region or "")
            self.region.setPlaceholderText("westeurope")
            form.addRow(_("Azure region"), self.region)
        else:
            self.region = None
        self.budget = SpinBox()
        self.budget.setRange(0, 100_000_000)
        self.budget.setSingleStep(10_000)
        self.budget.setValue(settings.yearly_word_budget or 0)
        used = QLabel(
            _("{n} words sent this year").format(
                n=f"{words_this_year(dialog.context.db, name):,}".replace(",", ".")
            )
        )
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.budget)
        budget_row.addWidget(used, 1)
        form.addRow(_("Words per year (0 = no limit)"), budget_row)
        self.test_button = QPushButton(_("Test"))
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
        if not keys.keyring_available():
            self.key.setEnabled(False)
            self.save_key.setEnabled(False)
            self.key.setToolTip(keys.how_to_provide(self.name).render())
        import os

        if os.environ.get(keys.env_var(self.name)):
            self.key_state.setText(_("from {var}").format(var=keys.env_var(self.name)))
        else:
            self.key_state.setText(_("key stored") if keys.get_key(self.name) else _("no key"))

    def store_key(self) -> None:
        try:
            keys.set_key(self.name, self.key.text())
        except LotseError as exc:
            QMessageBox.warning(self, "Lotse", exc.message())
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
        try:
            save_service(self.dialog.context.db, self.settings())
        except LotseError as exc:
            QMessageBox.warning(self, "Lotse", exc.message())
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
        self.test_result.setText(_("Testing {provider} …").format(provider=LABELS[name]))

        def done(result):
            self.test_button.setEnabled(True)
            self.test_result.setStyleSheet("color: #1b6e2a;")
            self.test_result.setText(
                "✓ "
                + _("{provider} answers: “Hallo” → “{result}”").format(provider=LABELS[name], result=result)
            )

        def failed(exc):
            self.test_button.setEnabled(True)
            self.test_result.setStyleSheet("color: #a31515;")
            self.test_result.setText("✗ " + (exc.message() if isinstance(exc, LotseError) else str(exc)))

        self.dialog.tasks.run(
            _("Testing {provider} …").format(provider=LABELS[name]),
            work,
            on_done=done,
            on_error=failed,
            on_cancel=lambda: self.test_button.setEnabled(True),
            parent=self,
        )


class TranslationSettingsDialog(QDialog):
    def __init__(self, context, tasks, parent=None):
        super().__init__(parent)
        self.context, self.tasks = context, tasks
        self.setWindowTitle(_("Translation settings"))
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
            combo.addItem(_("— none —"), None)
            for name in PROVIDERS:
                covered = covers(name, sources.get(code, "de"), code)
                combo.addItem(
                    LABELS[name] + ("" if covered else " " + _("(does not offer the language)")), name
                )
                if not covered:
                    combo.model().item(combo.count() - 1).setEnabled(False)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            grid.addWidget(combo, row, 1)
            self.combos[code] = combo
        grid.setRowStretch(len(self.combos), 1)
        tabs.addTab(languages, _("Languages"))

        services = QWidget()
        column = QVBoxLayout(services)
        if not keys.keyring_available():
            notice = QLabel(
                keys.how_to_provide("…").render().replace("LOTSE_…_KEY", _("LOTSE_<SERVICE>_KEY"))
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
        tabs.addTab(scroll, _("Services"))

        from .glossary_tab import GlossaryTab

        self.glossary = GlossaryTab(context, list(self.combos), parent=self)
        tabs.addTab(self.glossary, _("Glossary"))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
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
            QMessageBox.warning(self, "Lotse", exc.message())
            return
        self.accept()
