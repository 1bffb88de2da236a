"""“Translate selected offers…”: choose languages, see words, requests and cost before
anything is sent, then translate in the background with progress and cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
)

from desktop.errors import LotseError
from desktop.translation.engine import estimate
from desktop.translation.providers import PROVIDERS
from desktop.translation.settings import Providers, language_providers

from .settings_dialog import language_label

TEXT = {
    "title": ("Angebote übersetzen", "Translate offers"),
    "scope_selected": ("{n} ausgewählte Angebote", "{n} selected offers"),
    "scope_all": ("Alle Angebote der Region", "All offers of the region"),
    "languages": ("Sprachen", "Languages"),
    "force": ("Auch Texte, deren Quelle sich nicht geändert hat", "Also texts whose source did not change"),
    "no_service": ("kein Dienst gewählt", "no service chosen"),
    "start": ("Übersetzen", "Translate"),
    "estimate": (
        "{words} Wörter in {segments} Abschnitten, {requests} Anfragen, geschätzt {cost:.2f} € "
        "(Bekanntes kommt aus dem Übersetzungsspeicher).",
        "{words} words in {segments} segments, {requests} requests, about {cost:.2f} € "
        "(what is known comes from the translation memory).",
    ),
    "nothing": (
        "Nichts zu senden: alles ist übersetzt oder im Speicher.",
        "Nothing to send: everything is translated or in memory.",
    ),
    "choose": ("Wählen Sie mindestens eine Sprache.", "Choose at least one language."),
}


def t(key: str, ui: str, **values) -> str:
    de, en = TEXT[key]
    return (en if ui == "en" else de).format(**values)


class TranslateDialog(QDialog):
    def __init__(self, context, offer_ids: list[int] | None, parent=None):
        super().__init__(parent)
        self.context = context
        self.ui = context.ui_language
        self.offer_ids = offer_ids or None
        self.setWindowTitle(t("title", self.ui))
        layout = QVBoxLayout(self)
        scope = t("scope_selected", self.ui, n=len(offer_ids)) if offer_ids else t("scope_all", self.ui)
        layout.addWidget(QLabel(f"<b>{scope}</b>"))
        box = QGroupBox(t("languages", self.ui))
        grid = QGridLayout(box)
        self.boxes: dict[str, QCheckBox] = {}
        self.chosen = language_providers(context.db)
        for row, (code, provider) in enumerate(self.chosen.items()):
            box_ = QCheckBox(language_label(code))
            box_.setObjectName(f"lang_{code}")
            box_.setEnabled(bool(provider))
            box_.toggled.connect(self.update_estimate)
            grid.addWidget(box_, row // 2, (row % 2) * 2)
            hint = QLabel(PROVIDERS[provider].label if provider in PROVIDERS else t("no_service", self.ui))
            hint.setStyleSheet("color: palette(mid);" if provider else "color: #a33;")
            grid.addWidget(hint, row // 2, (row % 2) * 2 + 1)
            self.boxes[code] = box_
        layout.addWidget(box)
        self.force = QCheckBox(t("force", self.ui))
        self.force.toggled.connect(self.update_estimate)
        layout.addWidget(self.force)
        self.estimate_label = QLabel()
        self.estimate_label.setWordWrap(True)
        self.estimate_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.estimate_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("start", self.ui))
        if self.ui != "en":
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Abbrechen")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 0)
        self.update_estimate()

    def languages(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def update_estimate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        languages = self.languages()
        if not languages:
            self.estimate_label.setText(t("choose", self.ui))
            ok.setEnabled(False)
            return
        providers = Providers(self.context.db)
        try:
            result = estimate(
                self.context.db, providers, languages, self.offer_ids, force=self.force.isChecked()
            )
        except LotseError as exc:
            self.estimate_label.setText(exc.message(self.ui))
            ok.setEnabled(False)
            return
        finally:
            providers.close()
        ok.setEnabled(True)
        if result.segments == 0:
            self.estimate_label.setText(t("nothing", self.ui))
        else:
            text = t(
                "estimate",
                self.ui,
                words=result.words,
                segments=result.segments,
                requests=result.requests,
                cost=result.cost,
            )
            self.estimate_label.setText(
                text
                if self.ui == "en"
                else text.replace(f"{result.cost:.2f}", f"{result.cost:.2f}".replace(".", ","))
            )
