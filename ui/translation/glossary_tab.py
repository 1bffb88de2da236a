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

from ..i18n import _
from ..wheel_guard import ComboBox


class GlossaryTab(QWidget):
    def __init__(self, context, languages: list[str], parent=None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Terms the machine must not translate (names of offices) or must "
                "always translate the same way. They are protected before sending "
                "and checked afterwards."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Term"), _("Language"), _("Translation")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.term = QLineEdit()
        self.term.setPlaceholderText(_("Term"))
        self.language = ComboBox()
        self.language.addItem(_("all"), "*")
        for code in languages:
            self.language.addItem(code, code)
        self.translation = QLineEdit()
        self.translation.setPlaceholderText(_("empty = keep as is"))
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.add)
        self.term.returnPressed.connect(self.add)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove)
        self.defaults_button = QPushButton(_("Suggest office names"))
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
                    _("all") if term.target_language == "*" else term.target_language,
                    term.translation or _("(keep as is)"),
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
            QMessageBox.warning(self, "Lotse", exc.message())
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
