"""What the offer list shows: the filter over plain rows (no database).

Apart from desktop.offer_search (which reads the search texts with SQLAlchemy) so that the list
can be shown and filtered before the data layer is loaded (ui/app.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from models.confirmation import is_stale, months_before

from .offer_rows import OfferRow
from .search_index import SearchIndex, fold, query_words

ACTIVE = "active"  # the state filter "everything but the archive"


@dataclass
class OfferFilter:
    """What the list shows: a search text and the chosen filters (None: any)."""

    text: str = ""
    category_id: int | None = None
    municipality_id: int | None = None
    organization_id: int | None = None
    state: str | None = ACTIVE
    language: str | None = None
    language_status: str | None = None
    # Offers the provider has not confirmed for this many months (or never).
    unconfirmed_months: int | None = None
    today: date | None = None  # for the months above; None: today
    words: list[str] = field(default_factory=list, init=False)
    cutoff: date | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.words = query_words(self.text)
        if self.unconfirmed_months is not None:
            self.cutoff = months_before(self.today or date.today(), self.unconfirmed_months)

    def accepts(self, row: OfferRow, index: SearchIndex | None) -> bool:
        if self.state == ACTIVE:
            if row.state == "archived":
                return False
        elif self.state is not None and row.state != self.state:
            return False
        if self.category_id is not None and row.category_id != self.category_id:
            return False
        if self.municipality_id is not None and row.municipality_id != self.municipality_id:
            return False
        if self.organization_id is not None and row.organization_id != self.organization_id:
            return False
        if self.language and self.language_status and row.statuses.get(self.language) != self.language_status:
            return False
        if self.cutoff is not None and not is_stale(row.confirmed_on, self.cutoff):
            return False
        if self.words:
            if index is not None and len(index):
                return index.matches(row.id, self.words)
            # The index is still being built: search what the list row itself holds.
            haystack = fold(
                f"{row.title} {row.category} {row.municipality} {row.organization} {row.street} {row.town}"
            )
            return all(w in haystack for w in self.words)
        return True
