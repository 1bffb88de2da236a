"""Google, Microsoft and MyMemory through deep-translator, its requests bounded by our client:
deep-translator's service modules get a stand-in for ``requests`` that sends every get/post
through the calling provider's BoundedClient (timeout, retries, rate limit, cancel)."""

from __future__ import annotations

import threading
from types import ModuleType
from typing import Any

import requests

from models.i18n import N_

from ..tasks import CancelToken
from .errors import ProviderError
from .provider_base import Provider

# ---------------------------------------------------------------------------------------
# Google, Microsoft, MyMemory: through deep-translator, its requests bounded by our client

_local = threading.local()


class _BoundedRequests:
    """Stands in for the ``requests`` module inside deep-translator's service modules:
    every get/post goes through the calling provider's BoundedClient."""

    def __init__(self, real: ModuleType) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        provider: _DeepTranslatorProvider | None = getattr(_local, "provider", None)
        if provider is None:  # not called through a Lotse provider: still never without a timeout
            kwargs.setdefault("timeout", 20)
            real: requests.Response = self._real.request(method, url, **kwargs)
            return real
        kwargs.pop("proxies", None)
        response = provider.client.request(method, url, token=getattr(_local, "token", None), **kwargs)
        provider._check_response(response)
        return response

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self._send("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
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
    def _make(self, source: str, target: str) -> Any:
        raise NotImplementedError

    def _check_response(self, response: requests.Response) -> None:
        if response.status_code >= 400:
            raise self._refused(response, response.text[:200] if response.text else "")

    def _translate(self, texts: list[str], source: str, target: str, token: CancelToken | None) -> list[str]:
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

    def _one(self, translator: Any, text: str) -> str:
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

    def _make(self, source: str, target: str) -> Any:
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

    def _make(self, source: str, target: str) -> Any:
        from deep_translator import MicrosoftTranslator

        class _Bounded(MicrosoftTranslator):  # type: ignore[misc]  # deep-translator has no types
            def _get_supported_languages(inner) -> dict[str, str]:  # noqa: N805 - known before sending, no request
                return {code: code for code in set(_MICROSOFT.values())}

        translator = _Bounded(source=source, target=target, api_key=self.key, region=self.config.region)
        translator._base_url = self.url
        return translator

    def _check_response(self, response: requests.Response) -> None:
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

    def _make(self, source: str, target: str) -> Any:
        from deep_translator import MyMemoryTranslator

        translator = MyMemoryTranslator(source=source, target=target)
        translator._base_url = self.url
        return translator

    def _check_response(self, response: requests.Response) -> None:
        super()._check_response(response)
        try:
            data = response.json()
        except ValueError:
            raise self.client.fail("garbage", N_("not JSON")) from None
        status = data.get("responseStatus") if isinstance(data, dict) else None
        details = str((data or {}).get("responseDetails", "")) if isinstance(data, dict) else ""
        if str(status) in ("429", "403") or "USED ALL AVAILABLE FREE TRANSLATIONS" in details.upper():
            raise self.client.fail("quota", details[:120] or f"Status {status}")
