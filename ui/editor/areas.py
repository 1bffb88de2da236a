"""The contacts' areas of responsibility in the language being edited: one line per contact
of the offer, labelled with the contact's name (the areas are texts, translated per language;
the contacts themselves are facts)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ..i18n import _
from .value_widgets import LineField


class AreasField(QWidget):
    """``value()``: the areas by contact key ({key: area}, the empty ones left off); one line
    per contact, in the contacts' order. Moving a contact moves its line with its words;
    the words of a contact no longer shown are kept (undoing its removal brings them back)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.lines: list[LineField] = []  # the rows shown, one per contact
        self._rows: list[tuple[QLabel, LineField]] = []  # every row built so far
        self.keys: list[str] = []
        self.none = QLabel(_("Add a contact below to name what they are responsible for."))
        self.none.setStyleSheet("color: #606060;")
        self.form.addRow(self.none)
        self._values: dict[str, str] = {}

    def set_contacts(self, contacts: list[tuple[str, str]]) -> None:
        """One line per contact (key, name); the words typed so far stay with their contact.
        Rows beyond the contacts are hidden, not removed: the next offer with more contacts
        shows them again instead of building new widgets (opening an offer stays cheap)."""
        values = self.value()
        while len(self._rows) < len(contacts):
            label, line = QLabel(), LineField(empty_as_none=False)
            line.setObjectName(f"contact_area_{len(self._rows)}")
            line.edited.connect(self.edited)
            self._rows.append((label, line))
            self.form.addRow(label, line)
        for index, (label, _line) in enumerate(self._rows):
            shown = index < len(contacts)
            if self.form.isRowVisible(index + 1) != shown:
                self.form.setRowVisible(index + 1, shown)
            if shown:
                name = contacts[index][1]
                label.setText(name or _("Contact {number}").format(number=index + 1))
        self.lines = [line for _label, line in self._rows[: len(contacts)]]
        self.keys = [key for key, _name in contacts]
        self.none.setVisible(not contacts)
        self.set_value(values)

    def value(self) -> dict[str, str]:
        values = dict(self._values)
        for key, line in zip(self.keys, self.lines, strict=False):
            values[key] = line.text()
        return {key: area for key, area in values.items() if area.strip()}

    def set_value(self, value: dict[str, str] | None) -> None:
        self._values = dict(value) if isinstance(value, dict) else {}
        for key, line in zip(self.keys, self.lines, strict=False):
            line.set_value(self._values.get(key, ""))

    def set_direction(self, direction: Qt.LayoutDirection) -> None:
        for line in self.lines:
            line.setLayoutDirection(direction)
