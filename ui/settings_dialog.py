"""Settings (placeholder until the dialog is built)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog


class SettingsDialog(QDialog):
    region_changed = Signal()

    def __init__(self, context, settings, parent=None):
        super().__init__(parent)
