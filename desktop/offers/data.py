"""The plain values the offer operations hand out (detached from the database) and the
cleaning of facts as they are stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from models.contact_keys import KEY, stored_areas, with_keys
from models.offer_fields import FACT_FIELDS as FACT_FIELDS
from models.offer_fields import StoredOffer as StoredOffer
from models.status import Status
from models.tables import Offer, OfferText, PublicationState

from ..offer_rows import OfferRow as OfferRow  # the list's row lives where the window can load it early

# A text's parts per language: words (str), and the contacts' areas of responsibility (a dict
# {contact key: area}, models/contact_keys.py).
TEXT_FIELDS = ("title", "summary", "content", "cost", "contact_areas")


@dataclass(slots=True)
class StoredText:
    """One stored text (a row of ``offer_text``, the columns in the table's order) as plain
    values: what the operations read, change in place as they write it, and hand on. Read as
    rows, not ORM objects: at 15 languages a save read its texts in a third of the time."""

    id: int
    offer_id: int
    language_code: str
    title: str
    summary: str
    content: str
    cost: str
    contact_areas: dict[str, str]
    fingerprint: str
    review_status: str
    status: str
    source_fingerprint: str | None
    source_language_code: str | None
    provider: str | None
    reviewed_by: str | None
    version: int
    updated_at: datetime
    updated_by: str
    slug: str | None
    cms_id: int | None
    old_slugs: list[str] | None


# An offer as a save holds it: values, or the ORM object when facts change.
OfferLike = StoredOffer | Offer


# A text as the operations hold it: stored (read as values) or new (an ORM row, inserted at the flush).
TextRow = StoredText | OfferText


@dataclass
class TextData:
    language_code: str
    title: str = ""
    summary: str = ""
    content: str = ""
    cost: str = ""
    contact_areas: dict[str, str] = field(default_factory=dict)
    status: str = Status.MISSING.value
    review_status: str = Status.MACHINE.value
    fingerprint: str = ""
    source_fingerprint: str | None = None
    source_language_code: str | None = None
    provider: str | None = None
    reviewed_by: str | None = None
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str = ""


class OfferData:
    """An offer with all its texts, detached from the database.

    A save hands one back that most callers never look into (importers, the benchmark, a
    state change): :func:`build_offer_data` gives it the stored text rows it read (plain values
    the save no longer changes) and the texts are made from them when first read. Otherwise a
    plain record (equal when its values are)."""

    __slots__ = (
        "id",
        "region_id",
        "slug",
        "version",
        "facts",
        "_texts",
        "_rows",
        "updated_at",
        "updated_by",
        "created_at",
    )

    def __init__(
        self,
        id: int,  # noqa: A002 (the offer's column)
        region_id: int,
        slug: str,
        version: int,
        facts: dict[str, Any],
        texts: dict[str, TextData] | None,
        updated_at: datetime | None,
        updated_by: str,
        created_at: datetime | None,
        *,
        rows: tuple[list[str], dict[str, StoredText]] | None = None,
    ) -> None:
        self.id, self.region_id, self.slug, self.version = id, region_id, slug, version
        self.facts = facts
        self.updated_at, self.updated_by, self.created_at = updated_at, updated_by, created_at
        self._texts = texts
        self._rows = rows if texts is None else None

    @property
    def texts(self) -> dict[str, TextData]:
        if self._texts is None:
            codes, rows = self._rows or ([], {})
            self._texts = {code: text_data(rows.get(code), code) for code in codes}
            self._rows = None
        return self._texts

    @texts.setter
    def texts(self, texts: dict[str, TextData]) -> None:
        self._texts, self._rows = texts, None

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in _OFFER_DATA_FIELDS)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OfferData) and self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        inside = ", ".join(f"{name}={getattr(self, name)!r}" for name in _OFFER_DATA_FIELDS)
        return f"OfferData({inside})"


_OFFER_DATA_FIELDS = (
    "id",
    "region_id",
    "slug",
    "version",
    "facts",
    "texts",
    "updated_at",
    "updated_by",
    "created_at",
)


def facts_of(offer: OfferLike) -> dict[str, Any]:
    return {name: getattr(offer, name) for name in FACT_FIELDS}


def jsonable_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Facts as a revision stores them (dates as ISO strings)."""
    return {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in facts.items()}


def _parse_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def normalise_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Clean values the way they are stored: trimmed strings, None for empty, dates parsed."""
    unknown = set(facts) - set(FACT_FIELDS)
    if unknown:
        raise ValueError(f"unknown offer fields: {sorted(unknown)}")
    out: dict[str, Any] = {}
    for name, value in facts.items():
        if name in ("valid_from", "valid_until"):
            value = _parse_date(value)
        elif name in ("contacts",):
            # Every contact keeps its key (or gets one): the texts' areas are stored by it.
            value = with_keys(
                {k: (str(v).strip() or None) if v is not None else None for k, v in c.items()}
                for c in (value or [])
                if any((v or "").strip() if isinstance(v, str) else v for k, v in c.items() if k != KEY)
            )
        elif name in ("languages_spoken", "target_groups"):
            value = [str(v) for v in (value or [])]
        elif name == "internal_notes":
            value = (value or "").strip()
        elif name == "state":
            value = PublicationState(value or "draft").value
        elif isinstance(value, str):
            value = value.strip() or None
        out[name] = value
    return out


def text_data(row: TextRow | None, code: str) -> TextData:
    if row is None:
        return TextData(language_code=code)
    return TextData(
        language_code=code,
        title=row.title,
        summary=row.summary,
        content=row.content,
        cost=row.cost or "",
        contact_areas=stored_areas(row.contact_areas),
        status=row.status,
        review_status=row.review_status,
        fingerprint=row.fingerprint,
        source_fingerprint=row.source_fingerprint,
        source_language_code=row.source_language_code,
        provider=row.provider,
        reviewed_by=row.reviewed_by,
        version=row.version,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )


def build_offer_data(offer: OfferLike, tree: dict[str, str | None], texts: dict[str, TextRow]) -> OfferData:
    """The offer with its texts in the region's languages (and any text of a language no longer active)."""
    codes = list(tree) + [c for c in texts if c not in tree]
    # Rows read as values stay as they are: their texts are made when first asked for. A new
    # text is an ORM object its session may still change: made now.
    held = all(type(row) is StoredText for row in texts.values())
    return OfferData(
        id=offer.id,
        region_id=offer.region_id,
        slug=offer.slug,
        version=offer.version,
        facts=facts_of(offer),
        texts=None if held else {code: text_data(texts.get(code), code) for code in codes},
        updated_at=offer.updated_at,
        updated_by=offer.updated_by,
        created_at=offer.created_at,
        rows=(codes, dict(texts)) if held else None,
    )
