"""When a provider's confirmation of an offer is too old (pure date rules, shared by the
offer list's filter and the publishing policy)."""

from __future__ import annotations

import calendar
from datetime import date

DEFAULT_MONTHS = 12


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day where that day does not exist)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_stale(confirmed: date | None, cutoff: date) -> bool:
    """Never confirmed, or confirmed before ``cutoff``."""
    return confirmed is None or confirmed < cutoff
