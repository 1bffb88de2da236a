"""One line of the offer list as plain values.

Apart from desktop.offers (which imports SQLAlchemy and the mapped tables) so that the window
can show the list before the data layer is loaded (desktop/list_snapshot.py, ui/app.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class OfferRow:
    """One line of the offer list: plain values, cheap to hold 10,000 of."""

    id: int
    slug: str
    title: str
    category: str
    category_id: int | None
    municipality: str
    municipality_id: int | None
    organization: str
    organization_id: int | None
    state: str
    town: str
    street: str
    updated_at: datetime | None
    version: int
    statuses: dict[str, str] = field(default_factory=dict)
    confirmed_on: date | None = None  # the provider's newest "stimmt so" (update round)
