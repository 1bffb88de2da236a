"""The window's shell: painted at once at start, before the data layer is imported.

Importing SQLAlchemy and SQLModel and mapping the tables took about half of the time to the
first paint (1.2–1.8 s at full size under load; more on a cold disk). The shell is a plain
window where the main window will be (its saved geometry), saying that the offers are
loading; it imports nothing but Qt and the interface's words. The main window replaces it
as soon as it is built (``ui.app.run``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from .i18n import _
from .settings_store import SettingsStore


class _Painted(QObject):
    """Notes the shell's first paint."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False


class Shell(QMainWindow):
    def __init__(self, settings: SettingsStore) -> None:
        super().__init__()
        self.setObjectName("lotse_shell")
        self.setWindowTitle("Lotse")
        self.resize(1560, 900)  # as the main window
        geometry = settings.get("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        self.label = QLabel(_("Loading offers …"))
        label = self.label
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)  # the palette's grey, as the list's own placeholder
        self.setCentralWidget(label)

    def show_painted(self, app: QCoreApplication, rounds: int = 50) -> None:
        """Show and let it paint before the caller goes on with the long imports."""
        watcher = _Painted()
        self.label.installEventFilter(watcher)
        self.show()
        after = 2  # rounds after the paint: what it queued (the flush to the screen) goes too
        for _round in range(rounds):
            app.processEvents()
            if watcher.seen:
                after -= 1
                if after < 0:
                    break
        self.label.removeEventFilter(watcher)

    def hand_over(self) -> None:
        """The main window is shown: the shell goes."""
        self.close()
        self.deleteLater()
