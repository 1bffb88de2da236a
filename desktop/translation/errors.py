"""Errors from translation services: each names the provider and what went wrong,
in German and English, and never contains a key."""

from __future__ import annotations

from models.i18n import N_, Message, Text

from ..errors import LotseError

# kind -> what went wrong and what to do ({detail}: the service's words or ours)
_CAUSES = {
    "network": N_("no connection ({detail}). Check the network connection and the service address."),
    "timeout": N_("no answer within {detail} seconds. The service is overloaded or stuck; try again later."),
    "auth": N_("the key was refused ({detail}). Enter the right key in the translation settings."),
    "no_key": N_("no key is set. {detail}"),
    "quota": N_("the quota is used up ({detail}). Wait for the next allowance or choose another service."),
    "budget": N_("the yearly word budget is reached ({detail}). Raise it in the translation settings."),
    "unsupported": N_("the language is not offered ({detail}). Choose another service for this language."),
    "server": N_("the service reports an error ({detail}). Try again later."),
    "garbage": N_(
        "an answer that makes no sense ({detail}). Check that the address really points to the service."
    ),
}


class ProviderError(LotseError):
    """A translation service failed; ``kind`` says how (network, timeout, auth, no_key,
    quota, budget, unsupported, server, garbage, config)."""

    def __init__(self, provider: str, kind: str, detail: Text | str = ""):
        cause = (
            detail if kind == "config" else Message(_CAUSES.get(kind, _CAUSES["server"]).msgid, detail=detail)
        )
        super().__init__(N_("Translation service {provider}: {cause}", provider=provider, cause=cause))
        self.provider = provider
        self.kind = kind
        self.detail = detail

    # Kinds after which further requests to the same service in this batch are pointless.
    @property
    def stops_provider(self) -> bool:
        return self.kind in ("network", "timeout", "server", "garbage", "auth", "no_key", "quota", "budget")


class PlaceholderDamaged(LotseError):
    """The service changed or dropped a protected part (number, address, term) of a segment."""

    def __init__(self, provider: str, missing: list[str]):
        shown = ", ".join(missing[:3])
        super().__init__(
            N_(
                "{provider} changed or dropped protected parts: {shown}. The segment is flagged.",
                provider=provider,
                shown=shown,
            ),
        )
        self.missing = missing
