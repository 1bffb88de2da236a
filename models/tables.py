"""The database tables (SQLModel). The schema itself changes only through Alembic
migrations in ``desktop/migrations``; these classes describe the newest one."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

# The translation tables live in their own module; re-exported here so every
# ``from models.tables import X`` and the Alembic metadata still find them.
from models.translation_tables import BackTranslation as BackTranslation
from models.translation_tables import GlossaryTerm as GlossaryTerm
from models.translation_tables import TranslationMemory as TranslationMemory
from models.translation_tables import TranslationProposal as TranslationProposal
from models.translation_tables import TranslationService as TranslationService


def utcnow() -> datetime:
    return datetime.now(UTC)


class PublicationState(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Region(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True, max_length=100)
    name: str = Field(max_length=200)
    prefix: str | None = Field(default=None, max_length=100)
    name_without_prefix: str | None = Field(default=None, max_length=200)
    postcode: str | None = Field(default=None, max_length=10)
    latitude: float | None = None
    longitude: float | None = None
    bbox_lon_min: float | None = None
    bbox_lat_min: float | None = None
    bbox_lon_max: float | None = None
    bbox_lat_max: float | None = None
    logo_path: str | None = None
    imprint_html: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # Publishing policy by default: "approved", "checked" or "machine".
    publish_policy: str = Field(default="checked", max_length=20)
    # Offers the provider has not confirmed for this many months stay out of a publish (None: no such rule).
    hold_unconfirmed_months: int | None = None
    # Where the app package will be served (https://…); links and images in it are absolute under it.
    package_base_url: str | None = Field(default=None, max_length=500)
    # The region in the Integreat app (https://integreat.app/<region>/): flyers' QR codes lead there.
    app_url: str | None = Field(default=None, max_length=500)

    @property
    def bounding_box(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        lon_min, lat_min, lon_max, lat_max = (
            self.bbox_lon_min,
            self.bbox_lat_min,
            self.bbox_lon_max,
            self.bbox_lat_max,
        )
        if lon_min is None or lat_min is None or lon_max is None or lat_max is None:
            return None
        return ((lon_min, lat_min), (lon_max, lat_max))


class Municipality(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("region_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    postcode: str | None = Field(default=None, max_length=10)
    latitude: float | None = None
    longitude: float | None = None


class RegionLanguage(SQLModel, table=True):
    """A language the region serves, and the language it is translated from."""

    __tablename__ = "region_language"
    __table_args__ = (UniqueConstraint("region_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=20)
    bcp47_tag: str = Field(max_length=35)
    native_name: str = Field(max_length=100)
    direction: str = Field(default="ltr", max_length=3)
    source_code: str | None = Field(default=None, max_length=20)
    position: int = 0
    mt_provider: str | None = Field(default=None, max_length=40)
    # None: the region's default policy.
    publish_policy: str | None = Field(default=None, max_length=20)
    active: bool = True


class Category(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("region_id", "slug"),)
    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True, ondelete="CASCADE")
    slug: str = Field(max_length=100)
    icon: str | None = Field(default=None, max_length=100)
    color: str = Field(default="#4A6FA5", max_length=7)
    position: int = 0
    # {"de": "Beratung", "en": "Counselling", ...}
    names: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))

    def name(self, language: str, fallback: str = "de") -> str:
        return self.names.get(language) or self.names.get(fallback) or self.slug


class Organization(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("region_id", "slug"),)
    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True, ondelete="CASCADE")
    slug: str = Field(max_length=100)
    name: str = Field(max_length=300)
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    logo_path: str | None = None


class ContentKind(StrEnum):
    OFFER = "offer"
    PAGE = "page"
    EVENT = "event"


class Offer(SQLModel, table=True):
    """The language-independent facts of one piece of content: an offer, an information page
    or an event (``kind``). Its texts are in OfferText, so texts, statuses, revisions, drafts,
    locking, machine translation, review, XLIFF/TMX and the publishing policy work the same
    for all three kinds. Kind-specific facts are columns that stay empty for the others."""

    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True, ondelete="CASCADE")
    kind: str = Field(default=ContentKind.OFFER.value, max_length=10, index=True)
    # Stable across title changes: the app package's paths are built from it.
    slug: str = Field(max_length=200, index=True)
    category_id: int | None = Field(default=None, foreign_key="category.id", index=True, ondelete="SET NULL")
    organization_id: int | None = Field(
        default=None, foreign_key="organization.id", index=True, ondelete="SET NULL"
    )
    municipality_id: int | None = Field(
        default=None, foreign_key="municipality.id", index=True, ondelete="SET NULL"
    )
    street: str | None = None
    postcode: str | None = Field(default=None, max_length=10)
    town: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    # [{"key", "area_of_responsibility", "name", "email", "phone", "mobile", "website"}]; "key" is
    # the contact's stable id (models/contact_keys.py) the texts' areas are stored by; the area here
    # and ``cost`` are the source language's words, kept in step with its text (OfferText.cost,
    # .contact_areas), which is what is translated and printed per language.
    contacts: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # None or seven {"closed", "all_day", "appointment_only", "slots": [["09:00", "12:00"]]}
    opening_hours: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    appointment_url: str | None = None
    barrier_free: bool | None = None
    languages_spoken: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    target_groups: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    cost: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    image_path: str | None = None
    internal_notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # An age range the offer is for ("12 bis 27 Jahre"), either end open.
    age_min: int | None = None
    age_max: int | None = None
    state: str = Field(default=PublicationState.DRAFT.value, max_length=20, index=True)
    # Optimistic locking: every save raises it by one, a save over a stale version fails.
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: str = Field(default="", max_length=200)
    # page: the tree (parent page, order among siblings) and an icon name
    parent_id: int | None = Field(default=None, foreign_key="offer.id", index=True, ondelete="SET NULL")
    position: int = 0
    icon: str | None = Field(default=None, max_length=100)
    # event: wall-clock start and end in ``timezone`` (models.recurrence.Timing), an RFC 5545
    # RRULE, cancelled dates ["2027-12-24"], moved dates {"2027-12-31": ["start", "end"]};
    # the place is an offer (``place_id``) or the free address in street/postcode/town
    event_start: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=False), nullable=True)
    )
    event_end: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=False), nullable=True)
    )
    all_day: bool = False
    timezone: str | None = Field(default=None, max_length=64)
    rrule: str | None = Field(default=None, max_length=500)
    exdates: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    moved: dict[str, list[str]] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    place_id: int | None = Field(default=None, foreign_key="offer.id", index=True, ondelete="SET NULL")
    meeting_url: str | None = None
    # Integreat CMS identity of imported content: the page's / event's / place's own id
    cms_id: int | None = None
    # the UID of an event imported from an iCalendar file (a second import updates it)
    ical_uid: str | None = Field(default=None, max_length=255, index=True)


class OfferText(SQLModel, table=True):
    """One offer in one language: title, summary and content, and how it was made."""

    __tablename__ = "offer_text"
    __table_args__ = (
        UniqueConstraint("offer_id", "language_code"),
        # Covers the offer list's status query: 150,000 statuses read from a small index,
        # not from the table whose rows carry the long content.
        Index("ix_offer_text_offer_language_status", "offer_id", "language_code", "status"),
    )
    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", index=True, ondelete="CASCADE")
    language_code: str = Field(max_length=20)
    title: str = Field(default="", max_length=500)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    content: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # What the offer costs and each contact's area of responsibility in this language: the
    # areas by the contact's key ({key: area}, models/contact_keys.py; migration 4500).
    cost: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    contact_areas: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Fingerprint of this text (normalised), compared by the languages translated from it.
    fingerprint: str = Field(default="", max_length=64)
    # machine / checked / approved / in_translation (source for the root language).
    review_status: str = Field(default="machine", max_length=20)
    # The effective status (outdated included), kept current on every save for fast filters.
    status: str = Field(default="machine", max_length=20)
    # Fingerprint of the source text this translation was made from.
    source_fingerprint: str | None = Field(default=None, max_length=64)
    source_language_code: str | None = Field(default=None, max_length=20)
    provider: str | None = Field(default=None, max_length=40)
    reviewed_by: str | None = Field(default=None, max_length=200)
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: str = Field(default="", max_length=200)
    # This language's slug (the last segment of its path; pages and events of the CMS have one
    # per language) and the CMS's id of this translation. None: made by Lotse.
    slug: str | None = Field(default=None, max_length=200)
    cms_id: int | None = None
    # The CMS's earlier slugs of this translation (its ``slug_history`` without the current
    # one, oldest first): old links keep finding the page after an import.
    old_slugs: list[str] | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class TextRevision(SQLModel, table=True):
    """Every save of a text, kept: who, when, what, minor or not."""

    __tablename__ = "text_revision"
    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", index=True, ondelete="CASCADE")
    language_code: str = Field(max_length=20, index=True)
    title: str = Field(default="", max_length=500)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    content: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    cost: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    contact_areas: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    fingerprint: str = Field(default="", max_length=64)
    review_status: str = Field(default="machine", max_length=20)
    source_fingerprint: str | None = Field(default=None, max_length=64)
    minor: bool = False
    author: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    note: str = Field(default="", max_length=500)


class OfferRevision(SQLModel, table=True):
    """Every save of an offer's facts, as a JSON snapshot."""

    __tablename__ = "offer_revision"
    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", index=True, ondelete="CASCADE")
    offer_version: int
    facts: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    author: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    note: str = Field(default="", max_length=500)


class Draft(SQLModel, table=True):
    """The editor's autosaved, not yet saved state of an offer (or a new one)."""

    id: int | None = Field(default=None, primary_key=True)
    offer_id: int | None = Field(default=None, foreign_key="offer.id", index=True, ondelete="CASCADE")
    base_version: int | None = None
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    author: str = Field(default="", max_length=200)
    saved_at: datetime = Field(default_factory=utcnow)


class ReviewNote(SQLModel, table=True):
    """A reviewer's word on one translation: sent back as "needs work", with a comment."""

    __tablename__ = "review_note"
    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", index=True, ondelete="CASCADE")
    language_code: str = Field(max_length=20)
    kind: str = Field(default="needs_work", max_length=20)
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    author: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    # Set when the note is dealt with (the text was checked or approved afterwards).
    resolved_at: datetime | None = None


class OfferTodo(SQLModel, table=True):
    """Something to put right on an offer, left by an import: the field emptied and why."""

    __tablename__ = "offer_todo"
    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", index=True, ondelete="CASCADE")
    field: str = Field(default="", max_length=40)
    value: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # What is wrong and what to do, as a message (msgid and values, models/stored_text.py):
    # shown in the interface language of the moment, not stored as German and English text.
    message: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    source: str = Field(default="", max_length=300)
    created_at: datetime = Field(default_factory=utcnow)
    done_at: datetime | None = None


class OfferConfirmation(SQLModel, table=True):
    """The provider said the offer is right ("bestätigt vom Träger am …"); the newest counts."""

    __tablename__ = "offer_confirmation"
    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", index=True, ondelete="CASCADE")
    confirmed_on: date = Field(index=True)
    answer: str = Field(default="ok", max_length=20)  # ok / changed / gone
    source: str = Field(default="", max_length=300)
    author: str = Field(default="", max_length=200)


class PublishChange(SQLModel, table=True):
    """The newest change to an item (offer, page, event), its texts or its confirmations, as a
    growing number (SQLite) or the writing transaction's id (PostgreSQL): written by triggers
    (desktop/change_log.py, migration 4400), read by a re-publish to know which items to read
    again (desktop/publish_changes.py). No foreign key: a deleted item's row stays and says
    that it changed. Items 0 and -1 are the log's own numbers (the newest mark, complete since)."""

    __tablename__ = "publish_change"
    item_id: int = Field(primary_key=True)
    seq: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))


class ImportMemory(SQLModel, table=True):
    """An answer given once at an import, used the next time: a column heading's field
    (per provider) or a target-group phrase's group (``provider`` "" = every provider)."""

    __tablename__ = "import_memory"
    __table_args__ = (UniqueConstraint("region_id", "provider", "kind", "source"),)
    id: int | None = Field(default=None, primary_key=True)
    region_id: int = Field(foreign_key="region.id", index=True, ondelete="CASCADE")
    provider: str = Field(default="", max_length=300)
    kind: str = Field(max_length=20)  # "column" or "target_group"
    source: str = Field(max_length=300)
    target: str = Field(max_length=100)


class CmsBase(SQLModel, table=True):
    """What the hosted Integreat CMS has of one text, as far as Lotse knows: the state of the
    last import from it or of the last successful push to it. It is the base of the three-way
    comparison at the next import (Lotse changed / CMS changed / both) and what ``push``
    compares with to send only changed pages. ``theirs_*``: the CMS's version of a text that
    both sides changed, kept until someone decides (``lotse integreat sync --take``)."""

    __tablename__ = "cms_base"
    __table_args__ = (UniqueConstraint("offer_id", "language_code"),)
    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", index=True, ondelete="CASCADE")
    language_code: str = Field(max_length=20)
    title: str = Field(default="", max_length=500)
    content: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    cms_updated: datetime | None = None  # the CMS's last_updated of that state
    synced_at: datetime = Field(default_factory=utcnow)
    theirs_title: str | None = Field(default=None, max_length=500)
    theirs_content: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    theirs_updated: datetime | None = None
