"""Opening hours for seven days: several time slots a day, or closed, all day, by appointment."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from ..icons import icon
from ..wheel_guard import ComboBox, TimeEdit

MODES = ("open", "closed", "all_day", "appointment")


def weekday_names() -> list[str]:
    return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]


def mode_labels() -> dict[str, str]:
    return {
        "open": _("open at"),
        "closed": _("closed"),
        "all_day": _("open all day"),
        "appointment": _("by appointment"),
    }


class SlotEdit(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, start: str, end: str, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.start = TimeEdit(QTime.fromString(start, "HH:mm"))
        self.end = TimeEdit(QTime.fromString(end, "HH:mm"))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
            edit.timeChanged.connect(lambda _t: self.changed.emit())
        remove = QToolButton()
        remove.setIcon(icon("remove"))
        remove.setToolTip(_("Remove this time slot"))
        remove.setAutoRaise(True)
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        layout.addWidget(self.start)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.end)
        layout.addWidget(remove)

    def value(self) -> list[str]:
        return [self.start.time().toString("HH:mm"), self.end.time().toString("HH:mm")]

    def set_times(self, start: str, end: str) -> None:
        """Show other times (an offer being loaded): no ``changed``."""
        self.blockSignals(True)
        try:
            self.start.setTime(QTime.fromString(start, "HH:mm"))
            self.end.setTime(QTime.fromString(end, "HH:mm"))
        finally:
            self.blockSignals(False)


class DayRow:
    """The widgets of one weekday inside the editor's grid."""

    def __init__(self, editor: OpeningHoursEditor, name: str):
        self.editor = editor
        self.label = QLabel(name)
        self.mode = ComboBox()
        for mode, label in mode_labels().items():
            self.mode.addItem(label, mode)
        self.mode.activated.connect(self._mode_chosen)
        # A day's slots one below the other, "+" beside the first: two or three slots side by
        # side made the form wider than the editor's pane (a sideways scroll bar, and every
        # field laid out anew at another width whenever the next offer had one slot fewer).
        self.slots_box = QWidget()
        row = QHBoxLayout(self.slots_box)
        row.setContentsMargins(0, 0, 0, 0)
        self.slots_layout = QVBoxLayout()
        self.slots_layout.setSpacing(2)
        self.slots: list[SlotEdit] = []
        self._spare: list[SlotEdit] = []
        self.add = QToolButton()
        self.add.setIcon(icon("add"))
        self.add.setToolTip(_("Add a time slot"))
        self.add.clicked.connect(lambda: self.add_slot("09:00", "12:00", by_user=True))
        row.addLayout(self.slots_layout)
        row.addWidget(self.add, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)

    def _mode_chosen(self, _index: int) -> None:
        if self.mode.currentData() == "open" and not self.slots:
            self.add_slot("09:00", "12:00")
        if self.mode.currentData() in ("closed", "all_day"):
            self.clear_slots()
        self._show_slots()
        self.editor.edited.emit()

    def _show_slots(self) -> None:
        self.slots_box.setVisible(self.mode.currentData() in ("open", "appointment"))

    def add_slot(self, start: str, end: str, by_user: bool = False) -> SlotEdit:
        if self._spare:
            slot = self._spare.pop()
            slot.set_times(start, end)
        else:
            slot = SlotEdit(start, end)
            slot.changed.connect(self.editor.edited)
            slot.remove_requested.connect(self.remove_slot)
        self.slots_layout.insertWidget(len(self.slots), slot)
        slot.show()
        self.slots.append(slot)
        if by_user:
            self.editor.edited.emit()
        return slot

    def remove_slot(self, slot: SlotEdit) -> None:
        self._drop_slot(slot)
        self.editor.edited.emit()

    def _drop_slot(self, slot: SlotEdit) -> None:
        self.slots.remove(slot)
        slot.setParent(None)
        slot.deleteLater()

    def _put_aside(self, slot: SlotEdit) -> None:
        """Loading another offer: the slot is hidden and kept for the next one that needs it."""
        self.slots.remove(slot)
        self.slots_layout.removeWidget(slot)
        slot.hide()
        self._spare.append(slot)

    def clear_slots(self) -> None:
        for slot in list(self.slots):
            self._drop_slot(slot)

    def value(self) -> dict:
        mode = self.mode.currentData()
        return {
            "closed": mode == "closed",
            "all_day": mode == "all_day",
            "appointment_only": mode == "appointment",
            "slots": [s.value() for s in self.slots] if mode in ("open", "appointment") else [],
        }

    def set_value(self, day: dict) -> None:
        mode = (
            "closed"
            if day.get("closed")
            else "all_day"
            if day.get("all_day")
            else "appointment"
            if day.get("appointment_only")
            else "open"
        )
        self.mode.setCurrentIndex(MODES.index(mode))
        wanted = list(day.get("slots") or [])
        # The slots already shown are given the new times: opening an offer should not
        # build and lay out new widgets when the last one had as many slots.
        while len(self.slots) > len(wanted):
            self._put_aside(self.slots[-1])
        for slot, (start, end) in zip(self.slots, wanted, strict=False):
            slot.set_times(start, end)
        for start, end in wanted[len(self.slots) :]:
            self.add_slot(start, end)
        self._show_slots()


class OpeningHoursEditor(QWidget):
    """Value: None (no opening hours given) or seven day dicts, Monday first."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.given = QCheckBox(_("Give opening hours"))
        self.given.clicked.connect(self._given_toggled)
        grid.addWidget(self.given, 0, 0, 1, 3)
        self.days = [DayRow(self, name) for name in weekday_names()]
        top = Qt.AlignmentFlag.AlignTop
        for row, day in enumerate(self.days, start=1):
            # Beside the day's first slot when it has several (the label as tall as the choice).
            day.label.setMinimumHeight(day.mode.sizeHint().height())
            grid.addWidget(day.label, row, 0, top)
            grid.addWidget(day.mode, row, 1, top)
            grid.addWidget(day.slots_box, row, 2)
        grid.setColumnStretch(2, 1)
        self._loading = False
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for day in self.days:
            for widget in (day.label, day.mode, day.slots_box):
                widget.setEnabled(on)

    def _given_toggled(self, on: bool) -> None:
        self._enable(on)
        if on and all(not d.slots and d.mode.currentData() == "open" for d in self.days):
            for index, day in enumerate(self.days):  # a sensible start: weekdays 9–12, weekend closed
                day.set_value({"slots": [["09:00", "12:00"]]} if index < 5 else {"closed": True})
        self.edited.emit()

    def value(self):
        if not self.given.isChecked():
            return None
        return [day.value() for day in self.days]

    def set_value(self, days) -> None:
        if days == self.value():
            return
        self.blockSignals(True)
        try:
            self.given.setChecked(days is not None)
            self._enable(days is not None)
            for day, data in zip(self.days, days or [{"closed": False, "slots": []}] * 7, strict=False):
                day.set_value(data)
        finally:
            self.blockSignals(False)
