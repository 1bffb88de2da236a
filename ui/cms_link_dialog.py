"""Publish → "Connect with an Integreat CMS region …": the window's side of ``lotse integreat
link``. The user gives the CMS region's address; the proposed matches (desktop/integreat/link.py)
are listed with how they were found, the sure ones ticked, the others for the user to tick;
"Link" stores the ticked ones (an operation). Nothing in the CMS changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.errors import error_message
from desktop.integreat.link import LinkPlan, Proposal, apply_links, propose_links

from .i18n import N_, _
from .operations import Operations

HEADERS = (N_("Connect"), N_("In Lotse"), N_("In the CMS"), N_("Found by"))
HOW = {
    "id": N_("same CMS id"),
    "title": N_("same title"),
    "title and address": N_("same title and address"),
    "similar title": N_("similar title"),
    "title, other address": N_("same title, other address"),
}


class CmsLinkDialog(QDialog):
    def __init__(self, context: AppContext, operations: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.operations = operations
        self.plan: LinkPlan | None = None
        self.linked: int | None = None
        self.setWindowTitle(_("Connect with an Integreat CMS region"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Lotse matches this region's pages, events and places to the CMS region's: by "
                "the CMS id it knows, else by title (places: and address). Tick what belongs "
                "together; nothing in the CMS changes."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://cms.integreat-app.de/REGION/")
        self.fetch_button = QPushButton(_("Find matches"))
        self.fetch_button.clicked.connect(self.fetch)
        row.addWidget(QLabel(_("Address of the CMS region:")))
        row.addWidget(self.url, 1)
        row.addWidget(self.fetch_button)
        layout.addLayout(row)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([h.render() for h in HEADERS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.link_button = QPushButton(_("Link the ticked items"))
        self.link_button.setEnabled(False)
        self.link_button.clicked.connect(self.link)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.link_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    # --- finding --------------------------------------------------------------------
    def fetch(self) -> None:
        url = self.url.text().strip()
        if not url:
            self.status.setText(_("Enter the address of the CMS region first."))
            return
        self.fetch_button.setEnabled(False)
        self.status.setText(_("Reading the CMS region …"))
        db = self.context.db
        self.operations.tasks.run(
            _("Reading the CMS region …"),
            lambda _progress, _token: propose_links(db, url),
            on_done=self.show_plan,
            on_error=self.failed,
            parent=self,
        )

    def show_plan(self, plan: LinkPlan) -> None:
        self.plan = plan
        self.fetch_button.setEnabled(True)
        self.table.setRowCount(len(plan.proposals))
        for row, proposal in enumerate(plan.proposals):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Checked if proposal.sure else Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, tick)
            self.table.setItem(row, 1, QTableWidgetItem(proposal.lotse_title))
            self.table.setItem(row, 2, QTableWidgetItem(f"{proposal.cms_title} — {proposal.cms_key}"))
            self.table.setItem(row, 3, QTableWidgetItem(HOW[proposal.how].render()))
        self.link_button.setEnabled(bool(plan.proposals))
        self.status.setText(
            N_(
                "{count} proposed links. Only in Lotse (create them in the CMS, then link): {lotse}. "
                "Only in the CMS: {cms}.",
                count=len(plan.proposals),
                lotse=", ".join(plan.unmatched_lotse) or "—",
                cms=len(plan.unmatched_cms),
            ).render()
        )

    def ticked(self) -> list[Proposal]:
        if self.plan is None:
            return []
        chosen = []
        for row, proposal in enumerate(self.plan.proposals):
            tick = self.table.item(row, 0)
            if tick is not None and tick.checkState() == Qt.CheckState.Checked:
                chosen.append(proposal)
        return chosen

    # --- linking --------------------------------------------------------------------
    def link(self) -> None:
        plan, chosen = self.plan, self.ticked()
        if plan is None or not chosen:
            self.status.setText(_("Nothing ticked."))
            return
        db = self.context.db
        self.link_button.setEnabled(False)
        self.operations.run(
            _("Linking with the CMS …"),
            lambda: apply_links(db, plan, chosen),
            origin=self,
            on_done=self.done_linking,
            on_error=self.failed,
            parent=self,
        )

    def done_linking(self, count: int) -> None:
        self.linked = count
        self.status.setText(N_("{count} items linked.", count=count).render())

    def failed(self, exc: BaseException) -> None:
        self.fetch_button.setEnabled(True)
        self.link_button.setEnabled(self.plan is not None)
        self.status.setText(error_message(exc))
