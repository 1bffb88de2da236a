"""A bar above the editor when autosaved, unsaved work was found from an earlier run."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from desktop.drafts import DraftInfo

from .dates import moment_text
from .i18n import _
from .icons import icon


class RecoveryBanner(QFrame):
    restore_requested = Signal(object)  # DraftInfo
    discard_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("recovery_banner")
        self.setStyleSheet(
            "#recovery_banner { background: #FFF4CE; border: 1px solid #E0C060; border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.restore_button = QPushButton(icon("mdi6.backup-restore"), _("Restore"))
        self.restore_button.setObjectName("restore_draft")
        self.discard_button = QPushButton(_("Discard"))
        self.discard_button.setObjectName("discard_draft")
        layout.addWidget(self.text, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.drafts: list[DraftInfo] = []
        self.restore_button.clicked.connect(
            lambda: self.drafts and self.restore_requested.emit(self.drafts[0])
        )
        self.discard_button.clicked.connect(
            lambda: self.drafts and self.discard_requested.emit(self.drafts[0])
        )
        self.hide()

    def show_drafts(self, drafts: list[DraftInfo]) -> None:
        self.drafts = list(drafts)
        if not self.drafts:
            self.hide()
            return
        draft = self.drafts[0]
        when = moment_text(draft.saved_at)
        name = draft.title or _("New offer")
        more = "" if len(self.drafts) == 1 else " " + _("({n} more)").format(n=len(self.drafts) - 1)
        self.text.setText(
            _(
                "Unsaved changes to “{name}” from {when} were found (the program was not closed "
                "properly). Restore them?"
            ).format(name=name, when=when)
            + more
        )
        self.show()

    def done_with(self, draft: DraftInfo) -> None:
        self.show_drafts([d for d in self.drafts if d.id != draft.id])
