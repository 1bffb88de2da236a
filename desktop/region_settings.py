"""The region's part of the settings: its details, its languages with their source
language, and the default publishing policy. Kept in the database (the team shares
them); the person's own settings are in desktop/settings.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import select

from models.i18n import N_
from models.languages import UnknownLanguageError, language_info
from models.status import tree_order
from models.tables import RegionLanguage
from models.vocabulary import PUBLISH_POLICIES

from .app_links import check_app_url, default_app_url
from .changes import note_settings
from .db import Database, describe_url, make_engine, resolve_database_url
from .errors import LotseError
from .offer_statements import LANGUAGE_ORDER
from .publish import check_package_base_url
from .regions import add_language, current_region


@dataclass
class LanguageSetting:
    code: str
    source_code: str | None
    native_name: str = ""
    active: bool = True


@dataclass
class RegionSettings:
    name: str
    prefix: str | None
    postcode: str | None
    latitude: float | None
    longitude: float | None
    publish_policy: str
    languages: list[LanguageSetting] = field(default_factory=list)
    package_base_url: str | None = None  # where the app package is served
    app_url: str | None = None  # the region in the Integreat app (None: the default there)
    default_app_url: str = ""  # what None means, to show


def load_region_settings(db: Database) -> RegionSettings:
    with db.transaction() as session:
        region = current_region(session)
        rows = session.exec(
            select(RegionLanguage).where(RegionLanguage.region_id == region.id).order_by(*LANGUAGE_ORDER)
        )
        return RegionSettings(
            name=region.name,
            prefix=region.prefix,
            postcode=region.postcode,
            latitude=region.latitude,
            longitude=region.longitude,
            publish_policy=region.publish_policy,
            languages=[LanguageSetting(r.code, r.source_code, r.native_name, r.active) for r in rows],
            package_base_url=region.package_base_url,
            app_url=region.app_url,
            default_app_url=default_app_url(region.slug),
        )


def _check(settings: RegionSettings) -> None:
    if not settings.name.strip():
        raise LotseError(N_("The region needs a name."))
    # the two addresses are stored as checked (https, not this computer), empty as None
    base = (settings.package_base_url or "").strip()
    settings.package_base_url = check_package_base_url(base) if base else None
    app = (settings.app_url or "").strip()
    settings.app_url = check_app_url(app) if app else None
    if settings.publish_policy not in PUBLISH_POLICIES:
        raise LotseError(
            N_("Unknown publishing policy “{publish_policy}”.", publish_policy=settings.publish_policy),
        )
    active = {lang.code: lang.source_code for lang in settings.languages if lang.active}
    roots = [c for c, s in active.items() if s is None]
    if len(roots) != 1:
        raise LotseError(
            N_("Exactly one language must be the source language (without “translated from”)."),
        )
    try:
        tree_order(active)
    except ValueError as exc:
        raise LotseError(
            N_(
                "The languages do not fit together: each must be translated from "
                "an active language, without a cycle ({exc}).",
                exc=exc,
            ),
        ) from exc
    for lang in settings.languages:
        try:
            language_info(lang.code)
        except UnknownLanguageError as exc:
            raise LotseError(
                N_("“{code}” is not a known language code.", code=lang.code),
            ) from exc


def save_region_settings(db: Database, settings: RegionSettings) -> None:
    """Write region details, languages (new ones added, removed ones deactivated) and policy."""
    _check(settings)
    with db.transaction() as session:
        region = current_region(session)
        region.name = settings.name.strip()
        region.prefix = settings.prefix or None
        region.postcode = settings.postcode or None
        region.latitude, region.longitude = settings.latitude, settings.longitude
        region.publish_policy = settings.publish_policy
        region.package_base_url, region.app_url = settings.package_base_url, settings.app_url
        session.add(region)
        existing = {
            r.code: r
            for r in session.exec(select(RegionLanguage).where(RegionLanguage.region_id == region.id))
        }
        # Parents first, so add_language always finds the source language in the tree.
        active = {lang.code: lang.source_code for lang in settings.languages if lang.active}
        order = tree_order(active)
        for code, row in existing.items():
            if code not in active and row.active:
                row.active = False
                session.add(row)
        session.flush()
        positions = {lang.code: i for i, lang in enumerate(settings.languages)}
        for code in order:
            add_language(session, region, code, active[code], position=positions[code])
        note_settings(session, region.id, set(existing) | set(active))


def check_connection(db_or_url: str) -> str:
    """Connect once (no migration, nothing written); a LotseError says why it failed."""
    url = resolve_database_url(db_or_url or None)
    try:
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        finally:
            engine.dispose()
    except LotseError:
        raise
    except Exception as exc:  # noqa: BLE001 - every driver has its own errors; the user needs one sentence
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise LotseError(
            N_(
                "No connection to {describe_url}: {reason}. Check the address, user and password.",
                describe_url=describe_url(url),
                reason=reason,
            ),
        ) from exc
    return describe_url(url)
