"""Opening hours as German offices write them, read into the seven-day structure of ``models.hours``.

"Mo, Mi 9-12 Uhr; Do 14-17 Uhr", "Mo-Fr 10-13", "Fr 10.00-12.00 Uhr", "täglich 8-20",
"Mo–Do 8:30–12:00 und 13:00–15:30", "nach Vereinbarung". The text is cut into clauses
(at ``;`` and line breaks); a clause is understood completely or not at all. What is
not understood ("geschlossen in den Ferien", "werktags" - with or without Saturday?)
is returned verbatim in ``kept`` for the caller to keep and report: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .hours import WEEKDAYS, Day, Slot, format_hhmm, week_problems

_DAY_WORDS = (
    ("mo", "montag", "montags", "mon", "monday"),
    ("di", "dienstag", "dienstags", "tue", "tues", "tuesday"),
    ("mi", "mittwoch", "mittwochs", "wed", "wednesday"),
    ("do", "donnerstag", "donnerstags", "thu", "thur", "thursday"),
    ("fr", "freitag", "freitags", "fri", "friday"),
    ("sa", "samstag", "samstags", "sonnabend", "sonnabends", "sat", "saturday"),
    ("so", "sonntag", "sonntags", "sun", "sunday"),
)
DAY_INDEX = {word: index for index, words in enumerate(_DAY_WORDS) for word in words}
DAY_ABBREVIATIONS = tuple(words[0].capitalize() for words in _DAY_WORDS)
_EVERY_DAY = ("täglich", "taeglich", "jeden tag", "daily")
_APPOINTMENT = (
    "nach vereinbarung",
    "nach absprache",
    "nach terminvereinbarung",
    "termine nach vereinbarung",
    "by appointment",
)
_CLOSED = ("geschlossen", "closed")
_JOINERS = {",", "und", "&", "+", "sowie", "/", "and"}
_DASH = r"(?:-|–|—|bis|to)"
_TIME = r"(\d{1,2})(?:[:.](\d{2}))?"
_TOKEN = re.compile(
    rf"(?P<range>(?:von\s+|ab\s+)?{_TIME}\s*(?:uhr\s*)?{_DASH}\s*{_TIME}(?:\s*uhr)?)"
    r"|(?P<phrase>" + "|".join(re.escape(p) for p in (*_APPOINTMENT, *_EVERY_DAY, *_CLOSED)) + r")"
    r"|(?P<word>[a-zäöüß]+)\.?"
    r"|(?P<dash>-|–|—)"
    r"|(?P<joiner>[,&+/])"
    r"|(?P<space>\s+)",
    re.IGNORECASE,
)


@dataclass
class ReadHours:
    """``week`` is None when nothing could be read; ``kept`` holds the clauses not understood."""

    week: list[Day] | None
    kept: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.week is not None and not self.kept


class _NotUnderstood(ValueError):
    pass


def _minutes(hours: str, minutes: str | None) -> int:
    h, m = int(hours), int(minutes or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        raise _NotUnderstood
    return h * 60 + m


def _tokens(clause: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    position = 0
    while position < len(clause):
        match = _TOKEN.match(clause, position)
        if not match:
            raise _NotUnderstood
        position = match.end()
        kind = match.lastgroup
        text = match.group(0).strip().casefold()
        if kind == "range":
            g = match.groups()[1:5]
            start, end = _minutes(g[0], g[1]), _minutes(g[2], g[3])
            if end <= start:  # "22-2" may be a typo as well as a night: not guessed
                raise _NotUnderstood
            out.append(("time", (start, end)))
        elif kind == "phrase":
            if text in _EVERY_DAY:
                out.append(("days", list(range(WEEKDAYS))))
            else:
                out.append(("appointment" if text in _APPOINTMENT else "closed", None))
        elif kind == "word":
            word = match.group("word").casefold()
            if word in DAY_INDEX:
                out.append(("day", DAY_INDEX[word]))
            elif word in _JOINERS:
                out.append(("joiner", None))
            elif word in ("bis", "to"):
                out.append(("dash", None))
            elif word not in ("uhr", "und", "jeweils", "von"):
                raise _NotUnderstood
        elif kind == "dash":
            out.append(("dash", None))
        elif kind == "joiner":
            out.append(("joiner", None))
    return out


def _groups(tokens: list[tuple[str, object]]) -> list[tuple[list[int], list[tuple[int, int]], str | None]]:
    """(days, time slots, "appointment"/"closed"/None) for each run of days followed by times."""
    groups: list[tuple[list[int], list[tuple[int, int]], str | None]] = []
    days: list[int] = []
    slots: list[tuple[int, int]] = []
    mark: str | None = None
    pending_range = False
    for kind, value in tokens:
        if kind in ("day", "days") and (slots or mark):
            groups.append((days, slots, mark))
            days, slots, mark = [], [], None
        if kind == "day":
            if pending_range:
                if not days:
                    raise _NotUnderstood
                first = days.pop()
                last = int(value)  # type: ignore[arg-type]
                if last <= first:
                    raise _NotUnderstood
                days += list(range(first, last + 1))
                pending_range = False
            else:
                days.append(int(value))  # type: ignore[arg-type]
        elif kind == "days":
            days += list(value)  # type: ignore[arg-type]
        elif kind == "dash":
            if not days or slots or pending_range:
                raise _NotUnderstood
            pending_range = True
        elif kind == "time":
            if not days or pending_range:
                raise _NotUnderstood
            slots.append(value)  # type: ignore[arg-type]
        elif kind in ("appointment", "closed"):
            if mark and mark != kind:
                raise _NotUnderstood
            mark = kind
    if pending_range:
        raise _NotUnderstood
    if days or slots or mark:
        groups.append((days, slots, mark))
    for group_days, group_slots, group_mark in groups:
        if not group_days and group_mark != "appointment":
            raise _NotUnderstood
        if not group_slots and group_mark is None:
            raise _NotUnderstood  # days without times: "Mo, Di" says nothing
        if group_mark == "closed" and group_slots:
            raise _NotUnderstood
    return groups


def parse_hours_text(text: str) -> ReadHours:
    """Read ``text``; each clause is either understood completely or kept verbatim."""
    week = [Day(closed=True) for _ in range(WEEKDAYS)]
    seen = False
    kept: list[str] = []
    understood: list[str] = []
    clauses = [c.strip().rstrip(".").strip() for c in re.split(r"[;\n]+", text or "")]
    clauses = [c for c in clauses if c]
    for clause in clauses:
        try:
            groups = _groups(_tokens(clause))
            if not groups:  # "und", "Uhr": nothing said
                raise _NotUnderstood
        except _NotUnderstood:
            kept.append(clause)
            continue
        trial = [Day(d.closed, d.all_day, d.appointment_only, list(d.slots)) for d in week]
        conflict = False
        for days, slots, mark in groups:
            for index in days or range(WEEKDAYS):
                day = trial[index]
                if mark == "closed":
                    conflict = conflict or not day.closed  # "Mo geschlossen" after "Mo 9-12"
                    continue
                day.closed = False
                if mark == "appointment":
                    day.appointment_only = True
                for start, end in slots:
                    day.slots.append(Slot(format_hhmm(start), format_hhmm(end)))
                day.slots.sort(key=lambda s: s.start)
        if conflict or week_problems(trial):  # two clauses disagree
            kept.append(clause)
            continue
        week, seen = trial, True
        understood.append(clause)
    if seen and all(day.closed for day in week):  # "Sa, So geschlossen" says nothing of Monday
        return ReadHours(week=None, kept=[c for c in clauses if c in understood or c in kept])
    return ReadHours(week=week if seen else None, kept=kept)


def format_hours_text(days: list[Day] | None) -> str:
    """The week written the way :func:`parse_hours_text` reads it ("Mo 09:00-12:00; Di …")."""
    if not days:
        return ""
    parts = []
    for index, day in enumerate(days):
        if day.closed:
            continue
        times = " und ".join(f"{s.start}-{s.end}" for s in day.slots)
        words = [DAY_ABBREVIATIONS[index]]
        if times:
            words.append(times)
        if day.appointment_only:
            words.append("nach Vereinbarung")
        if day.all_day:
            words.append("00:00-24:00")
        parts.append(" ".join(words))
    return "; ".join(parts)
