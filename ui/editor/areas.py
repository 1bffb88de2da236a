"""The contacts' areas of responsibility in the language being edited: one line per contact
of the offer, labelled with the contact's name (the areas are texts, translated per language;
the contacts themselves are facts)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ..i18n import _
from .value_widgets import LineField


class AreasField(QWidget):
    """``value()``: the areas in the contacts' order (trailing empty ones left off)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.lines: list[LineField] = []
        self.none = QLabel(_("Add a contact below to name what they are responsible for."))
        self.none.setStyleSheet("color: #606060;")
        self.form.addRow(self.none)
        self._values: list[str] = []

    def set_contacts(self, names: list[str]) -> None:
        """One line per contact; the words typed so far stay where they were."""
        values = self.value()
        while len(self.lines) > len(names):
            self.form.removeRow(self.form.rowCount() - 1)
            self.lines.pop()
        while len(self.lines) < len(names):
            line = LineField(empty_as_none=False)
            line.setObjectName(f"contact_area_{len(self.lines)}")
            line.edited.connect(self.edited)
            self.lines.append(line)
            self.form.addRow(QLabel(), line)
        for index, name in enumerate(names):
            item = self.form.itemAt(index + 1, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setText(name or _("Contact {number}").format(number=index + 1))
        self.none.setVisible(not names)
        self.set_value(values)

    def value(self) -> list[str]:
        values = [line.text() for line in self.lines] + self._values[len(self.lines) :]
        while values and not values[-1].strip():
            values.pop()
        return values

    def set_value(self, value: list[str] | None) -> None:
        # Areas beyond the contacts shown are kept (a contact added afterwards shows its area).
        self._values = list(value or [])
        for index, line in enumerate(self.lines):
            line.set_value(self._values[index] if index < len(self._values) else "")

    def set_direction(self, direction: Qt.LayoutDirection) -> None:
        for line in self.lines:
            line.setLayoutDirection(direction)
