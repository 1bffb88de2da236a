"""What every translation service is to Lotse: a ``Provider`` with its configuration, its
languages (known before anything is sent), one bounded HTTP client (timeout, retries, rate
limit) and the way a refusal becomes a ``ProviderError``. The services are in providers.py
(LibreTranslate, DeepL, the registry) and via_deep_translator.py (Google, Microsoft, MyMemory)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
            # require() has made sure both codes are known
            result = self._translate(chunk, self.code(source) or source, self.code(target) or target, token)
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

    def _json(self, response: requests.Response) -> Any:
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
