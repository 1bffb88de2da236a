"""What a publish reads: plain values, detached from the database.

Internal notes, reviewer comments and reviewer names are not part of it, so
nothing private can reach the package by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from models.offer_fields import OfferColumns


@dataclass(frozen=True)
class LanguageSnap:
    id: int
    code: str
    bcp47_tag: str
    native_name: str
    direction: str  # "ltr" / "rtl"
    source_code: str | None
    position: int = 0
    policy: str | None = None  # None: the region's policy


@dataclass(frozen=True)
class CategorySnap:
    id: int
    slug: str
    icon: str | None
    color: str
    position: int
    names: dict[str, str]

    def name(self, code: str, root: str) -> str:
        return self.names.get(code) or self.names.get(root) or self.slug


@dataclass(frozen=True)
class OrganizationSnap:
    id: int
    slug: str
    name: str
    website: str | None = None
    logo_path: str | None = None


@dataclass
class TextSnap:
    id: int
    language_code: str
    title: str
    summary: str
    content: str
    status: str  # effective status: source, approved, checked, machine, outdated, in_translation
    updated_at: datetime
    slug: str | None = None  # this language's slug (pages, events), None: made by Lotse
    cms_id: int | None = None
    old_slugs: tuple[str, ...] = ()  # the CMS's earlier slugs of an imported page, oldest first
    # each contact's area of responsibility in this language, by the contact's key
    # (models/contact_keys.py; missing or "": none, the contact's own German area is used)
    contact_areas: dict[str, str] = field(default_factory=dict)


@dataclass(kw_only=True)
class OfferSnap(OfferColumns):
    """An item (offer, page, event) as a publish reads it: its published columns, its texts,
    and what pages and events have besides."""

    texts: dict[str, TextSnap] = field(default_factory=dict)
    kind: str = "offer"  # offer / page / event (one snapshot class: the same texts and statuses)
    cms_id: int | None = None
    # pages
    parent_id: int | None = None
    position: int = 0
    icon: str | None = None
    # events (models.recurrence.Timing's fields)
    event_start: datetime | None = None
    event_end: datetime | None = None
    all_day: bool = False
    timezone: str | None = None
    rrule: str | None = None
    exdates: list[str] = field(default_factory=list)
    moved: dict[str, list[str]] = field(default_factory=dict)
    place_id: int | None = None
    meeting_url: str | None = None
    confirmed_on: date | None = None  # the provider's newest confirmation (update round)

    @property
    def has_address(self) -> bool:
        return bool(self.street or self.town)

    @property
    def as_page(self) -> bool:
        """An offer is also a page under its category, unless it came from an Integreat place
        (the CMS had no page for it: publishing it as one would add pages the region never had)."""
        return self.cms_id is None


@dataclass(frozen=True)
class Alias:
    name: str
    latitude: float
    longitude: float


@dataclass
class RegionSnapshot:
    id: int
    slug: str
    name: str
    prefix: str | None
    name_without_prefix: str | None
    postcode: str | None
    latitude: float | None
    longitude: float | None
    bounding_box: tuple[tuple[float, float], tuple[float, float]] | None
    imprint_html: str
    policy: str
    languages: list[LanguageSnap]
    categories: list[CategorySnap]
    organizations: list[OrganizationSnap]
    offers: list[OfferSnap]
    aliases: list[Alias] = field(default_factory=list)
    pages: list[OfferSnap] = field(default_factory=list)  # information pages (kind "page")
    events: list[OfferSnap] = field(default_factory=list)
    # Offers not confirmed by their provider for this many months are held back (None: never).
    hold_unconfirmed_months: int | None = None

    @property
    def root(self) -> str:
        return next((lang.code for lang in self.languages if lang.source_code is None), "de")

    def language(self, code: str) -> LanguageSnap:
        return next(lang for lang in self.languages if lang.code == code)
