"""The import plan: what reading an Integreat package or CMS gives, before it is saved
(region, languages, categories, organizations, offers with their texts, pages, events)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from models.i18n import Message

from .content_mapping import NewEvent, NewPage


@dataclass
class NewText:
    title: str
    summary: str
    content: str
    status: str  # source / approved / checked / machine
    # the CMS's identity of this translation (kept for paths, links and deliveries)
    slug: str | None = None
    cms_id: int | None = None
    updated_at: datetime | None = None
    # a place's contacts' areas of responsibility in this language (by position)
    contact_areas: list[str] = field(default_factory=list)


@dataclass
class NewOffer:
    slug: str
    category: str | None  # category slug
    organization: str | None  # organization slug
    facts: dict[str, Any]
    texts: dict[str, NewText] = field(default_factory=dict[str, Any])


@dataclass
class NewLanguage:
    code: str
    bcp47_tag: str
    native_name: str
    direction: str
    source_code: str | None


@dataclass
class ImportPlan:
    region: dict[str, Any]
    languages: list[NewLanguage]
    municipalities: list[dict[str, Any]]
    categories: list[dict[str, Any]]  # slug, icon, color, position, names
    organizations: list[dict[str, Any]]  # slug, name, website
    offers: list[NewOffer]
    imprint_html: str
    warnings: list[Message]
    events_skipped: int = 0
    pages: list[NewPage] = field(default_factory=list)  # parents before children
    events: list[NewEvent] = field(default_factory=list)
