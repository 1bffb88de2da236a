"""The team feature: "Team → People and rights …" and "Audit log …" for administrators, and
the rights gate: every action the person may not take is disabled, its tooltip saying who
may (from the database's scope table, read once and again when rights change).

In a single-user (SQLite) database the menu is hidden and nothing is disabled."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from desktop.changes import Changes, Kind
from desktop.team.my_rights import Rights
from models.i18n import Message

from ..features import Dialogs, FeatureHost
from ..i18n import _

NAME = "team"

# action object name → (may the person?, who may)
RULES: dict[str, tuple[Callable[[Rights], bool], Callable[[], Message]]] = {
    "action_publish_package": (Rights.may_publish, Rights.who_may_publish),
    "action_flyer": (Rights.may_publish, Rights.who_may_publish),
    "action_brochure": (Rights.may_publish, Rights.who_may_publish),
    "action_calendar": (Rights.may_publish, Rights.who_may_publish),
    "action_event_flyer": (Rights.may_publish, Rights.who_may_publish),
    "action_xliff_import": (Rights.may_import_agency, Rights.who_may_import_agency),
    "action_glossary_import": (lambda r: r.admin or "reviewer" in r.roles, Rights.who_may_review_glossary),
    "action_translation_import": (lambda r: r.admin or "reviewer" in r.roles, Rights.who_may_import_memory),
    "action_people": (lambda r: r.admin, Rights.who_may_administer),
    "action_audit": (lambda r: r.admin, Rights.who_may_read_audit),
}


def apply_rights(window: FeatureHost, rights: Rights) -> None:
    """Enable or disable the window's gated actions; a disabled one says who may."""
    widget = cast(QWidget, window)
    for action in widget.findChildren(QAction):
        rule = RULES.get(action.objectName())
        if rule is None:
            continue
        allowed, who = rule
        if action.property("lotse_tip") is None:
            action.setProperty("lotse_tip", action.toolTip())
        may = allowed(rights)
        action.setEnabled(may)
        action.setToolTip(action.property("lotse_tip") if may else who().render())
    for menu in widget.findChildren(QMenu):
        menu.setToolTipsVisible(True)  # a disabled entry's "who may" shows on hover
    window.menu("team").menuAction().setVisible(rights.team)


def refresh_rights(window: FeatureHost) -> None:
    """Read the rights again off the GUI thread and apply them."""

    def done(rights: Rights) -> None:
        apply_rights(window, rights)

    window.tasks.run(
        _("Reading your rights"),
        lambda progress, token: window.context.refresh_rights(),
        on_done=done,
        dialog=False,
    )


def install(window: FeatureHost, dialogs: Dialogs) -> None:
    parent = cast(QWidget, window)  # the main window

    def people() -> None:
        from .people_dialog import PeopleDialog

        dialogs.keep("people", PeopleDialog(window.context, window.operations, parent=parent)).show()

    def audit() -> None:
        from .audit_dialog import AuditDialog

        dialogs.keep("audit", AuditDialog(window.context, window.operations, parent=parent)).show()

    menu = window.menu("team")
    for name, text, slot in (
        ("action_people", _("People and rights …"), people),
        ("action_audit", _("Audit log …"), audit),
    ):
        action = QAction(text, parent)
        action.setObjectName(name)
        action.triggered.connect(slot)
        menu.addAction(action)

    def changed(changes: Changes) -> None:
        if changes.has(Kind.RIGHTS):
            refresh_rights(window)

    window.operations.notifier.changed.connect(changed)
    apply_rights(window, window.context.rights)
