"""The main window: the offer list with search; the editor and review panes grow here."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QTableView, QVBoxLayout, QWidget, QAbstractItemView, QHeaderView

from desktop.context import AppContext
from desktop.offers import list_offers
from desktop.regions import current_region, region_languages

from .features import install_all
from .offer_table_model import OfferFilterProxy, OfferTableModel
from .task_runner import TaskRunner

MENUS = (
    ("file", "&Datei"),
    ("edit", "&Bearbeiten"),
    ("offer", "&Angebot"),
    ("translate", "Ü&bersetzen"),
    ("review", "&Prüfen"),
    ("publish", "&Veröffentlichen"),
    ("exchange", "A&ustausch"),
    ("help", "&Hilfe"),
)


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext):
        super().__init__()
        self.context = context
        with context.db.transaction() as session:
            region = current_region(session)
            languages = [rl.code for rl in region_languages(session, region.id)]
            self.region_name = region.name
        self.setWindowTitle(f"Lotse – {self.region_name}")
        self.model = OfferTableModel(languages, context.ui_language, self)
        self.proxy = OfferFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(placeholderText="Suchen … (Titel, Kategorie, Kommune, Träger, Adresse)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"{self.region_name}")
        self.tasks = TaskRunner(self)
        self.tasks.busy_changed.connect(lambda busy, text: self.statusBar().showMessage(text if busy else self.region_name))
        self._menus: dict[str, object] = {}
        for name, title in MENUS:
            menu = self.menuBar().addMenu(title)
            menu.setObjectName(f"menu_{name}")
            self._menus[name] = menu
        install_all(self)
        self.resize(1200, 750)
        self.reload()

    def menu(self, name: str):
        """A top-level menu by name (see ui/features.py)."""
        return self._menus[name]

    def selected_offer_ids(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.row_at(r).id for r in sorted(rows)]

    def reload(self) -> None:
        self.model.set_rows(list_offers(self.context.db))
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._update_count()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(f"{self.proxy.rowCount()} von {self.model.rowCount()} Angeboten")
