"""Starting the desktop program: QApplication, settings, interface language, context, window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.errors import LotseError

from .i18n import _, set_language
from .settings_store import SettingsStore
from .shell import Shell

# The data layer (SQLAlchemy, SQLModel, the mapped tables) is imported in run(), after the
# window's shell has painted: it was half of the time to the first paint.


def install_demo_with_progress(db) -> None:
    """First start: the demo region goes in before the window opens; say so while it does."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    from desktop.demo import install_demo

    dialog = QProgressDialog(_("Setting up the demo region …"), "", 0, 0)
    dialog.setWindowTitle("Lotse")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(500)

    def progress(done: int, total: int, message: str = "") -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(_("Setting up the demo region …") + f"\n{message}")
        QApplication.processEvents()

    install_demo(db, progress=progress)
    dialog.close()


def move_password_to_keyring(settings: SettingsStore) -> None:
    """A database URL stored with its password (before the keyring kept it): move the password."""
    from desktop.db_secret import store_database_url

    stored = settings.get("database") or ""
    try:
        cleaned = store_database_url(stored)
    except LotseError:
        return  # no keyring here: the settings dialog says so when the URL is saved again
    if cleaned != stored:
        settings.set("database", cleaned)
        settings.sync()


def run(db: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lotse")
    app.setOrganizationName("Lotse")
    settings = SettingsStore()
    set_language(settings.get("ui_language"))
    shell = Shell(settings)
    shell.show_painted(app)
    from desktop.context import open_context
    from desktop.db_secret import with_password
    from desktop.demo import has_region
    from desktop.publish import tidy_package_folder

    move_password_to_keyring(settings)
    tidy_package_folder(str(settings.qsettings.value("publish/folder", "") or "") or None)
    try:
        context = open_context(db or with_password(settings.get("database")) or None, demo_if_empty=False)
        if not has_region(context.db):
            install_demo_with_progress(context.db)
    except LotseError as exc:
        shell.hand_over()
        QMessageBox.critical(None, "Lotse", exc.message())
        return 1
    from .main_window import MainWindow

    window = MainWindow(context, settings)
    window.show()
    shell.hand_over()
    try:
        return app.exec()
    finally:
        context.close()
