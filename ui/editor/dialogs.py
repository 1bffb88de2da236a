"""The editor's questions to the user: unsaved changes, what to fix, a save conflict.

Each button has an object name, so tests (and screen readers) can find it.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import ConflictError

from ..i18n import _, language


def _box(
    parent: QWidget, icon, title: str, text: str, buttons: list[tuple[str, str, QMessageBox.ButtonRole]]
) -> str:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    by_button = {}
    for name, label, role in buttons:
        button = box.addButton(label, role)
        button.setObjectName(name)
        by_button[button] = name
    box.setObjectName("lotse_question")
    box.exec()
    return by_button.get(box.clickedButton(), buttons[-1][0])


def ask_unsaved(parent: QWidget, title: str) -> str:
    """ "save", "discard" or "cancel"."""
    return _box(
        parent,
        QMessageBox.Icon.Question,
        _("Unsaved changes"),
        _("“{title}” has changes that are not saved yet. Save them?").format(title=title or _("New offer")),
        [
            ("save", _("Save"), QMessageBox.ButtonRole.AcceptRole),
            ("discard", _("Discard changes"), QMessageBox.ButtonRole.DestructiveRole),
            ("cancel", _("Keep editing"), QMessageBox.ButtonRole.RejectRole),
        ],
    )


def show_problems(parent: QWidget, messages: list[str]) -> None:
    items = "".join(f"<li>{html.escape(m)}</li>" for m in messages)
    _box(
        parent,
        QMessageBox.Icon.Warning,
        _("Not saved"),
        _("The offer was not saved. Please fix:") + f"<ul>{items}</ul>",
        [("ok", _("OK"), QMessageBox.ButtonRole.AcceptRole)],
    )


def ask_conflict(parent: QWidget, error: ConflictError) -> str:
    """ "mine" (save mine over theirs), "theirs" (drop mine, load theirs) or "cancel"."""
    text = (
        error.message(language())
        + "<br><br>"
        + _(
            "Your changes are kept as an autosaved draft until you decide. You can open the "
            "revisions afterwards to compare both versions."
        )
    )
    return _box(
        parent,
        QMessageBox.Icon.Warning,
        _("Someone else saved this offer"),
        text,
        [
            ("mine", _("Save mine over theirs"), QMessageBox.ButtonRole.AcceptRole),
            ("theirs", _("Discard mine, load theirs"), QMessageBox.ButtonRole.DestructiveRole),
            ("cancel", _("Keep editing"), QMessageBox.ButtonRole.RejectRole),
        ],
    )


def show_error(parent: QWidget, message: str) -> None:
    _box(
        parent,
        QMessageBox.Icon.Critical,
        "Lotse",
        message,
        [("ok", _("OK"), QMessageBox.ButtonRole.AcceptRole)],
    )
