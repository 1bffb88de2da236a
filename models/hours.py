"""Seven-day opening hours: several time slots a day, closed, all day, by appointment.

Stored as JSON on the offer (a list of seven day dicts, Monday first). Overnight
slots (22:00 to 02:00) may be entered; publishing splits them at midnight,
because the Integreat app throws on a slot whose end is before its start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

WEEKDAYS = 7
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(value: str) -> int:
    """Minutes after midnight; ``24:00`` is allowed as the end of a day."""
    if value == "24:00":
        return 24 * 60
    match = _HHMM.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a time of day (HH:MM)")
    return int(match.group(1)) * 60 + int(match.group(2))


def format_hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass
class Slot:
    start: str
    end: str

    @property
    def overnight(self) -> bool:
        return parse_hhmm(self.end) <= parse_hhmm(self.start)


@dataclass
class Day:
    closed: bool = True
    all_day: bool = False
    appointment_only: bool = False
    slots: list[Slot] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "closed": self.closed,
            "all_day": self.all_day,
            "appointment_only": self.appointment_only,
            "slots": [[s.start, s.end] for s in self.slots],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Day:
        return cls(
            closed=bool(data.get("closed", False)),
            all_day=bool(data.get("all_day", False)),
            appointment_only=bool(data.get("appointment_only", False)),
            slots=[Slot(str(a), str(b)) for a, b in data.get("slots") or []],
        )


def week_from_json(data: list[dict[str, Any]] | None) -> list[Day] | None:
    if data is None:
        return None
    return [Day.from_json(d) for d in data]


def week_to_json(days: list[Day] | None) -> list[dict[str, Any]] | None:
    if days is None:
        return None
    return [d.to_json() for d in days]


def _intervals(day: Day) -> list[tuple[int, int]]:
    """The day's slots as [start, end) minute intervals within this day and the next."""
    out = []
    for slot in day.slots:
        start, end = parse_hhmm(slot.start), parse_hhmm(slot.end)
        out.append((start, end + 24 * 60 if end <= start else end))
    return out


def week_problems(days: list[dict[str, Any]] | list[Day] | None) -> list[str]:
    """Human-readable problems (English keys for translation happen in the caller)."""
    if days is None:
        return []
    week = [d if isinstance(d, Day) else Day.from_json(d) for d in days]
    problems: list[str] = []
    if len(week) != WEEKDAYS:
        return [f"opening hours need exactly 7 days, not {len(week)}"]
    for index, day in enumerate(week):
        try:
            intervals = sorted(_intervals(day))
        except ValueError as exc:
            problems.append(f"day {index + 1}: {exc}")
            continue
        if day.closed and (day.slots or day.all_day):
            problems.append(f"day {index + 1}: closed, but has opening times")
        if day.all_day and day.slots:
            problems.append(f"day {index + 1}: open all day, but has time slots")
        for (s1, e1), (s2, e2) in zip(intervals, intervals[1:], strict=False):
            if s2 < e1:
                problems.append(
                    f"day {index + 1}: slots {format_hhmm(s1)}–{format_hhmm(e1 % 1440)} and "
                    f"{format_hhmm(s2)}–{format_hhmm(e2 % 1440)} overlap"
                )
        # An overnight slot must not run into the next day's first slot.
        following = week[(index + 1) % WEEKDAYS]
        try:
            next_starts = [s for s, _ in _intervals(following)]
        except ValueError:
            next_starts = []
        for _start, end in intervals:
            if end > 24 * 60 and any(s < end - 24 * 60 for s in next_starts):
                problems.append(f"day {index + 1}: the overnight slot runs into the next day's hours")
    return problems


def split_at_midnight(days: list[Day]) -> list[Day]:
    """A copy where every overnight slot ends at 23:59 and continues next morning at 00:00.

    Integreat's time slots cannot cross midnight; 23:59 is what its CMS uses as end of day.
    """
    out = [Day(d.closed, d.all_day, d.appointment_only, []) for d in days]
    for index, day in enumerate(days):
        for slot in day.slots:
            if slot.overnight and slot.end != "00:00":
                out[index].slots.append(Slot(slot.start, "23:59"))
                following = out[(index + 1) % WEEKDAYS]
                following.slots.insert(0, Slot("00:00", slot.end))
                following.closed = False
            elif slot.overnight:
                out[index].slots.append(Slot(slot.start, "23:59"))
            else:
                out[index].slots.append(Slot(slot.start, slot.end))
    for day in out:
        day.slots.sort(key=lambda s: parse_hhmm(s.start))
    return out
