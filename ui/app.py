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


def log_in_at_start(settings: SettingsStore, url, *, from_settings: bool, problem: str = ""):
    """The login dialog; the context of the person logged in, or None when they cancel. The
    settings keep the URL with the user name, never the password."""
    from .team.login_dialog import LoginDialog

    dialog = LoginDialog(url, problem=problem)
    if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.context is None:
        return None
    if from_settings:
        settings.set("database", dialog.stored_url)
        settings.sync()
    return dialog.context


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
    from desktop.team.login import login_user, needs_login

    move_password_to_keyring(settings)
    tidy_package_folder(str(settings.qsettings.value("publish/folder", "") or "") or None)
    target = db or settings.get("database") or None
    try:
        if needs_login(target):
            context = log_in_at_start(settings, target, from_settings=not db)
        else:
            try:
                context = open_context(with_password(target), demo_if_empty=False)
            except LotseError as exc:
                if not login_user(target):
                    raise
                # A team database that refused the remembered password: ask again.
                context = log_in_at_start(settings, target, from_settings=not db, problem=exc.message())
        if context is None:
            shell.hand_over()
            return 1
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
