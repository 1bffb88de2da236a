"""The update round in the window: write the requests to a folder; read a provider's reply and
see per offer what changed, field by field (accept or not), then save it with the confirmations."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.exchange.provider_round import GONE, apply_round_reply, preview_round_reply, request_round

from ..i18n import _
from ..operations import Operations, operations_for
from .common import run_change, run_task, show_info


def start_round_request(window, folder: str | None = None) -> None:
    ui = window.context.ui_language
    if folder is None:
        folder = QFileDialog.getExistingDirectory(
            window,
            _("Folder for the requests to the providers"),
        )
    if not folder:
        return

    def work(progress, token):
        return request_round(window.context.db, Path(folder))

    def done(result) -> None:
        window.features.dialogs("exchange").keep(
            "info",
            show_info(
                window,
                _("{count} sheets and letters for {offers} offers in {folder}.").format(
                    count=len(result.sheets), offers=result.offers, folder=result.folder
                ),
            ),
        )

    run_task(window, window.tasks, _("Writing the requests"), work, done, ui)


def start_round_reply(window, path: str | None = None) -> None:
    ui = window.context.ui_language
    if path is None:
        path, _filter = QFileDialog.getOpenFileName(
            window,
            _("Open a provider's reply"),
            "",
            "Excel (*.xlsx)",
        )
    if not path:
        return

    def work(progress, token):
        return preview_round_reply(window.context.db, Path(path))

    def done(reply) -> None:
        dialog = RoundReplyDialog(window.context, window.tasks, reply, window, operations=window.operations)
        window.features.dialogs("exchange").keep("dialog", dialog).open()

    run_task(window, window.tasks, _("Reading the reply"), work, done, ui)


class RoundReplyDialog(QDialog):
    def __init__(
        self, context, tasks, reply, parent=None, on_saved=None, *, operations: Operations | None = None
    ):
        super().__init__(parent)
        self.context, self.tasks, self.reply, self.on_saved = context, tasks, reply, on_saved
        self.operations = operations or operations_for(context, self)
        self.ui = ui = context.ui_language
        self.confirmed: list[int] | None = None
        self.setWindowTitle(_("Reply – {file}").format(file=reply.file))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        answered = [o for o in reply.offers if o.confirms]
        layout.addWidget(
            QLabel(
                _("{answered} of {count} offers answered. Untick an answer to leave it out.").format(
                    answered=len(answered), count=len(reply.offers)
                )
            )
        )
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Offer / field"), _("before"), _("new")])
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 260)
        self.items: dict[int, QTreeWidgetItem] = {}
        for offer in reply.offers:
            answer = offer.answer or _("no answer")
            item = QTreeWidgetItem([f"{offer.title} [{offer.offer_id}]", answer, ""])
            if offer.confirms:
                item.setCheckState(0, Qt.CheckState.Checked)
                self.items[offer.offer_id] = item
            if offer.answer == GONE:
                QTreeWidgetItem(item, [_("will be archived"), "", ""])
            for change in offer.changes:
                QTreeWidgetItem(item, [change.label, change.old, change.new])
            for problem in offer.problems:
                QTreeWidgetItem(item, ["!", problem.render(ui), ""])
            if offer.remark:
                QTreeWidgetItem(item, [_("Remark"), offer.remark, ""])
            self.tree.addTopLevelItem(item)
            item.setExpanded(bool(offer.changes or offer.problems or offer.answer == GONE))
        for problem in reply.problems:
            self.tree.addTopLevelItem(QTreeWidgetItem(["!", problem.render(ui), ""]))
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(_("Cancel"))
        cancel.clicked.connect(self.reject)
        self.save_button = QPushButton(_("Apply and confirm"))
        self.save_button.setEnabled(bool(self.items))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def save(self) -> None:
        for offer in self.reply.offers:
            item = self.items.get(offer.offer_id)
            offer.accepted = item is not None and item.checkState(0) == Qt.CheckState.Checked
        self.save_button.setEnabled(False)

        def work(progress, token):
            return apply_round_reply(self.context.db, self.reply, author=self.context.user)

        def done(confirmed) -> None:
            self.confirmed = confirmed
            if self.on_saved:
                self.on_saved()
            show_info(
                self.parentWidget() or self,
                _("{count} offers confirmed.").format(count=len(confirmed)),
            )
            self.accept()

        run_change(
            self,
            self.operations,
            _("Applying the reply"),
            work,
            done,
            on_failed=lambda: self.save_button.setEnabled(True),
        )
