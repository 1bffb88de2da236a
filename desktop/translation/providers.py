"""Translation services behind one small interface.

``Provider.translate(texts, source, target)`` turns a list of plain-text segments
into their translations, in order. Coverage is known before anything is sent
(``supports``). Every request goes through a :class:`BoundedClient` (timeout,
retries, rate limit). LibreTranslate and DeepL are spoken to directly (deep-translator's
LibreTranslate table rejects fa, uk, ps, ti and ku; its DeepL class still sends the
key as a query parameter, which DeepL no longer accepts); Google, Microsoft and
MyMemory go through deep-translator with its requests bounded by our client.
Every service's address can be changed (tests point them at a local server).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from models.i18n import N_

from ..tasks import CancelToken
from .errors import ProviderError
from .keys import get_key
from .provider_base import Provider, ProviderConfig
from .via_deep_translator import Google, Microsoft, MyMemory

__all__ = [
    "PROVIDERS",
    "DeepL",
    "Google",
    "LibreTranslate",
    "Microsoft",
    "MyMemory",
    "Provider",
    "ProviderConfig",
    "ProviderFactory",
    "make_provider",
]


# ---------------------------------------------------------------------------------------
# LibreTranslate: its HTTP API, directly


class LibreTranslate(Provider):
    name = "libretranslate"
    label = "LibreTranslate"
    needs_key = False  # a self-hosted server usually has none; an optional key is sent if set
    default_url = "http://localhost:5000"
    max_batch = 25
    price_per_million_chars = 0.0

    def __init__(self, config: ProviderConfig):
        super().__init__(config)
        if self.key is None:
            self.key = get_key(self.name)
            self.client.secrets = tuple(s for s in (self.key,) if s)
        self._languages: dict[str, set[str]] | None = None
        self._lock = threading.Lock()

    def languages(self, token: CancelToken | None = None) -> dict[str, set[str]]:
        """source code -> target codes, asked from the server once."""
        with self._lock:
            if self._languages is None:
                response = self.client.request("GET", self.url + "/languages", token=token)
                if response.status_code != 200:
                    raise self._refused(response)
                data = self._json(response)
                try:
                    self._languages = {
                        item["code"]: set(item.get("targets") or [c["code"] for c in data]) for item in data
                    }
                except (TypeError, KeyError):
                    raise self.client.fail("garbage", N_("language list unreadable")) from None
            return self._languages

    def code(self, language: str) -> str | None:
        try:
            known = self.languages()
        except ProviderError:
            return language  # unknown until the server answers; the request itself will tell
        for candidate in (language, {"prs": "fa", "kmr": "ku"}.get(language)):
            if candidate and (candidate in known or any(candidate in t for t in known.values())):
                return candidate
        return None

    def supports(self, source: str, target: str) -> bool:
        s, t = self.code(source), self.code(target)
        if s is None or t is None or (s == t and source != target):
            return False
        known = self._languages or {}
        return not known or t in known.get(s, {t})

    def require(self, source: str, target: str) -> None:
        if not self.supports(source, target):
            raise ProviderError(self.label, "unsupported", f"{source} → {target}")

    def _translate(self, texts, source, target, token):
        payload = {"q": texts, "source": source, "target": target, "format": "text"}
        if self.key:
            payload["api_key"] = self.key
        response = self.client.request("POST", self.url + "/translate", json=payload, token=token)
        data = self._json(response)
        if response.status_code != 200:
            message = data.get("error", "") if isinstance(data, dict) else ""
            if response.status_code == 400 and ("not supported" in message or "language" in message.lower()):
                raise self.client.fail("unsupported", f"{source} → {target}")
            raise self._refused(response, str(message))
        result = data.get("translatedText") if isinstance(data, dict) else None
        if isinstance(result, str):
            result = [result]
        if not isinstance(result, list):
            raise self.client.fail("garbage", N_("no “translatedText”"))
        return result


# ---------------------------------------------------------------------------------------
# DeepL: its v2 API, directly (key in the Authorization header)

_DEEPL = [
    "ar",
    "bg",
    "cs",
    "da",
    "de",
    "el",
    "en",
    "es",
    "et",
    "fi",
    "fr",
    "he",
    "hu",
    "id",
    "it",
    "ja",
    "ko",
    "lt",
    "lv",
    "nb",
    "nl",
    "pl",
    "pt",
    "ro",
    "ru",
    "sk",
    "sl",
    "sv",
    "th",
    "tr",
    "uk",
    "vi",
    "zh",
]


class DeepL(Provider):
    name = "deepl"
    label = "DeepL"
    max_batch = 50
    price_per_million_chars = 20.0
    codes = {c: c.upper() for c in _DEEPL} | {"en": "EN-GB", "pt": "PT-PT"}

    @property
    def default_url(self) -> str:  # type: ignore[override]
        return "https://api-free.deepl.com" if (self.key or "").endswith(":fx") else "https://api.deepl.com"

    def __init__(self, config: ProviderConfig):
        super().__init__(config)
        self.url = (config.url or self.default_url).rstrip("/")

    def _translate(self, texts, source, target, token):
        response = self.client.request(
            "POST",
            self.url + "/v2/translate",
            token=token,
            headers={"Authorization": f"DeepL-Auth-Key {self.key}"},
            json={"text": texts, "source_lang": source.split("-")[0], "target_lang": target},
        )
        data = self._json(response)
        if response.status_code != 200:
            raise self._refused(response, str(data.get("message", "")) if isinstance(data, dict) else "")
        try:
            return [item["text"] for item in data["translations"]]
        except (TypeError, KeyError):
            raise self.client.fail("garbage", N_("no “translations”")) from None


PROVIDERS: dict[str, type[Provider]] = {
    cls.name: cls for cls in (LibreTranslate, DeepL, Google, Microsoft, MyMemory)
}


def make_provider(config: ProviderConfig) -> Provider:
    cls = PROVIDERS.get(config.name)
    if cls is None:
        raise ProviderError(
            config.name,
            "config",
            N_("unknown service “{name}”; known: {items}", name=config.name, items=", ".join(PROVIDERS)),
        )
    return cls(config)


ProviderFactory = Callable[[str], Provider]
