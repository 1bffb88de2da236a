"""The declared settings (desktop/settings.py) stored with QSettings.

``LOTSE_SETTINGS`` names an INI file instead of the user's normal settings (tests use
it, so they never read or change a real user's choices).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

from desktop.settings import SETTINGS, convert


class SettingsStore:
    def __init__(self, path: str | None = None):
        path = path or os.environ.get("LOTSE_SETTINGS")
        self.qsettings = QSettings(path, QSettings.Format.IniFormat) if path else QSettings("Lotse", "Lotse")

    def get(self, key: str):
        value = self.qsettings.value(key, None)
        if isinstance(value, QByteArray):
            value = bytes(value.data())
        return convert(key, value)

    def set(self, key: str, value) -> None:
        if key not in SETTINGS:
            raise KeyError(key)
        self.qsettings.setValue(key, QByteArray(value) if isinstance(value, bytes) else value)

    def sync(self) -> None:
        self.qsettings.sync()
