"""Logging in to a team database at start: user and password, "remember" puts the password
into the system keyring (never into the settings). Connecting runs off the GUI thread; a
wrong password gets the database's clear message and another try."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.db import describe_url
from desktop.errors import error_message
from desktop.team.login import log_in, login_user
from desktop.translation.keys import keyring_available

from ..i18n import _, language
from ..task_runner import TaskRunner


class LoginDialog(QDialog):
    def __init__(self, url: str, *, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.context: AppContext | None = None
        self.stored_url = url  # what the settings keep afterwards (never a password)
        self.tasks = TaskRunner(self, max_threads=1)
        self.setWindowTitle(_("Log in to the team database"))
        self.setMinimumWidth(460)
        intro = QLabel(_("Lotse works with the team database {server}.").format(server=describe_url(url)))
        intro.setWordWrap(True)
        self.user = QLineEdit(login_user(url))
        self.user.setObjectName("login_user")
        self.password = QLineEdit()
        self.password.setObjectName("login_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(_("Remember the password in the system keyring"))
        self.remember.setObjectName("login_remember")
        if not keyring_available():
            self.remember.setEnabled(False)
            self.remember.setToolTip(
                _("There is no keyring on this system; the password is asked at every start.")
            )
        self.message = QLabel(problem)
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #B00020;")
        self.message.setVisible(bool(problem))
        form = QFormLayout()
        form.addRow(_("User"), self.user)
        form.addRow(_("Password"), self.password)
        form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if self.user.text() else self.user).setFocus(Qt.FocusReason.OtherFocusReason)

    def try_login(self) -> None:
        user, password = self.user.text().strip(), self.password.text()
        if not user or not password:
            self._show(_("Please enter your user name and password."))
            return
        self.buttons.setEnabled(False)
        self._show(_("Connecting …"), error=False)
        url, remember = self.url, self.remember.isChecked()
        self.tasks.run(
            _("Log in"),
            lambda progress, token: log_in(url, user, password, remember=remember),
            on_done=self._logged_in,
            on_error=self._failed,
            cancellable=False,
            dialog=False,
        )

    def _logged_in(self, result: tuple[AppContext, str]) -> None:
        self.context, self.stored_url = result
        self.password.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()  # another try, nothing of the wrong one kept
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show(error_message(exc, language()))

    def _show(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet("color: #B00020;" if error else "color: #606060;")
        self.message.setText(text)
        self.message.setVisible(bool(text))
