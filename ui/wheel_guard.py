"""Value widgets that take the mouse wheel only when they have the keyboard focus.

Qt's combo boxes, spin boxes and date/time fields change their value on any wheel notch
over them, so scrolling a long form changed whatever field passed under the pointer (one
notch over "Träger" changed the organisation and a save stored it). These subclasses pass
the wheel on to the scroll area unless the user has clicked or tabbed into the field, and
do not take the focus from the wheel either. Use them everywhere instead of the Qt classes
(tests/editor/test_wheel_guard.py looks for stragglers).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QDoubleSpinBox, QSpinBox, QTimeEdit


class _FocusedWheelOnly:
    """Mixin placed before the Qt class: the wheel reaches the widget only with focus."""

    def _guard_wheel(self) -> None:
        # WheelFocus (QComboBox's default) would let the first notch take the focus.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the parent (a scroll area) scrolls instead


class ComboBox(_FocusedWheelOnly, QComboBox):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._guard_wheel()


class SpinBox(_FocusedWheelOnly, QSpinBox):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._guard_wheel()


class DoubleSpinBox(_FocusedWheelOnly, QDoubleSpinBox):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._guard_wheel()


class DateEdit(_FocusedWheelOnly, QDateEdit):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._guard_wheel()


class TimeEdit(_FocusedWheelOnly, QTimeEdit):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._guard_wheel()


class DateTimeEdit(_FocusedWheelOnly, QDateTimeEdit):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._guard_wheel()


GUARDED = (ComboBox, SpinBox, DoubleSpinBox, DateEdit, TimeEdit, DateTimeEdit)
