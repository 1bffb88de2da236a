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
from dataclasses import dataclass, field

import requests

from models.i18n import N_

from ..tasks import CancelToken
from .errors import ProviderError
from .http import BoundedClient, Limits
from .keys import env_var, get_key, how_to_provide, keyring_available

# Lotse language code -> what the region calls it; Dari (prs) is sent as Persian where a
# service has no Dari of its own, Kurmanji is "ku" (Google) or "kmr" (Microsoft).


@dataclass
class ProviderConfig:
    name: str
    url: str | None = None  # None: the service's public address
    key: str | None = None  # None: from the environment or the keyring
    region: str | None = None  # Microsoft: the Azure region of the key
    limits: Limits = field(default_factory=Limits)


class Provider:
    name = ""
    label = ""
    needs_key = True
    default_url = ""
    max_batch = 1  # segments per request
    price_per_million_chars = 0.0  # euros, for the estimate before a batch
    codes: dict[str, str] = {}  # Lotse code -> service code

    def __init__(self, config: ProviderConfig):
        self.config = config
        self.url = (config.url or self.default_url).rstrip("/")
        self.key = config.key if config.key is not None else (get_key(self.name) if self.needs_key else None)
        self.client = BoundedClient(self.label, config.limits, secrets=(self.key or "",))

    # --- coverage ---------------------------------------------------------------------
    def code(self, language: str) -> str | None:
        return self.codes.get(language)

    def supports(self, source: str, target: str) -> bool:
        s, t = self.code(source), self.code(target)
        return s is not None and t is not None and (s != t or source == target)

    def require(self, source: str, target: str) -> None:
        for code in (source, target):
            if self.code(code) is None:
                raise ProviderError(self.label, "unsupported", code)
        if not self.supports(source, target):  # e.g. Dari from Farsi where the service has only Persian
            raise ProviderError(self.label, "unsupported", f"{source} → {target}")
        if self.needs_key and not self.key:
            if keyring_available():
                raise ProviderError(
                    self.label,
                    "no_key",
                    N_("Enter it in the translation settings or set {env_var}.", env_var=env_var(self.name)),
                )
            raise ProviderError(self.label, "no_key", how_to_provide(self.name))

    # --- work -------------------------------------------------------------------------
    def translate(
        self, texts: list[str], source: str, target: str, token: CancelToken | None = None
    ) -> list[str]:
        self.require(source, target)
        out: list[str] = []
        for start in range(0, len(texts), self.max_batch):
            chunk = texts[start : start + self.max_batch]
            result = self._translate(chunk, self.code(source), self.code(target), token)
            if len(result) != len(chunk) or not all(isinstance(r, str) for r in result):
                raise self.client.fail(
                    "garbage",
                    N_("{answers} answers for {segments} segments", answers=len(result), segments=len(chunk)),
                )
            out.extend(result)
        return out

    def _translate(self, texts: list[str], source: str, target: str, token: CancelToken | None) -> list[str]:
        raise NotImplementedError

    def test(self) -> str:
        """One tiny request; returns the translation of "Hallo" or raises ProviderError."""
        target = "en" if self.code("en") else next(iter(c for c in self.codes if c != "de"))
        return self.translate(["Hallo"], "de", target)[0]

    def _json(self, response: requests.Response):
        try:
            return response.json()
        except ValueError:
            raise self.client.fail(
                "garbage", N_("HTTP {status_code}, not JSON", status_code=response.status_code)
            ) from None

    def _refused(self, response: requests.Response, message: str = "") -> ProviderError:
        status = response.status_code
        detail = f"HTTP {status}" + (f": {message[:120]}" if message else "")
        if status in (401, 403):
            return self.client.fail("auth", detail)
        if status in (456, 402):
            return self.client.fail("quota", detail)
        if status == 400 and "language" in message.lower():
            return self.client.fail("unsupported", detail)
        return self.client.fail("server", detail)


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


# ---------------------------------------------------------------------------------------
# Google, Microsoft, MyMemory: through deep-translator, its requests bounded by our client

_local = threading.local()


class _BoundedRequests:
    """Stands in for the ``requests`` module inside deep-translator's service modules:
    every get/post goes through the calling provider's BoundedClient."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    def _send(self, method: str, url: str, **kwargs):
        provider = getattr(_local, "provider", None)
        if provider is None:  # not called through a Lotse provider: still never without a timeout
            kwargs.setdefault("timeout", 20)
            return self._real.request(method, url, **kwargs)
        kwargs.pop("proxies", None)
        response = provider.client.request(method, url, token=getattr(_local, "token", None), **kwargs)
        provider._check_response(response)
        return response

    def get(self, url, **kwargs):
        return self._send("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self._send("POST", url, **kwargs)


_installed = False


def _install_bounded_requests() -> None:
    global _installed
    if _installed:
        return
    import deep_translator.google
    import deep_translator.microsoft
    import deep_translator.mymemory

    for module in (deep_translator.google, deep_translator.microsoft, deep_translator.mymemory):
        module.requests = _BoundedRequests(requests)
    _installed = True


def _table_codes(table: dict[str, str], aliases: dict[str, str]) -> dict[str, str]:
    values = set(table.values())
    codes: dict[str, str] = {}
    for value in values:
        codes.setdefault(value.split("-")[0], value)
    for lotse, service in aliases.items():
        if service in values:
            codes[lotse] = service
    return codes


class _DeepTranslatorProvider(Provider):
    def _make(self, source: str, target: str):
        raise NotImplementedError

    def _check_response(self, response: requests.Response) -> None:
        if response.status_code >= 400:
            raise self._refused(response, response.text[:200] if response.text else "")

    def _translate(self, texts, source, target, token):
        from deep_translator.exceptions import BaseError, RequestError, TooManyRequests, TranslationNotFound

        _install_bounded_requests()
        translator = self._make(source, target)
        _local.provider, _local.token = self, token
        try:
            return [self._one(translator, text) for text in texts]
        except ProviderError:
            raise
        except TooManyRequests:
            raise self.client.fail("quota", "HTTP 429") from None
        except (
            TranslationNotFound,
            RequestError,
            BaseError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
        ) as exc:
            raise self.client.fail("garbage", type(exc).__name__) from None
        finally:
            _local.provider = _local.token = None

    def _one(self, translator, text: str) -> str:
        if not text.strip():
            return text
        result = translator.translate(text)
        if not isinstance(result, str):
            raise self.client.fail("garbage", N_("empty answer"))
        return result


def _google_codes() -> dict[str, str]:
    from deep_translator.constants import GOOGLE_LANGUAGES_TO_CODES

    return _table_codes(GOOGLE_LANGUAGES_TO_CODES, {"prs": "fa", "kmr": "ku"})


class Google(_DeepTranslatorProvider):
    """Google Translate's public web page through deep-translator (no key)."""

    name = "google"
    label = "Google"
    needs_key = False
    default_url = "https://translate.google.com/m"
    price_per_million_chars = 0.0
    codes = _google_codes()

    def _make(self, source, target):
        from deep_translator import GoogleTranslator

        translator = GoogleTranslator(source=source, target=target)
        translator._base_url = self.url
        return translator


# Microsoft Translator's languages (Lotse code -> service code); deep-translator would ask the
# internet for them on every construction, without a timeout.
_MICROSOFT = {
    c: c
    for c in [
        "af",
        "ar",
        "bg",
        "bn",
        "bs",
        "ca",
        "cs",
        "cy",
        "da",
        "de",
        "el",
        "en",
        "es",
        "et",
        "fa",
        "fi",
        "fr",
        "ga",
        "he",
        "hi",
        "hr",
        "hu",
        "hy",
        "id",
        "is",
        "it",
        "ja",
        "ka",
        "kk",
        "ko",
        "ku",
        "lt",
        "lv",
        "mk",
        "ml",
        "nb",
        "nl",
        "pl",
        "ps",
        "pt",
        "ro",
        "ru",
        "sk",
        "sl",
        "so",
        "sq",
        "sr",
        "sv",
        "sw",
        "ta",
        "th",
        "ti",
        "tr",
        "uk",
        "ur",
        "vi",
        "zh",
    ]
}
_MICROSOFT |= {"prs": "prs", "kmr": "kmr", "ku": "kmr", "zh": "zh-Hans"}


class Microsoft(_DeepTranslatorProvider):
    name = "microsoft"
    label = "Microsoft"
    default_url = "https://api.cognitive.microsofttranslator.com/translate?api-version=3.0"
    price_per_million_chars = 10.0
    codes = _MICROSOFT

    def _make(self, source, target):
        from deep_translator import MicrosoftTranslator

        class _Bounded(MicrosoftTranslator):
            def _get_supported_languages(inner):  # noqa: N805 - known before sending, no request
                return {code: code for code in set(_MICROSOFT.values())}

        translator = _Bounded(source=source, target=target, api_key=self.key, region=self.config.region)
        translator._base_url = self.url
        return translator

    def _check_response(self, response):
        if response.status_code >= 400:
            try:
                message = str(response.json().get("error", {}).get("message", ""))
            except (ValueError, AttributeError):
                message = ""
            raise self._refused(response, message)


def _mymemory_codes() -> dict[str, str]:
    from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES

    return _table_codes(MY_MEMORY_LANGUAGES_TO_CODES, {"prs": "fa-IR"})


class MyMemory(_DeepTranslatorProvider):
    name = "mymemory"
    label = "MyMemory"
    needs_key = False
    default_url = "https://api.mymemory.translated.net/get"
    price_per_million_chars = 0.0
    codes = _mymemory_codes()

    def _make(self, source, target):
        from deep_translator import MyMemoryTranslator

        translator = MyMemoryTranslator(source=source, target=target)
        translator._base_url = self.url
        return translator

    def _check_response(self, response):
        super()._check_response(response)
        try:
            data = response.json()
        except ValueError:
            raise self.client.fail("garbage", N_("not JSON")) from None
        status = data.get("responseStatus") if isinstance(data, dict) else None
        details = str((data or {}).get("responseDetails", "")) if isinstance(data, dict) else ""
        if str(status) in ("429", "403") or "USED ALL AVAILABLE FREE TRANSLATIONS" in details.upper():
            raise self.client.fail("quota", details[:120] or f"Status {status}")


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
