"""The event editor's own field widgets, with the protocol of ui/editor/value_widgets.py
(``value()``, ``set_value(v)``, ``edited`` for the user's changes only): a date and time, the
recurrence rule as choices (weekly on given days, every N weeks, monthly by weekday or day,
until a date or a number of times), cancelled dates and moved occurrences. Weekday and month
words come from CLDR (Babel) in the interface language."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.languages import weekday_abbreviations
from models.recurrence import WEEKDAYS, RecurrenceError, build_rule, parse_rule

from ..dates import day_text, localize, time_text
from ..i18n import _, language, on_language_change
from ..wheel_guard import ComboBox, DateEdit, DateTimeEdit, SpinBox

ISO_MINUTES = "yyyy-MM-ddTHH:mm:00"


def weekday_names() -> list[str]:
    """Monday first, in the interface language."""
    return weekday_abbreviations(language())


class DateTimeField(QWidget):
    """A date and a time of day as ISO text ("2027-03-02T15:00:00"); None while empty."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = DateTimeEdit()
        self.edit.setCalendarPopup(True)
        localize(self.edit, with_time=True)
        self.edit.setDateTime(QDateTime(QDate.currentDate(), QTime(18, 0)))
        row.addWidget(self.edit, 1)
        self._empty = True
        self.edit.dateTimeChanged.connect(self._changed)

    def _changed(self, _value: object) -> None:
        self._empty = False
        self.edited.emit()

    def value(self) -> str | None:
        return None if self._empty else self.edit.dateTime().toString(ISO_MINUTES)

    def set_value(self, value: Any) -> None:
        self._empty = not value
        if value:
            self.edit.blockSignals(True)
            self.edit.setDateTime(QDateTime.fromString(str(value)[:16], "yyyy-MM-ddTHH:mm"))
            self.edit.blockSignals(False)


class CheckField(QCheckBox):
    edited = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.clicked.connect(lambda _c: self.edited.emit())

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: Any) -> None:
        self.setChecked(bool(value))


FREQUENCIES = ("", "DAILY", "WEEKLY", "MONTHLY", "YEARLY")
NTH = (1, 2, 3, 4, -1)


class RuleField(QWidget):
    """The recurrence rule (RFC 5545 RRULE text, None: once). The choices cover what a region
    uses; a rule from an import that they cannot show stays as it is, in the text line below."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.freq = ComboBox()
        self.freq.setObjectName("rule_freq")
        for key, label in zip(
            FREQUENCIES, (_("once"), _("daily"), _("weekly"), _("monthly"), _("yearly")), strict=True
        ):
            self.freq.addItem(label, key)
        self.interval = SpinBox()
        self.interval.setObjectName("rule_interval")
        self.interval.setRange(1, 99)
        self.interval.setPrefix(_("every") + " ")
        grid.addWidget(self.freq, 0, 1)
        grid.addWidget(self.interval, 0, 2)

        self.days = QWidget()
        days = QHBoxLayout(self.days)
        days.setContentsMargins(0, 0, 0, 0)
        self.day_boxes: list[QCheckBox] = []
        for code, name in zip(WEEKDAYS, weekday_names(), strict=True):
            box = QCheckBox(name)
            box.setObjectName(f"rule_day_{code}")
            self.day_boxes.append(box)
            days.addWidget(box)
        days.addStretch(1)
        grid.addWidget(self.days, 1, 1, 1, 3)

        self.monthly = QWidget()
        monthly = QHBoxLayout(self.monthly)
        monthly.setContentsMargins(0, 0, 0, 0)
        self.month_mode = ComboBox()
        self.month_mode.addItem(_("on day of the month"), "day")
        self.month_mode.addItem(_("on the"), "weekday")
        self.monthday = SpinBox()
        self.monthday.setRange(1, 31)
        self.nth = ComboBox()
        for n, label in zip(NTH, (_("1st"), _("2nd"), _("3rd"), _("4th"), _("last")), strict=True):
            self.nth.addItem(label, n)
        self.nth_day = ComboBox()
        for code, name in zip(WEEKDAYS, weekday_names(), strict=True):
            self.nth_day.addItem(name, code)
        for widget in (self.month_mode, self.monthday, self.nth, self.nth_day):
            monthly.addWidget(widget)
        monthly.addStretch(1)
        grid.addWidget(self.monthly, 2, 1, 1, 3)

        self.ends = ComboBox()
        self.ends.setObjectName("rule_ends")
        self.ends.addItem(_("no end"), "never")
        self.ends.addItem(_("until"), "until")
        self.ends.addItem(_("number of times"), "count")
        self.until = DateEdit(calendarPopup=True)
        localize(self.until, with_time=False)
        self.until.setDate(QDate.currentDate().addMonths(6))
        self.count = SpinBox()
        self.count.setRange(1, 999)
        self.count.setValue(10)
        grid.addWidget(QLabel(_("Ends")), 3, 0)
        grid.addWidget(self.ends, 3, 1)
        grid.addWidget(self.until, 3, 2)
        grid.addWidget(self.count, 3, 3)

        self.text = QLineEdit()
        self.text.setObjectName("rule_text")
        self.text.setToolTip(_("The rule as iCalendar writes it (RFC 5545); it can be edited here too."))
        grid.addWidget(QLabel(_("Rule")), 4, 0)
        grid.addWidget(self.text, 4, 1, 1, 3)
        grid.setColumnStretch(3, 1)

        self._loading = False
        for signal in (
            self.freq.activated,
            self.interval.valueChanged,
            self.month_mode.activated,
            self.monthday.valueChanged,
            self.nth.activated,
            self.nth_day.activated,
            self.ends.activated,
            self.until.dateChanged,
            self.count.valueChanged,
        ):
            signal.connect(self._choices_changed)
        for box in self.day_boxes:
            box.clicked.connect(self._choices_changed)
        self.text.textEdited.connect(self._text_edited)
        self._show_parts()
        on_language_change(self, self._name_days)

    def _text_edited(self, _text: str) -> None:
        if not self._loading:
            self.edited.emit()

    def _name_days(self) -> None:
        """Weekday names come from CLDR, not the catalogue, and the interval's prefix and unit
        are not among the words a switch swaps: named again after a switch."""
        self.interval.setPrefix(_("every") + " ")
        self._show_parts()
        for index, name in enumerate(weekday_names()):
            self.day_boxes[index].setText(name)
            self.nth_day.setItemText(index, name)

    def _rule_from_choices(self) -> str | None:
        freq = self.freq.currentData()
        if not freq:
            return None
        ends = self.ends.currentData()
        weekdays: list[str] = []
        nth = monthday = None
        if freq == "WEEKLY":
            weekdays = [c for c, b in zip(WEEKDAYS, self.day_boxes, strict=True) if b.isChecked()]
        elif freq == "MONTHLY":
            if self.month_mode.currentData() == "day":
                monthday = self.monthday.value()
            else:
                weekdays, nth = [self.nth_day.currentData()], self.nth.currentData()
        until: date | None = None
        if ends == "until":
            picked = self.until.date()
            until = date(picked.year(), picked.month(), picked.day())
        try:
            return build_rule(
                freq,
                interval=self.interval.value(),
                weekdays=weekdays,
                nth=nth,
                monthday=monthday,
                until=until,
                count=self.count.value() if ends == "count" else None,
            )
        except RecurrenceError:
            return None

    def _choices_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._show_parts()
        self.text.setText(self._rule_from_choices() or "")
        self.edited.emit()

    def _show_parts(self) -> None:
        freq = self.freq.currentData()
        self.interval.setVisible(bool(freq))
        units = {
            "DAILY": _("day(s)"),
            "WEEKLY": _("week(s)"),
            "MONTHLY": _("month(s)"),
            "YEARLY": _("year(s)"),
        }
        self.interval.setSuffix(" " + units.get(freq, ""))
        self.days.setVisible(freq == "WEEKLY")
        self.monthly.setVisible(freq == "MONTHLY")
        by_day = self.month_mode.currentData() == "day"
        self.monthday.setVisible(by_day)
        self.nth.setVisible(not by_day)
        self.nth_day.setVisible(not by_day)
        self.ends.setEnabled(bool(freq))
        self.until.setVisible(bool(freq) and self.ends.currentData() == "until")
        self.count.setVisible(bool(freq) and self.ends.currentData() == "count")

    def value(self) -> str | None:
        return self.text.text().strip() or None

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.text.setText(value or "")
            self._choices_from(value)
            self._show_parts()
        finally:
            self._loading = False

    def _choices_from(self, rule: str | None) -> None:
        try:
            parts = parse_rule(rule) if rule else None
        except RecurrenceError:
            return  # shown in the text line; the message is beside the field
        self.freq.setCurrentIndex(self.freq.findData(parts.freq if parts else ""))
        if parts is None:
            return
        self.interval.setValue(parts.interval)
        plain = [d for d in parts.weekdays if d in WEEKDAYS]
        for code, box in zip(WEEKDAYS, self.day_boxes, strict=True):
            box.setChecked(code in plain)
        if parts.monthdays:
            self.month_mode.setCurrentIndex(0)
            self.monthday.setValue(parts.monthdays[0])
        elif parts.weekdays and parts.freq == "MONTHLY":
            first = parts.weekdays[0]
            self.month_mode.setCurrentIndex(1)
            self.nth.setCurrentIndex(max(0, self.nth.findData(int(first[:-2] or 1))))
            self.nth_day.setCurrentIndex(self.nth_day.findData(first[-2:]))
        ends = "until" if parts.until else "count" if parts.count else "never"
        self.ends.setCurrentIndex(self.ends.findData(ends))
        if parts.until:
            day = parts.until.date()
            self.until.setDate(QDate(day.year, day.month, day.day))
        if parts.count:
            self.count.setValue(parts.count)


class DateListField(QWidget):
    """Dates of a series that do not take place (EXDATE), as ISO dates."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        row = QHBoxLayout()
        self.date = DateEdit(calendarPopup=True)
        self.date.setObjectName("skip_date")
        localize(self.date, with_time=False)
        self.date.setDate(QDate.currentDate())
        self.add = QPushButton(_("Skip this date"))
        self.add.setObjectName("skip_add")
        self.remove = QPushButton(_("Remove"))
        row.addWidget(self.date)
        row.addWidget(self.add)
        row.addWidget(self.remove)
        row.addStretch(1)
        column.addWidget(self.list)
        column.addLayout(row)
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self._dates: list[str] = []

    def _add(self) -> None:
        day = self.date.date().toString("yyyy-MM-dd")
        if day not in self._dates:
            self.set_value([*self._dates, day])
            self.edited.emit()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.set_value([d for i, d in enumerate(self._dates) if i != row])
            self.edited.emit()

    def value(self) -> list[str]:
        return list(self._dates)

    def set_value(self, value: Any) -> None:
        self._dates = sorted(value or [])
        self.list.clear()
        for day in self._dates:
            self.list.addItem(QListWidgetItem(day_text(date.fromisoformat(day))))


class MovedField(QWidget):
    """Single occurrences moved to another time (RECURRENCE-ID): original date -> new start, end."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        self.original = DateEdit(calendarPopup=True)
        localize(self.original, with_time=False)
        self.original.setDate(QDate.currentDate())
        self.start = DateTimeField()
        self.end = DateTimeField()
        self.add = QPushButton(_("Move"))
        self.remove = QPushButton(_("Remove"))
        # Two lines (the date, then its new time and the buttons): on one line the field was
        # wider than the editor's pane, which then scrolled sideways.
        first, second = QHBoxLayout(), QHBoxLayout()
        for widget in (QLabel(_("Date")), self.original, QLabel("→")):
            first.addWidget(widget)
        first.addStretch(1)
        second.addWidget(self.start, 1)
        second.addWidget(QLabel("–"))
        second.addWidget(self.end, 1)
        first.addWidget(self.add)
        first.addWidget(self.remove)
        column.addWidget(self.list)
        column.addLayout(first)
        column.addLayout(second)
        self.add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self._moved: dict[str, list[str]] = {}

    def _add(self) -> None:
        start, end = self.start.value(), self.end.value()
        if not start:
            return
        self.set_value({**self._moved, self.original.date().toString("yyyy-MM-dd"): [start, end or start]})
        self.edited.emit()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            key = sorted(self._moved)[row]
            self.set_value({k: v for k, v in self._moved.items() if k != key})
            self.edited.emit()

    def value(self) -> dict[str, list[str]]:
        return dict(self._moved)

    def set_value(self, value: Any) -> None:
        self._moved = {k: list(v) for k, v in (value or {}).items()}
        self.list.clear()
        for key in sorted(self._moved):
            start, end = (datetime.fromisoformat(t) for t in self._moved[key])
            # wall-clock times of the event's zone: shown as they are, not converted
            when = f"{day_text(start)} {time_text(start)}–{time_text(end)}"
            self.list.addItem(f"{day_text(date.fromisoformat(key))} → {when}")
