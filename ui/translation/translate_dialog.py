"""“Translate selected offers…”: choose languages, see words, requests and cost before
anything is sent, then translate in the background with progress and cancel."""

from __future__ import annotations

from babel.numbers import format_decimal
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

from ..i18n import _, language
from .settings_dialog import language_label


class TranslateDialog(QDialog):
    def __init__(self, context, offer_ids: list[int] | None, parent=None):
        super().__init__(parent)
        self.context = context
        self.offer_ids = offer_ids or None
        self.setWindowTitle(_("Translate offers"))
        layout = QVBoxLayout(self)
        scope = (
            _("{n} selected offers").format(n=len(offer_ids)) if offer_ids else _("All offers of the region")
        )
        layout.addWidget(QLabel(f"<b>{scope}</b>"))
        box = QGroupBox(_("Languages"))
        grid = QGridLayout(box)
        self.boxes: dict[str, QCheckBox] = {}
        self.chosen = language_providers(context.db)
        for row, (code, provider) in enumerate(self.chosen.items()):
            box_ = QCheckBox(language_label(code))
            box_.setObjectName(f"lang_{code}")
            box_.setEnabled(bool(provider))
            box_.toggled.connect(self.update_estimate)
            grid.addWidget(box_, row // 2, (row % 2) * 2)
            hint = QLabel(PROVIDERS[provider].label if provider in PROVIDERS else _("no service chosen"))
            hint.setStyleSheet("color: palette(mid);" if provider else "color: #a33;")
            grid.addWidget(hint, row // 2, (row % 2) * 2 + 1)
            self.boxes[code] = box_
        layout.addWidget(box)
        self.force = QCheckBox(_("Also texts whose source did not change"))
        self.force.toggled.connect(self.update_estimate)
        layout.addWidget(self.force)
        self.estimate_label = QLabel()
        self.estimate_label.setWordWrap(True)
        self.estimate_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.estimate_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Translate"))
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
            self.estimate_label.setText(_("Choose at least one language."))
            ok.setEnabled(False)
            return
        providers = Providers(self.context.db)
        try:
            result = estimate(
                self.context.db, providers, languages, self.offer_ids, force=self.force.isChecked()
            )
        except LotseError as exc:
            self.estimate_label.setText(exc.message())
            ok.setEnabled(False)
            return
        finally:
            providers.close()
        ok.setEnabled(True)
        if result.segments == 0:
            self.estimate_label.setText(_("Nothing to send: everything is translated or in memory."))
        else:
            cost = format_decimal(result.cost, "0.00", locale=language())
            self.estimate_label.setText(
                _(
                    "{words} words in {segments} segments, {requests} requests, about {cost} € "
                    "(what is known comes from the translation memory)."
                ).format(words=result.words, segments=result.segments, requests=result.requests, cost=cost)
            )
