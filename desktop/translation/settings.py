"""Which service translates which language, each service's address and word budget
(in the database, shared by a team); keys stay in the keyring or the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlmodel import select

from models.i18n import N_
from models.tables import RegionLanguage, TranslationService

from ..db import Database
from ..errors import LotseError
from ..regions import current_region, region_languages
from .errors import ProviderError
from .http import Limits
from .keys import get_key
from .providers import PROVIDERS, Provider, ProviderConfig, make_provider

# A sensible start: DeepL where it has the language, Microsoft for the rest (it has
# Dari, Pashto, Tigrinya and Kurmanji), or a self-hosted LibreTranslate for everything.
PREFERENCE = ("deepl", "microsoft", "google", "libretranslate", "mymemory")


@dataclass
class ServiceSettings:
    name: str
    url: str | None = None
    azure_region: str | None = None
    yearly_word_budget: int | None = None


def service_settings(db: Database, name: str) -> ServiceSettings:
    with db.transaction() as session:
        row = session.exec(select(TranslationService).where(TranslationService.name == name)).first()
        if row is None:
            return ServiceSettings(name)
        return ServiceSettings(name, row.url, row.azure_region, row.yearly_word_budget)


def save_service(db: Database, settings: ServiceSettings) -> None:
    if settings.name not in PROVIDERS:
        raise ProviderError(
            settings.name,
            "config",
            N_("unknown service “{name}”", name=settings.name),
        )
    url = (settings.url or "").strip() or None
    if url and not url.startswith(("http://", "https://")):
        raise LotseError(
            N_("The address “{url}” must start with http:// or https://.", url=url),
        )
    if settings.yearly_word_budget is not None and settings.yearly_word_budget < 0:
        raise LotseError(N_("The word budget cannot be negative."))
    with db.transaction() as session:
        row = session.exec(
            select(TranslationService).where(TranslationService.name == settings.name)
        ).first() or TranslationService(name=settings.name)
        row.url, row.azure_region, row.yearly_word_budget = (
            url,
            settings.azure_region or None,
            settings.yearly_word_budget,
        )
        session.add(row)


def language_providers(db: Database) -> dict[str, str | None]:
    """code -> chosen service name (None: not chosen) for the region's languages, source excluded."""
    with db.transaction() as session:
        region = current_region(session)
        return {rl.code: rl.mt_provider for rl in region_languages(session, region.id) if rl.source_code}


def language_sources(db: Database) -> dict[str, str]:
    """code -> the language it is translated from, for the region's translated languages."""
    with db.transaction() as session:
        region = current_region(session)
        return {rl.code: rl.source_code for rl in region_languages(session, region.id) if rl.source_code}


def covers(name: str, source: str, target: str) -> bool:
    """Whether a service offers the pair, from its fixed table (LibreTranslate: asked when used)."""
    cls = PROVIDERS[name]
    if name == "libretranslate":
        return True
    s, t = cls.codes.get(source), cls.codes.get(target)
    return s is not None and t is not None and s != t


def set_language_provider(db: Database, code: str, name: str | None) -> None:
    if name is not None and name not in PROVIDERS:
        raise ProviderError(name, "config", N_("unknown service “{name}”", name=name))
    with db.transaction() as session:
        region = current_region(session)
        row = session.exec(
            select(RegionLanguage).where(RegionLanguage.region_id == region.id, RegionLanguage.code == code)
        ).first()
        if row is None:
            raise LotseError(
                N_("The language “{code}” is not one of the region's.", code=code),
            )
        row.mt_provider = name
        session.add(row)


def is_configured(db: Database) -> bool:
    """A service is chosen for some language, or set up in the settings or the environment."""
    return any(language_providers(db).values()) or bool(set_up_services(db))


def served_languages(db: Database) -> list[str]:
    """The region's translated languages that a chosen or set-up service translates."""
    chosen, sources, set_up = language_providers(db), language_sources(db), None
    out = []
    for code, name in chosen.items():
        if not name:
            set_up = set_up_services(db) if set_up is None else set_up
            name = next((n for n in set_up if covers(n, sources.get(code, "de"), code)), None)
        if name:
            out.append(code)
    return out


def env_url(name: str) -> str | None:
    """A service's address from ``$LOTSE_<SERVICE>_URL`` (beside ``$LOTSE_<SERVICE>_KEY``)."""
    return (os.environ.get(f"LOTSE_{name.upper()}_URL") or "").strip() or None


def set_up_services(db: Database) -> list[str]:
    """Services a person has set up, in ``PREFERENCE`` order: an address in the settings or
    the environment, or a key in the environment or the keyring. They serve the languages
    that have no service chosen of their own (a public service nobody set up is never used)."""
    return [name for name in PREFERENCE if env_url(name) or service_settings(db, name).url or get_key(name)]


def build_provider(
    db: Database, name: str, *, url: str | None = None, key: str | None = None, limits: Limits | None = None
) -> Provider:
    """The service with its address from the caller (--url), else the environment, else the settings."""
    settings = service_settings(db, name)
    return make_provider(
        ProviderConfig(
            name,
            url=url or env_url(name) or settings.url,
            key=key,
            region=settings.azure_region,
            limits=limits or Limits(),
        )
    )


class Providers:
    """The provider for each language, built once per batch (so limits and breakers are shared)."""

    def __init__(
        self,
        db: Database,
        *,
        override: str | None = None,
        url: str | None = None,
        limits: Limits | None = None,
        key: str | None = None,
    ):
        self.db, self.override, self.url, self.limits, self.key = db, override, url, limits, key
        self.chosen = language_providers(db)
        self._set_up: list[str] | None = None  # looked up when a language has no service of its own
        self._built: dict[str, Provider] = {}

    def name_for(self, code: str) -> str:
        """--provider, else the language's service, else the first set-up service covering it."""
        name = self.override or self.chosen.get(code)
        if name:
            return name
        if self._set_up is None:
            self._set_up = set_up_services(self.db)
        source = language_sources(self.db).get(code, "de")
        for candidate in self._set_up:
            if covers(candidate, source, code):
                return candidate
        raise LotseError(
            N_(
                "No translation service is chosen for “{code}”: Translate → Settings, "
                "the environment variable LOTSE_<SERVICE>_KEY or LOTSE_<SERVICE>_URL "
                "(e.g. LOTSE_DEEPL_KEY, LOTSE_LIBRETRANSLATE_URL) or --provider.",
                code=code,
            ),
        )

    def get(self, name: str) -> Provider:
        if name not in self._built:
            self._built[name] = build_provider(
                self.db,
                name,
                url=self.url if name == self.override else None,
                key=self.key if name == self.override else None,
                limits=self.limits,
            )
        return self._built[name]

    def for_language(self, code: str) -> Provider:
        return self.get(self.name_for(code))

    def for_back_translation(self, code: str) -> Provider:
        """Preferably a different service than the forward one, if another one covers the language."""
        forward = self.name_for(code)
        if self.override:
            return self.get(forward)
        for name in dict.fromkeys([n for n in self.chosen.values() if n]):
            if name != forward:
                try:
                    candidate = self.get(name)
                except ProviderError:
                    continue
                if (
                    candidate.codes
                    and candidate.supports(code, "de")
                    and (not candidate.needs_key or candidate.key)
                ):
                    return candidate
        return self.get(forward)

    @property
    def requests_sent(self) -> int:
        return sum(p.client.requests_sent for p in self._built.values())

    def close(self) -> None:
        for provider in self._built.values():
            provider.client.close()
