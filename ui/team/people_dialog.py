"""People and rights (administrators): the list, add, change roles and scopes, remove. Every
change is a desktop/team/people.py operation run off the GUI thread; the database checks the
right again. Passwords are typed into password fields, never shown and never logged."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.choices import Choices, load_choices
from desktop.context import AppContext
from desktop.errors import error_message
from desktop.team.people import Person, add_person, list_people, remove_person, update_person
from models.languages import display_name

from ..i18n import _, language
from ..operations import Operations


def role_names() -> dict[str, str]:
    return {
        "editor": _("Editor"),
        "reviewer": _("Reviewer"),
        "agency": _("Agency import"),
        "publisher": _("Publisher"),
        "admin": _("Administrator"),
    }


def _checked(widget: QListWidget) -> list[str]:
    return [
        str(widget.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def _check_list(entries: list[tuple[str, str]], chosen: list[str]) -> QListWidget:
    widget = QListWidget()
    widget.setMaximumHeight(130)
    for key, label in entries:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
        widget.addItem(item)
    return widget


class PersonForm(QDialog):
    """Add a person (name and password required) or change one (a new password optional)."""

    def __init__(self, choices: Choices, person: Person | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        self.setWindowTitle(
            _("Add a person") if person is None else _("Change {name}").format(name=person.name)
        )
        self.name = QLineEdit(person.name if person else "")
        self.name.setObjectName("person_name")
        self.name.setReadOnly(person is not None)
        self.password = QLineEdit()
        self.password.setObjectName("person_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("person_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        if person is not None:
            self.password.setPlaceholderText(_("empty: the password stays"))
        self.roles: dict[str, QCheckBox] = {}
        role_grid = QGridLayout()
        for index, (key, label) in enumerate(role_names().items()):
            box = QCheckBox(label)
            box.setObjectName(f"role_{key}")
            box.setChecked(person is not None and key in person.roles)
            self.roles[key] = box
            role_grid.addWidget(box, index // 3, index % 3)
        ui = language()
        self.municipalities = _check_list(
            [(c.name, c.name) for c in choices.municipalities], person.municipalities if person else []
        )
        self.organizations = _check_list(
            [(c.name, c.name) for c in choices.organizations], person.organizations if person else []
        )
        self.languages = _check_list(
            [(lc.code, f"{display_name(lc.code, ui)} ({lc.code})") for lc in choices.languages],
            person.languages if person else [],
        )
        self.languages.setObjectName("person_languages")
        self.municipalities.setObjectName("person_municipalities")
        form = QFormLayout()
        form.addRow(_("Login name"), self.name)
        form.addRow(_("Password"), self.password)
        form.addRow(_("Repeat the password"), self.repeat)
        form.addRow(_("Rights"), role_grid)
        form.addRow(_("Edits in municipalities"), self.municipalities)
        form.addRow(_("Edits for organizations"), self.organizations)
        form.addRow(_("Reviews / imports languages"), self.languages)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #B00020;")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def chosen_roles(self) -> list[str]:
        return [key for key, box in self.roles.items() if box.isChecked()]

    def scopes(self) -> dict[str, list[str]]:
        return {
            "municipalities": _checked(self.municipalities),
            "organizations": _checked(self.organizations),
            "languages": _checked(self.languages),
        }

    def _check(self) -> None:
        problem = ""
        if not self.name.text().strip():
            problem = _("Please enter a login name.")
        elif self.person is None and not self.password.text():
            problem = _("A new person needs a password.")
        elif self.password.text() != self.repeat.text():
            problem = _("The two passwords differ.")
        elif not self.chosen_roles():
            problem = _("Choose at least one right.")
        self.problem.setText(problem)
        if not problem:
            self.accept()


class PeopleDialog(QDialog):
    def __init__(self, context: AppContext, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.operations = operations
        self.people: list[Person] = []
        self.setWindowTitle(_("People and rights"))
        self.resize(900, 460)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("people_table")
        self.table.setHorizontalHeaderLabels(
            [_("Person"), _("Rights"), _("Municipalities"), _("Organizations"), _("Languages"), _("Logs in")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.change())
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        for name, text, slot in (
            ("add", _("Add …"), self.add),
            ("change", _("Change …"), self.change),
            ("remove", _("Remove …"), self.remove),
        ):
            button = QPushButton(text)
            button.setObjectName(f"people_{name}")
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.close)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self.choices = load_choices(context.db, language())
        self.reload()

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        db = self.context.db
        self.operations.run(
            _("Reading the people"),
            lambda: list_people(db),
            on_done=self._show,
            on_error=self._failed,
            parent=self,
        )

    def _show(self, people: list[Person]) -> None:
        self.people = people
        names = role_names()
        ui = language()
        self.table.setRowCount(len(people))
        for row, person in enumerate(people):
            cells = [
                person.name,
                ", ".join(names.get(r, r) for r in person.roles) or "–",
                ", ".join(person.municipalities) or "–",
                ", ".join(person.organizations) or "–",
                ", ".join(display_name(code, ui) for code in person.languages) or "–",
                _("yes") if person.can_login else _("no (removed)"),
            ]
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.status.setStyleSheet("")
        self.status.setText(_("{count} people").format(count=len(people)))

    def _failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet("color: #B00020;")
        self.status.setText(error_message(exc, language()))

    def selected(self) -> Person | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.people[rows.pop()] if len(rows) == 1 else None

    # -- changing -----------------------------------------------------------------------------
    def form(self, person: Person | None) -> PersonForm:
        """The form the next add or change opens (tests fill it before it is shown)."""
        return PersonForm(self.choices, person, parent=self)

    def add(self) -> None:
        form = self.form(None)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.add_from(form)

    def change(self) -> None:
        person = self.selected()
        if person is None:
            return
        form = self.form(person)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.change_from(person, form)

    def add_from(self, form: PersonForm) -> None:
        db, name, password = self.context.db, form.name.text().strip(), form.password.text()
        roles, scopes = form.chosen_roles(), form.scopes()
        form.password.clear()
        form.repeat.clear()

        def work() -> None:
            add_person(db, name, roles[0], password, **scopes)
            if len(roles) > 1:
                update_person(db, name, roles=roles, **scopes)  # type: ignore[arg-type]

        self._run(_("Adding {name}").format(name=name), work)

    def change_from(self, person: Person, form: PersonForm) -> None:
        db, password = self.context.db, form.password.text() or None
        roles, scopes = form.chosen_roles(), form.scopes()
        form.password.clear()
        form.repeat.clear()
        self._run(
            _("Changing {name}").format(name=person.name),
            lambda: update_person(db, person.name, roles=roles, password=password, **scopes),
        )

    def _run(self, title: str, work: Callable[[], object]) -> None:
        self.operations.run(title, work, on_done=lambda _r: self.reload(), on_error=self._failed, parent=self)

    def remove(self, confirmed: bool = False) -> None:
        person = self.selected()
        if person is None:
            return
        if not confirmed and (
            QMessageBox.question(
                self,
                _("Remove a person"),
                _(
                    "Remove {name}? They can no longer log in and lose every right; what they did "
                    "stays in the history and the audit log."
                ).format(name=person.name),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        db = self.context.db
        self._run(_("Removing {name}").format(name=person.name), lambda: remove_person(db, person.name))
