"""The translation tables (SQLModel): the translation memory, the glossary, back
translations, the translation services' settings and the machine translations waiting for a
reviewer. Split from ``models/tables.py`` (issue 14), which re-exports every class, so
``from models.tables import TranslationMemory`` and the Alembic metadata keep working."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _utcnow() -> datetime:
    # The same as models.tables.utcnow (that module imports this one, so not from there).
    return datetime.now(UTC)


class TranslationMemory(SQLModel, table=True):
    """One segment translated once: never sent to a service again.

    ``source_key`` is the SHA-256 of the normalised masked source (placeholders for
    markup, numbers, addresses and terms), so a sentence with another phone number is
    still the same segment. ``source_text``/``target_text`` are as a person reads them
    (for TMX); ``source_masked``/``target_masked`` are what is reused.
    """

    __tablename__ = "translation_memory"
    __table_args__ = (UniqueConstraint("source_language", "target_language", "source_key"),)
    id: int | None = Field(default=None, primary_key=True)
    source_language: str = Field(max_length=20)
    target_language: str = Field(max_length=20, index=True)
    source_key: str = Field(max_length=64)
    source_masked: str = Field(sa_column=Column(Text, nullable=False))
    target_masked: str = Field(sa_column=Column(Text, nullable=False))
    source_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    target_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    provider: str = Field(default="", max_length=40)
    words: int = 0
    characters: int = 0
    created_at: datetime = Field(default_factory=_utcnow, index=True)


class GlossaryTerm(SQLModel, table=True):
    """A term per language pair: kept as is (``translation`` None) or always translated as given.
    ``target_language`` "*" means every language (for terms kept as they are)."""

    __tablename__ = "glossary_term"
    __table_args__ = (UniqueConstraint("source_language", "target_language", "term"),)
    id: int | None = Field(default=None, primary_key=True)
    source_language: str = Field(default="de", max_length=20)
    target_language: str = Field(default="*", max_length=20)
    term: str = Field(max_length=200)
    translation: str | None = Field(default=None, max_length=200)
    note: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=_utcnow)


class BackTranslation(SQLModel, table=True):
    """A translation put back into the source language, segment by segment, beside the
    translation it was made from (``target_fingerprint``), for reviewers who do not read it."""

    __tablename__ = "back_translation"
    __table_args__ = (UniqueConstraint("offer_id", "language_code"),)
    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", index=True, ondelete="CASCADE")
    language_code: str = Field(max_length=20)
    target_fingerprint: str = Field(max_length=64)
    provider: str = Field(default="", max_length=40)
    # {"title": "...", "summary": "...", "content:0": "...", ...}
    segments: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=_utcnow)


class TranslationService(SQLModel, table=True):
    """A translation service's settings (never its key): address, yearly word budget."""

    __tablename__ = "translation_service"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40, unique=True)
    url: str | None = None
    azure_region: str | None = Field(default=None, max_length=40)
    # None: no limit. Words counted from the memory entries the service made this year.
    yearly_word_budget: int | None = None
    enabled: bool = True


class TranslationProposal(SQLModel, table=True):
    """A machine translation that waits beside a text a person checked or approved,
    made from the newer source (``source_fingerprint``); the reviewer decides."""

    __tablename__ = "translation_proposal"
    __table_args__ = (UniqueConstraint("offer_id", "language_code"),)
    id: int | None = Field(default=None, primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", index=True, ondelete="CASCADE")
    language_code: str = Field(max_length=20)
    source_fingerprint: str = Field(max_length=64)
    title: str = Field(default="", max_length=500)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    content: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    cost: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    contact_areas: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    provider: str = Field(default="", max_length=40)
    created_at: datetime = Field(default_factory=_utcnow)
