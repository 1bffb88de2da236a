"""What the editor offers to choose from (categories, organizations, municipalities,
languages) in one read, and the two things it can create on the spot."""

from __future__ import annotations

from sqlmodel import select

from models.i18n import N_
from models.slugs import slugify, unique_slug
from models.tables import Category, Organization

from .changes import note_settings
from .choice_values import Choice as Choice
from .choice_values import Choices as Choices
from .choice_values import LanguageChoice as LanguageChoice
from .db import Database
from .errors import LotseError
from .regions import categories, current_region, municipalities, organizations, region_languages


def load_choices(db: Database, ui_language: str = "de") -> Choices:
    with db.transaction() as session:
        region = current_region(session)
        langs = [
            LanguageChoice(rl.code, rl.native_name, rl.direction, rl.source_code)
            for rl in region_languages(session, region.id)
        ]
        root = next((lc.code for lc in langs if lc.source_code is None), "de")
        return Choices(
            region_name=region.name,
            root_language=root,
            bounding_box=region.bounding_box,
            languages=langs,
            categories=[Choice(c.id, c.name(ui_language, root)) for c in categories(session, region.id)],
            organizations=[Choice(o.id, o.name) for o in organizations(session, region.id)],
            municipalities=[Choice(m.id, m.name) for m in municipalities(session, region.id)],
        )


def target_languages(db: Database) -> list[LanguageChoice]:
    """The region's languages that are translated (not the source), for a window's combo."""
    with db.transaction() as session:
        region = current_region(session)
        return [
            LanguageChoice(rl.code, rl.native_name, rl.direction, rl.source_code)
            for rl in region_languages(session, region.id)
            if rl.source_code is not None
        ]


def organization_choices(db: Database) -> list[Choice]:
    with db.transaction() as session:
        return [Choice(o.id, o.name) for o in organizations(session, current_region(session).id)]


def _name_required(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise LotseError(N_("Please enter a name."))
    return name


def create_category(db: Database, name: str, *, language: str = "de") -> Choice:
    """A new category named in the given language (the others fall back to it)."""
    name = _name_required(name)
    with db.transaction() as session:
        region = current_region(session)
        existing = categories(session, region.id)
        for category in existing:
            if category.name(language).casefold() == name.casefold():
                return Choice(category.id, category.name(language))
        taken = set(session.exec(select(Category.slug).where(Category.region_id == region.id)))
        row = Category(
            region_id=region.id,
            slug=unique_slug(slugify(name), taken),
            names={language: name},
            position=len(existing),
        )
        session.add(row)
        session.flush()
        note_settings(session, region.id)
        return Choice(row.id, name)


def create_organization(db: Database, name: str) -> Choice:
    name = _name_required(name)
    with db.transaction() as session:
        region = current_region(session)
        for organization in organizations(session, region.id):
            if organization.name.casefold() == name.casefold():
                return Choice(organization.id, organization.name)
        taken = set(session.exec(select(Organization.slug).where(Organization.region_id == region.id)))
        row = Organization(region_id=region.id, slug=unique_slug(slugify(name), taken), name=name)
        session.add(row)
        session.flush()
        note_settings(session, region.id)
        return Choice(row.id, name)
