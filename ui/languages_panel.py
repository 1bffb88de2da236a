"""The right pane: each language of the selected offer with its status, colour and icon."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.choices import Choices
from desktop.errors import LotseError
from desktop.offers import OfferData
from models.vocabulary import STATUS_LABELS

from .dates import moment_text
from .i18n import N_, Message, _, language, on_language_change
from .icons import status_colour, status_icon


class LanguagesPanel(QWidget):
    language_chosen = Signal(str)
    status_filter_requested = Signal(str, str)  # language, status: "show all offers like this"

    def __init__(self, choices: Choices, parent=None, *, hint: Message | None = None):
        super().__init__(parent)
        self.choices = choices
        # The line under the tree: what a click and a double-click do on this tab.
        self.hint = hint or N_(
            "Click a language to edit its text; double-click to list all offers with that status."
        )
        self.tree = QTreeWidget()
        self.tree.setObjectName("languages")
        self.tree.setRootIsDecorated(True)
        # Every row is one line: the tree need not measure a row again whenever a status changes.
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels([_("Language"), _("Status")])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(
            lambda item, _c: self.language_chosen.emit(item.data(0, Qt.ItemDataRole.UserRole))
        )
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

    def retranslate(self) -> None:
        """After a switch of the interface language: the legend is composed, so compose it again;
        the statuses are worded again (``_show_statuses`` rewords only a changed status)."""
        self.legend.setText(self._legend())
        ui = language()
        for item in self.items.values():
            status = item.data(1, Qt.ItemDataRole.UserRole)
            if status:
                item.setText(1, STATUS_LABELS.get(status, {}).get(ui, status))
        self.fit_width()

    def _legend(self) -> str:
        ui = language()
        from .icons import STATUS_COLOURS

        return "<br>".join(
            f'<span style="color:{STATUS_COLOURS[s]}">■</span> {STATUS_LABELS[s].get(ui, s)}'
            for s in ("source", "approved", "checked", "machine", "in_translation", "outdated", "missing")
        )

    def _build_tree(self) -> None:
        """The tree of languages (Dari under Farsi when it is translated from Farsi), built
        once: the region's languages do not change while the window is open."""
        pending = list(self.choices.languages)
        while pending:
            for choice in list(pending):
                parent = self.items.get(choice.source_code) if choice.source_code else None
                if (
                    choice.source_code
                    and parent is None
                    and any(p.code == choice.source_code for p in pending)
                ):
                    continue
                item = QTreeWidgetItem([f"{choice.native_name} ({choice.code})", ""])
                item.setData(0, Qt.ItemDataRole.UserRole, choice.code)
                (parent.addChild(item) if parent else self.tree.addTopLevelItem(item))
                self.items[choice.code] = item
                pending.remove(choice)
        self.tree.expandAll()

    def fit_width(self) -> None:
        """As wide as every language's name beside its status needs (at 1280 pixels the pane was
        squeezed to 100 and cut both off); the panes beside it give way instead."""
        tree, ui = self.tree, language()
        if not self.items:
            self._build_tree()
        metrics = tree.fontMetrics()
        # The widest status there is, not the widest shown: the pane keeps its width from offer to offer.
        status = max(metrics.horizontalAdvance(label.render(ui)) for label in STATUS_LABELS.values())
        status += tree.iconSize().width() + 2 * metrics.horizontalAdvance("  ")
        needed = tree.sizeHintForColumn(0) + status + 2 * tree.frameWidth()
        needed += tree.verticalScrollBar().sizeHint().width()  # room for it when the region has many
        margins = self.layout().contentsMargins()
        self.setMinimumWidth(needed + margins.left() + margins.right())

    def show_offer(self, offer: OfferData | None, current: str | None = None) -> None:
        """Each language's status for this offer (the items are refilled, not rebuilt)."""
        if not self.items:
            self._build_tree()
            self.fit_width()
        self.offer_id = offer.id if offer else None
        self.current = current
        with self._one_resize():
            self._show_statuses(offer)
            self.mark_current(current)
        self.detail.setText(str(self.hint) if offer else "")

    @contextmanager
    def _one_resize(self):
        """The status column fits its contents; while many items change it is fixed, so
        the header measures the column once, not after every single change."""
        header = self.tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        try:
            yield
        finally:
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def _show_statuses(self, offer: OfferData | None) -> None:
        ui = language()
        for code, item in self.items.items():
            text = offer.texts.get(code) if offer else None
            status = text.status if text and (text.title or text.content) else "missing"
            if item.data(1, Qt.ItemDataRole.UserRole) != status:
                item.setText(1, STATUS_LABELS.get(status, {}).get(ui, status))
                item.setData(1, Qt.ItemDataRole.UserRole, status)
                item.setIcon(1, status_icon(status))
                item.setForeground(1, status_colour(status))
            tip = ""
            if text and text.updated_at and status != "missing":
                tip = _("saved {when} by {who}").format(
                    when=moment_text(text.updated_at), who=text.updated_by or "?"
                )
            if item.toolTip(0) != tip:
                item.setToolTip(0, tip)

    def follow(self, notifier, read_offer) -> None:
        """Show new statuses when an operation changed the offer shown (``read_offer(id)``)."""
        self._read_offer = read_offer
        notifier.changed.connect(self._changes_arrived)

    def _changes_arrived(self, changes) -> None:
        shown = self.offer_id
        if changes.origin is self or shown is None or not changes.touches("offer", shown):
            return
        try:
            offer = self._read_offer(shown)
        except LotseError:
            offer = None  # deleted
        self.show_offer(offer, self.current)

    def mark_current(self, code: str | None) -> None:
        self.current = code
        for item_code, item in self.items.items():
            bold = item_code == code
            font = item.font(0)
            if font.bold() != bold:
                font.setBold(bold)
                item.setFont(0, font)

    def status_of(self, code: str) -> str:
        return self.items[code].data(1, Qt.ItemDataRole.UserRole)

    def _filter_like(self, item: QTreeWidgetItem, _column: int) -> None:
        self.status_filter_requested.emit(
            item.data(0, Qt.ItemDataRole.UserRole), item.data(1, Qt.ItemDataRole.UserRole)
        )


def attach_languages(panel: LanguagesPanel, editor: Any, notifier: Any) -> None:
    """The languages of what ``editor`` has open (a page or an event; the window wires the offer
    editor itself): its statuses, the language edited in bold, a click edits that language."""
    editor.loaded.connect(lambda item: panel.show_offer(item, editor.language))
    editor.saved.connect(lambda item: panel.show_offer(item, editor.language))
    editor.language_changed.connect(panel.mark_current)
    panel.language_chosen.connect(editor.show_language)
    panel.follow(notifier, editor._fetch)

    def redraw() -> None:  # after a switch of the interface language: statuses are composed words
        panel.retranslate()
        if editor.offer is not None:
            panel.show_offer(editor.offer, editor.language)

    on_language_change(panel, redraw)
