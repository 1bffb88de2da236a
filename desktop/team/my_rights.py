"""What the person logged in may do, read once from the team database (one query) so the
window can disable what the database would refuse and say who may. The database stays the
protection; this only mirrors it. SQLite: one person, everything allowed."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from models.i18n import N_, Localized, Message
from models.languages import display_name

from ..db import Database
from .setup import GROUPS, is_team_database

_QUERY = text(
    "SELECT session_user, "
    "ARRAY(SELECT g FROM unnest(CAST(:groups AS text[])) AS g WHERE pg_has_role(session_user, g, 'MEMBER')), "
    "ARRAY(SELECT municipality_id FROM lotse_scope s WHERE s.person = session_user "
    "AND municipality_id IS NOT NULL), "
    "ARRAY(SELECT organization_id FROM lotse_scope s WHERE s.person = session_user "
    "AND organization_id IS NOT NULL), "
    "ARRAY(SELECT language_code FROM lotse_scope s WHERE s.person = session_user "
    "AND language_code IS NOT NULL)"
)


def _language(code: str) -> Localized:
    return Localized(lambda lang: display_name(code, lang))


@dataclass(frozen=True)
class Rights:
    """The person's rights: ``team`` False means a single-user database (everything allowed)."""

    person: str
    team: bool = False
    roles: frozenset[str] = field(default_factory=frozenset)  # editor, reviewer, agency, publisher, admin
    municipalities: frozenset[int] = field(default_factory=frozenset)
    organizations: frozenset[int] = field(default_factory=frozenset)
    languages: frozenset[str] = field(default_factory=frozenset)

    @property
    def admin(self) -> bool:
        return not self.team or "admin" in self.roles

    def may_publish(self) -> bool:
        return self.admin or "publisher" in self.roles

    def may_review(self, code: str) -> bool:
        return self.admin or (bool({"reviewer", "agency"} & self.roles) and code in self.languages)

    def may_import_agency(self) -> bool:
        return self.admin or ("agency" in self.roles and bool(self.languages))

    def may_edit(self, municipality_id: int | None, organization_id: int | None) -> bool:
        return self.admin or (
            "editor" in self.roles
            and (municipality_id in self.municipalities or organization_id in self.organizations)
        )

    # -- who may: the tooltip of what is disabled -------------------------------------------
    @staticmethod
    def who_may_publish() -> Message:
        return N_("Only publishers and administrators may publish.")

    @staticmethod
    def who_may_administer() -> Message:
        return N_("Only administrators may manage people and their rights.")

    @staticmethod
    def who_may_read_audit() -> Message:
        return N_("Only administrators may read the audit log.")

    @staticmethod
    def who_may_change_region() -> Message:
        return N_("Only administrators may change the region's settings, languages and categories.")

    @staticmethod
    def who_may_import_agency() -> Message:
        return N_(
            "Only people with the agency import right (for the file's language) and administrators "
            "may import an agency's translations as approved."
        )

    @staticmethod
    def who_may_review_glossary() -> Message:
        return N_("Only reviewers (for the terms' languages) and administrators may change the glossary.")

    @staticmethod
    def who_may_import_memory() -> Message:
        return N_(
            "Only reviewers (for the memory's languages) and administrators may import into the "
            "translation memory."
        )

    @staticmethod
    def who_may_review(code: str) -> Message:
        return N_(
            "Only reviewers for {language} and administrators may mark {language} texts checked or approved.",
            language=_language(code),
        )


def everything(person: str) -> Rights:
    return Rights(person=person)


def load_rights(db: Database, person: str) -> Rights:
    """The session user's rights in one query (after a check that this is a team database)."""
    if db.is_sqlite:
        return everything(person)
    with db.engine.connect() as conn:
        if not is_team_database(conn):
            return everything(person)
        row = conn.execute(_QUERY, {"groups": list(GROUPS.values())}).one()
    names = {group: role for role, group in GROUPS.items()}
    return Rights(
        person=row[0],
        team=True,
        roles=frozenset(names[g] for g in row[1]),
        municipalities=frozenset(row[2]),
        organizations=frozenset(row[3]),
        languages=frozenset(row[4]),
    )
