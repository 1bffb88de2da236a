"""The right pane: each language of the selected offer with its status, colour and icon."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.choices import Choices
from desktop.offers import OfferData
from models.vocabulary import STATUS_LABELS

from .i18n import _, language
from .icons import status_colour, status_icon


class LanguagesPanel(QWidget):
    language_chosen = Signal(str)
    status_filter_requested = Signal(str, str)  # language, status: "show all offers like this"

    def __init__(self, choices: Choices, parent=None):
        super().__init__(parent)
        self.choices = choices
        self.tree = QTreeWidget()
        self.tree.setObjectName("languages")
        self.tree.setRootIsDecorated(True)
        self.tree.setHeaderLabels([_("Language"), _("Status")])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(lambda item, _c: self.language_chosen.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        self.tree.itemDoubleClicked.connect(self._filter_like)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #606060;")
        self.legend = QLabel(self._legend())
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        title = QLabel(_("Languages"))
        title.setStyleSheet("font-weight: 600;")
        layout.addWidget(title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.legend)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.show_offer(None)

    def _legend(self) -> str:
        ui = language()
        from .icons import STATUS_COLOURS

        return "<br>".join(
            f'<span style="color:{STATUS_COLOURS[s]}">■</span> {STATUS_LABELS[s].get(ui, s)}'
            for s in ("source", "approved", "checked", "machine", "in_translation", "outdated", "missing")
        )

    def show_offer(self, offer: OfferData | None, current: str | None = None) -> None:
        """The tree of languages (Dari under Farsi when it is translated from Farsi)."""
        self.tree.clear()
        self.items = {}
        ui = language()
        pending = list(self.choices.languages)
        while pending:
            for choice in list(pending):
                parent = self.items.get(choice.source_code) if choice.source_code else None
                if choice.source_code and parent is None and any(p.code == choice.source_code for p in pending):
                    continue
                text = offer.texts.get(choice.code) if offer else None
                status = text.status if text and (text.title or text.content) else "missing"
                item = QTreeWidgetItem([f"{choice.native_name} ({choice.code})", STATUS_LABELS.get(status, {}).get(ui, status)])
                item.setData(0, Qt.ItemDataRole.UserRole, choice.code)
                item.setData(1, Qt.ItemDataRole.UserRole, status)
                item.setIcon(1, status_icon(status))
                item.setForeground(1, status_colour(status))
                if text and text.updated_at and status != "missing":
                    item.setToolTip(0, _("saved {when} by {who}").format(
                        when=text.updated_at.astimezone().strftime("%d.%m.%Y %H:%M"), who=text.updated_by or "?"))
                (parent.addChild(item) if parent else self.tree.addTopLevelItem(item))
                self.items[choice.code] = item
                pending.remove(choice)
        self.tree.expandAll()
        self.mark_current(current)
        self.detail.setText(_("Click a language to edit its text; double-click to list all offers with that status.")
                            if offer else "")

    def mark_current(self, code: str | None) -> None:
        for item_code, item in self.items.items():
            font = item.font(0)
            font.setBold(item_code == code)
            item.setFont(0, font)

    def status_of(self, code: str) -> str:
        return self.items[code].data(1, Qt.ItemDataRole.UserRole)

    def _filter_like(self, item: QTreeWidgetItem, _column: int) -> None:
        self.status_filter_requested.emit(item.data(0, Qt.ItemDataRole.UserRole), item.data(1, Qt.ItemDataRole.UserRole))
