"""The glossary in the translation settings: terms kept as they are or always translated as given."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import LotseError
from desktop.translation.glossary import DEFAULT_KEEP, add_term, delete_term, list_terms

from ..wheel_guard import ComboBox

TEXT = {
    "intro": (
        "Begriffe, die die Maschine nicht übersetzen soll (Namen von Ämtern) oder immer gleich übersetzen soll. "
        "Sie werden vor dem Senden geschützt und danach geprüft.",
        "Terms the machine must not translate (names of offices) or must always translate the same way. "
        "They are protected before sending and checked afterwards.",
    ),
    "term": ("Begriff", "Term"),
    "language": ("Sprache", "Language"),
    "translation": ("Übersetzung", "Translation"),
    "all": ("alle", "all"),
    "keep": ("(unverändert lassen)", "(keep as is)"),
    "add": ("Hinzufügen", "Add"),
    "remove": ("Entfernen", "Remove"),
    "as": ("leer = unverändert lassen", "empty = keep as is"),
    "defaults": ("Ämternamen vorschlagen", "Suggest office names"),
}


def t(key: str, ui: str) -> str:
    de, en = TEXT[key]
    return en if ui == "en" else de


class GlossaryTab(QWidget):
    def __init__(self, context, languages: list[str], parent=None):
        super().__init__(parent)
        self.context, self.ui = context, context.ui_language
        layout = QVBoxLayout(self)
        intro = QLabel(t("intro", self.ui))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [t("term", self.ui), t("language", self.ui), t("translation", self.ui)]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.term = QLineEdit()
        self.term.setPlaceholderText(t("term", self.ui))
        self.language = ComboBox()
        self.language.addItem(t("all", self.ui), "*")
        for code in languages:
            self.language.addItem(code, code)
        self.translation = QLineEdit()
        self.translation.setPlaceholderText(t("as", self.ui))
        self.add_button = QPushButton(t("add", self.ui))
        self.add_button.clicked.connect(self.add)
        self.term.returnPressed.connect(self.add)
        self.remove_button = QPushButton(t("remove", self.ui))
        self.remove_button.clicked.connect(self.remove)
        self.defaults_button = QPushButton(t("defaults", self.ui))
        self.defaults_button.setToolTip(", ".join(DEFAULT_KEEP))
        self.defaults_button.clicked.connect(self.add_defaults)
        for widget, stretch in (
            (self.term, 2),
            (self.language, 0),
            (self.translation, 2),
            (self.add_button, 0),
            (self.remove_button, 0),
        ):
            row.addWidget(widget, stretch)
        layout.addLayout(row)
        layout.addWidget(self.defaults_button)
        self.refresh()

    def refresh(self) -> None:
        rows = list_terms(self.context.db)
        self.table.setRowCount(len(rows))
        for index, term in enumerate(rows):
            for column, value in enumerate(
                (
                    term.term,
                    t("all", self.ui) if term.target_language == "*" else term.target_language,
                    term.translation or t("keep", self.ui),
                )
            ):
                item = QTableWidgetItem(value)
                item.setData(256, term.id)
                self.table.setItem(index, column, item)

    def add(self) -> None:
        try:
            add_term(
                self.context.db,
                self.term.text(),
                target=self.language.currentData(),
                translation=self.translation.text().strip() or None,
            )
        except LotseError as exc:
            QMessageBox.warning(self, "Lotse", exc.message(self.ui))
            return
        self.term.clear()
        self.translation.clear()
        self.refresh()

    def add_defaults(self) -> None:
        """Names of offices newcomers must find on signs and letters, kept as they are."""
        known = {term.term for term in list_terms(self.context.db)}
        for term in DEFAULT_KEEP:
            if term not in known:
                add_term(self.context.db, term, note="default")
        self.refresh()

    def remove(self) -> None:
        ids = {self.table.item(i.row(), 0).data(256) for i in self.table.selectionModel().selectedRows()}
        for term_id in ids:
            delete_term(self.context.db, term_id)
        self.refresh()
