"""Small field widgets with one protocol: ``value()``, ``set_value(v)`` and the signal
``edited`` that fires only for the user's own changes (never for ``set_value``), so the
editor can record each edit on its undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QIntValidator, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from ..dates import localize
from ..i18n import _, on_language_change
from ..wheel_guard import ComboBox, DateEdit


class UndoKeysToWindow(QObject):
    """Text widgets keep Ctrl+Z for their own undo; this hands the keys to the editor's
    undo stack, which knows every field and merges typing per field."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and (
            event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
            or (event.key() == Qt.Key.Key_Z and event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        ):
            event.ignore()
            return True
        return False


class LineField(QLineEdit):
    """A single line; ``empty_as_none`` for facts, where an empty field is stored as None."""

    edited = Signal()

    def __init__(self, parent=None, *, empty_as_none: bool = True, placeholder: str = ""):
        super().__init__(parent)
        self._none = empty_as_none
        self.setPlaceholderText(placeholder)
        self.textEdited.connect(lambda _text: self.edited.emit())

    def value(self):
        text = self.text()
        return (text or None) if self._none else text

    def set_value(self, value) -> None:
        text = "" if value is None else str(value)
        if text != self.text():
            self.setText(text)


class NumberField(LineField):
    """A decimal number or empty (coordinates); a half-typed number counts as empty."""

    def __init__(self, parent=None, *, placeholder: str = ""):
        super().__init__(parent, placeholder=placeholder)
        validator = QDoubleValidator(-180.0, 180.0, 7, self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.setValidator(validator)

    def value(self):
        text = self.text().strip().replace(",", ".")
        try:
            return float(text) if text else None
        except ValueError:
            return None

    def set_value(self, value) -> None:
        if value != self.value():
            self.setText("" if value is None else f"{value:g}")


class AgeField(LineField):
    """Whole years or empty (an offer's age range)."""

    def __init__(self, parent=None, *, placeholder: str = ""):
        super().__init__(parent, placeholder=placeholder)
        self.setValidator(QIntValidator(0, 120, self))
        self.setMaximumWidth(80)

    def value(self):
        text = self.text().strip()
        return int(text) if text.isdigit() else None


class PlainTextField(QPlainTextEdit):
    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self._loading = False
        self.textChanged.connect(self._changed)

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def value(self) -> str:
        return self.toPlainText()

    def set_value(self, value) -> None:
        if (value or "") == self.toPlainText():
            return
        self._loading = True
        try:
            self.setPlainText(value or "")
        finally:
            self._loading = False


class ChoiceField(ComboBox):
    """A fixed choice: items are (value, label); the value may be None ("not set")."""

    edited = Signal()

    def __init__(self, items: list[tuple[object, str]], parent=None):
        super().__init__(parent)
        # As wide as the form gives it, not as the longest name (an organization's full name
        # made the editor wider than its pane at 1280 pixels); the open list shows whole names.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.set_items(items)
        self.activated.connect(lambda _i: self.edited.emit())

    def set_items(self, items: list[tuple[object, str]]) -> None:
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        for value, label in items:
            self.addItem(label, value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self):
        return self.currentData()

    def set_value(self, value) -> None:
        index = self.findData(value)
        self.setCurrentIndex(index if index >= 0 else 0)


class OptionalDateField(QWidget):
    """A date that may be left empty: a checkbox switches the date picker on."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(_("set"))
        self.date = DateEdit(calendarPopup=True)
        localize(self.date, with_time=False)
        self.date.setDate(QDate.currentDate())
        self.date.setEnabled(False)
        layout.addWidget(self.enabled)
        layout.addWidget(self.date, 1)
        self.enabled.toggled.connect(self.date.setEnabled)
        self.enabled.clicked.connect(lambda _c: self.edited.emit())
        self.date.dateChanged.connect(lambda _d: self.enabled.isChecked() and self.edited.emit())

    def value(self) -> str | None:
        return self.date.date().toString("yyyy-MM-dd") if self.enabled.isChecked() else None

    def set_value(self, value) -> None:
        self.blockSignals(True)
        self.date.blockSignals(True)
        self.enabled.blockSignals(True)
        self.enabled.setChecked(bool(value))
        self.date.setEnabled(bool(value))
        if value:
            self.date.setDate(QDate.fromString(str(value)[:10], "yyyy-MM-dd"))
        self.enabled.blockSignals(False)
        self.date.blockSignals(False)
        self.blockSignals(False)


class CheckListField(QListWidget):
    """Several of a fixed list (languages spoken, target groups), as wrapping check boxes, each
    named by ``label(value)`` in the interface language (named anew after a switch)."""

    edited = Signal()

    def __init__(self, values: list[str], label: Callable[[str], str], parent=None):
        super().__init__(parent)
        self._label = label
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setUniformItemSizes(False)
        self._loading = False
        for value in values:
            item = QListWidgetItem(label(value))
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.itemChanged.connect(lambda _item: None if self._loading else self.edited.emit())
        self.setMaximumHeight(112)
        on_language_change(self, self._relabel)

    def _relabel(self) -> None:
        self._loading = True  # a new name is no edit
        try:
            for item in self._items():
                item.setText(self._label(item.data(Qt.ItemDataRole.UserRole)))
        finally:
            self._loading = False

    def _items(self):
        return [self.item(i) for i in range(self.count())]

    def value(self) -> list[str]:
        return [
            i.data(Qt.ItemDataRole.UserRole) for i in self._items() if i.checkState() == Qt.CheckState.Checked
        ]

    def set_value(self, value) -> None:
        chosen = set(value or [])
        known = {i.data(Qt.ItemDataRole.UserRole) for i in self._items()}
        self._loading = True
        try:
            for code in sorted(chosen - known):  # a value from an import the list does not know yet
                item = QListWidgetItem(self._label(code))
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                self.addItem(item)
            for item in self._items():
                state = (
                    Qt.CheckState.Checked
                    if item.data(Qt.ItemDataRole.UserRole) in chosen
                    else Qt.CheckState.Unchecked
                )
                if item.checkState() != state:  # each change makes the list lay itself out again
                    item.setCheckState(state)
        finally:
            self._loading = False

    def set_checked(self, code: str, checked: bool = True) -> None:
        """Check as the user would (emits ``edited``)."""
        for item in self._items():
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
