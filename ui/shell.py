"""The window's shell: painted at once at start, before the data layer is imported.

Importing SQLAlchemy and SQLModel and mapping the tables took about half of the time to the
first paint (1.2–1.8 s at full size under load; more on a cold disk). The shell is a plain
window where the main window will be (its saved geometry), saying that the offers are
loading; it imports nothing but Qt and the interface's words. From a SQLite file it then shows
the offer list, read without the data layer (desktop/list_snapshot.py), where the main window
will show it: the list can be scrolled, sorted and filtered while the rest is loaded, and the
main window takes over that same list (``ui.app.run``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from desktop.list_snapshot import ListSnapshot

from .i18n import _
from .offer_list_panel import OfferListPanel
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
        self.list_panel: OfferListPanel | None = None
        self.list_loaded = False  # as the main window's: the list holds every row

    def show_list(self, snapshot: ListSnapshot, settings: SettingsStore) -> None:
        """The offer list on the left as the main window lays it out (its saved splitter and
        columns); where the editor and the languages will be, the loading text."""
        panel = OfferListPanel(snapshot.choices)
        panel.restore_columns(settings.get("window/columns"))
        panel.model.set_rows(snapshot.rows)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(panel)
        self.takeCentralWidget()  # the label moves to the editor's place (setCentralWidget deletes the old)
        self.label.setText(_("Loading …"))
        splitter.addWidget(self.label)
        splitter.addWidget(QWidget())  # the languages panel's place
        for column, stretch in enumerate((5, 6, 2)):  # as the main window's
            splitter.setStretchFactor(column, stretch)
        splitter.setSizes([600, 700, 290])
        if settings.get("window/splitter"):
            splitter.restoreState(settings.get("window/splitter"))
        self.setCentralWidget(splitter)
        self.list_panel, self.model, self.table = panel, panel.model, panel.table
        self.list_loaded = True
        panel.update_count()

    def show_painted(self, app: QCoreApplication, rounds: int = 50) -> None:
        """Show and let it paint (the list too, when it is shown) before the caller goes on
        with the long imports."""
        watcher = _Painted()
        painting = self.list_panel.table.viewport() if self.list_panel is not None else self.label
        painting.installEventFilter(watcher)
        self.show()
        after = 2  # rounds after the paint: what it queued (the flush to the screen) goes too
        for _round in range(rounds):
            app.processEvents()
            if watcher.seen:
                after -= 1
                if after < 0:
                    break
        painting.removeEventFilter(watcher)

    def hand_over(self) -> None:
        """The main window is shown: the shell goes (with the list, unless the main window took it)."""
        self.close()
        self.deleteLater()
