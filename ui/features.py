"""Features that add their actions to the main window's menus.

Each module listed here has ``install(window)``; it finds its menu with
``window.menu(name)`` (names: file, edit, offer, translate, review, publish,
exchange, help) and adds actions that open its dialog. Adding a feature is one
line here; the main window does not grow with every dialog.
"""

from __future__ import annotations

import importlib

FEATURE_MODULES: list[str] = [
    "ui.review",
    "ui.translation",
    "ui.publish_feature",
    "ui.exchange",
    "ui.flyers",
]


def install_all(window) -> None:
    for name in FEATURE_MODULES:
        importlib.import_module(name).install(window)
