"""Every setting of the desktop program, declared once with its default and type.

Stored with QSettings by ui/settings_store.py; region details, the region's languages and
the publishing policy live in the database instead (desktop/region_settings.py), because
they belong to the region that a team shares, not to one person's computer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    key: str
    default: object
    kind: type


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        # A SQLite file or a server URL; empty: $LOTSE_DB or the file in the user's data folder.
        Setting("database", "", str),
        Setting("ui_language", "de", str),
        Setting("autosave_seconds", 3, int),
        Setting("first_start_done", False, bool),
        Setting("window/geometry", b"", bytes),
        Setting("window/state", b"", bytes),
        Setting("window/splitter", b"", bytes),
        Setting("window/columns", b"", bytes),
    )
}


def convert(key: str, value: Any) -> Any:
    """A stored value as its declared type (QSettings hands back strings from INI files)."""
    setting = SETTINGS[key]
    if value is None:
        return setting.default
    if setting.kind is bool:
        return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
    if setting.kind is int:
        try:
            return int(value)
        except (TypeError, ValueError):
            return setting.default
    if setting.kind is bytes:
        return bytes(value) if not isinstance(value, str) else setting.default
    return str(value)
