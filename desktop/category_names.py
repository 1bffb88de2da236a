"""Category names in every language of the region (region settings): a flyer or brochure
prints the category in its own language, and says so when a name is missing."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import select

from models.i18n import N_
from models.richtext import clean_plain
from models.tables import Category

from .db import Database
from .errors import LotseError
from .regions import current_region, region_languages, root_language

MAX_LENGTH = 200


@dataclass
class CategoryNames:
    id: int
    slug: str
    names: dict[str, str] = field(default_factory=dict)  # language code -> name


@dataclass
class CategoryNameTable:
    languages: list[tuple[str, str]]  # (code, native name), the source language first
    categories: list[CategoryNames]


def load_category_names(db: Database) -> CategoryNameTable:
    with db.transaction() as session:
        region = current_region(session)
        root = root_language(session, region.id)
        languages = [(rl.code, rl.native_name or rl.code) for rl in region_languages(session, region.id)]
        languages.sort(key=lambda pair: pair[0] != root)
        rows = session.exec(
            select(Category).where(Category.region_id == region.id).order_by(Category.position, Category.slug)
        )
        return CategoryNameTable(languages, [CategoryNames(c.id, c.slug, dict(c.names)) for c in rows])


def save_category_names(db: Database, names: dict[int, dict[str, str]]) -> None:
    """Store the names (category id -> language -> name) in one transaction. An empty name
    removes that language's name (the German one is then printed); the source language's
    name cannot be emptied."""
    with db.transaction() as session:
        region = current_region(session)
        root = root_language(session, region.id)
        known = {rl.code for rl in region_languages(session, region.id, active_only=False)}
        rows = {c.id: c for c in session.exec(select(Category).where(Category.region_id == region.id))}
        for category_id, by_language in names.items():
            row = rows.get(category_id)
            if row is None:
                raise LotseError(
                    N_("There is no category {category_id} in this region.", category_id=category_id),
                )
            updated = dict(row.names)
            for code, value in by_language.items():
                if code not in known:
                    raise LotseError(
                        N_("The language “{code}” is not one of the region's.", code=code),
                    )
                value = clean_plain(value)
                if len(value) > MAX_LENGTH:
                    raise LotseError(
                        N_(
                            "The name “{value}…” is longer than {MAX_LENGTH} characters.",
                            value=value[:40],
                            MAX_LENGTH=MAX_LENGTH,
                        ),
                    )
                if value:
                    updated[code] = value
                elif code == root:
                    raise LotseError(
                        N_("The category “{name}” needs a name in the source language.", name=row.name(root)),
                    )
                else:
                    updated.pop(code, None)
            if updated != row.names:
                row.names = updated  # a new dict: the JSON column sees the change
                session.add(row)
