"""The contact list: several contacts, each with its own fields and its own messages."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.contact_keys import KEY, is_key, new_key

from ..i18n import _
from ..icons import icon
from .value_widgets import LineField

# The area of responsibility is a text per language: the editor's text section has it.
CONTACT_FIELDS = ("name", "email", "phone", "mobile", "website")


def contact_labels() -> dict[str, str]:
    return {
        "area_of_responsibility": _("Responsible for"),
        "name": _("Name"),
        "email": _("E-mail"),
        "phone": _("Phone"),
        "mobile": _("Mobile"),
        "website": _("Website"),
    }


class ErrorLabel(QLabel):
    """The message next to a field: red, wrapping, hidden while there is nothing to say."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #B00020;")
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


class ContactCard(QFrame):
    """One contact's fields; ``key`` is the contact's stable key (models/contact_keys.py),
    kept through edits and moves, so every language's area stays with this contact."""

    edited = Signal()
    remove_requested = Signal(object)
    move_requested = Signal(object, int)  # the card, -1 up / +1 down

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QHBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, LineField] = {}
        self.errors: dict[str, ErrorLabel] = {}
        labels = contact_labels()
        for name in CONTACT_FIELDS:
            field = LineField(
                placeholder="name@example.org"
                if name == "email"
                else "0241 123456"
                if name in ("phone", "mobile")
                else ""
            )
            field.setObjectName(f"contact_{name}")
            field.edited.connect(self.edited)
            error = ErrorLabel()
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(field)
            box.addWidget(error)
            form.addRow(labels[name], box)
            self.fields[name] = field
            self.errors[name] = error
        outer.addLayout(form, 1)
        self.key = new_key()
        buttons = QVBoxLayout()
        remove = QToolButton()
        remove.setIcon(icon("remove"))
        remove.setToolTip(_("Remove this contact"))
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.remove_button = remove
        self.up_button = QToolButton()
        self.up_button.setIcon(icon("move_up"))
        self.up_button.setToolTip(_("Move this contact up"))
        self.up_button.clicked.connect(lambda: self.move_requested.emit(self, -1))
        self.down_button = QToolButton()
        self.down_button.setIcon(icon("move_down"))
        self.down_button.setToolTip(_("Move this contact down"))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(self, 1))
        for button in (remove, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

    def value(self) -> dict:
        return {KEY: self.key} | {name: self.fields[name].value() for name in CONTACT_FIELDS}

    def set_value(self, contact: dict) -> None:
        key = contact.get(KEY)
        self.key = key if isinstance(key, str) and is_key(key) else new_key()
        for name in CONTACT_FIELDS:
            self.fields[name].set_value(contact.get(name))

    def clear_messages(self) -> None:
        for error in self.errors.values():
            error.show_message(None)


class ContactsEditor(QWidget):
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.cards: list[ContactCard] = []
        # Cards of an earlier offer, hidden: the next offer with more contacts fills them
        # instead of building and laying out new ones.
        self._spare: list[ContactCard] = []
        self.add_button = QPushButton(icon("add"), _("Add a contact"))
        self.add_button.clicked.connect(self.add_contact)
        self.layout_.addWidget(self.add_button)
        self._filters = []

    def install_key_filter(self, key_filter) -> None:
        """Every line of every card, present and future, hands Ctrl+Z to the editor."""
        self._filters.append(key_filter)
        for card in self.cards + self._spare:
            for field in card.fields.values():
                field.installEventFilter(key_filter)

    def _new_card(self) -> ContactCard:
        if self._spare:
            card = self._spare.pop()
        else:
            card = ContactCard()
            card.edited.connect(self.edited)
            card.remove_requested.connect(self.remove_contact)
            card.move_requested.connect(self.move_contact)
            for key_filter in self._filters:
                for field in card.fields.values():
                    field.installEventFilter(key_filter)
        self.layout_.insertWidget(len(self.cards), card)
        card.show()  # at once, not when the layout gets round to it
        self.cards.append(card)
        return card

    def add_contact(self) -> ContactCard:
        card = self._new_card()
        card.key = new_key()  # a new contact (a spare card may still hold an old one's key)
        card.fields["name"].setFocus()
        self._show_order()
        self.edited.emit()
        return card

    def move_contact(self, card: ContactCard, step: int) -> None:
        """Move a contact up (-1) or down (+1); its key goes with it, and so its areas."""
        index = self.cards.index(card)
        other = index + step
        if not 0 <= other < len(self.cards):
            return
        contacts = self.value()
        contacts[index], contacts[other] = contacts[other], contacts[index]
        self.set_value(contacts)
        self.cards[other].fields["name"].setFocus()
        self.edited.emit()

    def _show_order(self) -> None:
        """The first contact cannot move up, the last not down."""
        for index, card in enumerate(self.cards):
            card.up_button.setEnabled(index > 0)
            card.down_button.setEnabled(index < len(self.cards) - 1)

    def remove_contact(self, card: ContactCard) -> None:
        self._drop(card)
        self._show_order()
        self.edited.emit()

    def _drop(self, card: ContactCard) -> None:
        self.cards.remove(card)
        card.setParent(None)
        card.deleteLater()

    def value(self) -> list[dict]:
        return [card.value() for card in self.cards]

    def set_value(self, contacts) -> None:
        contacts = list(contacts or [])
        while len(self.cards) > len(contacts):
            self._put_aside(self.cards[-1])
        while len(self.cards) < len(contacts):
            self._new_card()
        for card, contact in zip(self.cards, contacts, strict=False):
            card.set_value(contact)
        self._show_order()

    def _put_aside(self, card: ContactCard) -> None:
        """Loading another offer: the card is hidden, emptied and kept for reuse."""
        self.cards.remove(card)
        self.layout_.removeWidget(card)
        card.hide()
        card.set_value({})
        card.clear_messages()
        self._spare.append(card)

    def show_problems(self, messages: dict[str, str]) -> None:
        """``messages``: "contacts[0].email" -> message."""
        for index, card in enumerate(self.cards):
            for name, error in card.errors.items():
                error.show_message(messages.get(f"contacts[{index}].{name}"))
