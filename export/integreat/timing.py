"""An event's snapshot as a ``models.recurrence.Timing`` and what the package needs from it."""

from __future__ import annotations

from datetime import date, datetime

from models.recurrence import Timing, last_date

from .snapshot import OfferSnap

DEFAULT_ZONE = "Europe/Berlin"


def timing_of(item: OfferSnap) -> Timing:
    start = item.event_start or datetime(2000, 1, 1)
    return Timing(
        start=start,
        end=item.event_end or start,
        timezone=item.timezone or DEFAULT_ZONE,
        all_day=item.all_day,
        rule=item.rrule or None,
        exdates=tuple(date.fromisoformat(d) for d in item.exdates),
        moved={
            date.fromisoformat(day): (datetime.fromisoformat(times[0]), datetime.fromisoformat(times[1]))
            for day, times in item.moved.items()
        },
    )


def last_occurrence(timing: Timing) -> date | None:
    """The last day the event takes place on (None: never ends), moved dates included."""
    last = last_date(timing)
    if last is None:
        return None
    if timing.rule:
        last = last + (timing.end.date() - timing.start.date())
    moved = [end.date() for _start, end in timing.moved.values()]
    return max([last, *moved])
