"""Starting the desktop program: QApplication, settings, interface language, context, window."""

from __future__ import annotations

import sys
import threading
from functools import partial

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.db_files import plain_sqlite_file
from desktop.errors import LotseError
from desktop.list_snapshot import ListSnapshot, read_list_snapshot

from .i18n import _, language, set_language
from .module_sources import forget_module_sources
from .settings_store import SettingsStore
from .shell import Shell

forget_module_sources()  # PySide6 kept every imported module's source (ui/module_sources.py)

# The data layer (SQLAlchemy, SQLModel, the mapped tables) is imported in run(), after the
# window's shell has painted, and after the offer list has, when it could be read without it:
# the imports were half of the time to the first paint and most of the time to the list.
# Imported one after the other, with the window's events handled in between:
DATA_LAYER = (
    "sqlalchemy",
    "sqlmodel",
    "models.tables",
    "desktop.context",
    "desktop.offers",
    "ui.main_window",
)


class EarlyList:
    """The offer list of a SQLite file read in a thread (sqlite3 lets go of Python while it
    reads) as Qt starts; ``snapshot`` stays None where the early reading does not apply."""

    def __init__(self, target: str | None) -> None:
        self.snapshot: ListSnapshot | None = None
        self.thread: threading.Thread | None = None
        # The reading waits with its Python part until the shell has painted (or a second).
        self.painted = threading.Event()
        path = plain_sqlite_file(target)
        if path is not None:
            ui_language = language()
            hold = partial(self.painted.wait, 1.0)
            self.thread = threading.Thread(
                target=lambda: setattr(self, "snapshot", read_list_snapshot(path, ui_language, hold=hold)),
                name="lotse-early-list",
                daemon=True,
            )
            self.thread.start()

    def wait(self, app: QCoreApplication) -> ListSnapshot | None:
        """The snapshot once read; the shell's events are handled meanwhile."""
        while self.thread is not None and self.thread.is_alive():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
            self.thread.join(0.005)
        return self.snapshot


def import_data_layer(app: QCoreApplication) -> None:
    import importlib

    for name in DATA_LAYER:
        importlib.import_module(name)
        app.processEvents()
    forget_module_sources()  # in case this PySide6 keeps sources another way: not for good


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
    early = EarlyList(db or settings.get("database") or None)
    shell = Shell(settings)
    shell.show_painted(app)
    early.painted.set()
    snapshot = early.wait(app)
    if snapshot is not None:
        shell.show_list(snapshot, settings)
        shell.show_painted(app)
        import_data_layer(app)
        if not shell.isVisible():  # closed while the rest was loaded
            return 0
    from desktop.context import open_context
    from desktop.db_secret import with_password
    from desktop.demo import has_region
    from desktop.package_folder import tidy_package_folder
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

    window = MainWindow(context, settings, list_panel=shell.list_panel)
    window.show()
    shell.hand_over()
    try:
        return app.exec()
    finally:
        context.close()
