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
        self.lines: list[LineField] = []
        self.keys: list[str] = []
        self.none = QLabel(_("Add a contact below to name what they are responsible for."))
        self.none.setStyleSheet("color: #606060;")
        self.form.addRow(self.none)
        self._values: dict[str, str] = {}

    def set_contacts(self, contacts: list[tuple[str, str]]) -> None:
        """One line per contact (key, name); the words typed so far stay with their contact."""
        values = self.value()
        while len(self.lines) > len(contacts):
            self.form.removeRow(self.form.rowCount() - 1)
            self.lines.pop()
        while len(self.lines) < len(contacts):
            line = LineField(empty_as_none=False)
            line.setObjectName(f"contact_area_{len(self.lines)}")
            line.edited.connect(self.edited)
            self.lines.append(line)
            self.form.addRow(QLabel(), line)
        self.keys = [key for key, _name in contacts]
        for index, (_key, name) in enumerate(contacts):
            item = self.form.itemAt(index + 1, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setText(name or _("Contact {number}").format(number=index + 1))
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
