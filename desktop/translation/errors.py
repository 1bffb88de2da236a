"""Errors from translation services: each names the provider and what went wrong,
in German and English, and never contains a key."""

from __future__ import annotations

from ..errors import LotseError

# kind -> (German, English) explanation with what to do
_CAUSES = {
    "network": (
        "keine Verbindung ({detail}). Prüfen Sie die Netzwerkverbindung und die Adresse des Dienstes.",
        "no connection ({detail}). Check the network connection and the service address.",
    ),
    "timeout": (
        "keine Antwort innerhalb von {detail} Sekunden. Der Dienst ist überlastet oder hängt; versuchen Sie es später.",
        "no answer within {detail} seconds. The service is overloaded or stuck; try again later.",
    ),
    "auth": (
        "der Schlüssel wurde abgelehnt ({detail}). Tragen Sie in den Übersetzungseinstellungen den richtigen Schlüssel ein.",
        "the key was refused ({detail}). Enter the right key in the translation settings.",
    ),
    "no_key": ("kein Schlüssel hinterlegt. {detail}", "no key is set. {detail}"),
    "quota": (
        "das Kontingent ist aufgebraucht ({detail}). Warten Sie bis zur nächsten Freigabe oder wählen Sie einen anderen Dienst.",
        "the quota is used up ({detail}). Wait for the next allowance or choose another service.",
    ),
    "budget": (
        "das Jahresbudget an Wörtern ist erreicht ({detail}). Erhöhen Sie es in den Übersetzungseinstellungen.",
        "the yearly word budget is reached ({detail}). Raise it in the translation settings.",
    ),
    "unsupported": (
        "die Sprache wird nicht angeboten ({detail}). Wählen Sie für diese Sprache einen anderen Dienst.",
        "the language is not offered ({detail}). Choose another service for this language.",
    ),
    "server": (
        "der Dienst meldet einen Fehler ({detail}). Versuchen Sie es später noch einmal.",
        "the service reports an error ({detail}). Try again later.",
    ),
    "garbage": (
        "unverständliche Antwort ({detail}). Prüfen Sie, ob die Adresse wirklich auf den Dienst zeigt.",
        "an answer that makes no sense ({detail}). Check that the address really points to the service.",
    ),
    "config": ("{detail}", "{detail}"),
}


class ProviderError(LotseError):
    """A translation service failed; ``kind`` says how (network, timeout, auth, no_key,
    quota, budget, unsupported, server, garbage, config)."""

    def __init__(self, provider: str, kind: str, detail: str = "", detail_en: str | None = None):
        de_cause, en_cause = _CAUSES.get(kind, _CAUSES["server"])
        super().__init__(
            f"Übersetzungsdienst {provider}: " + de_cause.format(detail=detail),
            f"Translation service {provider}: "
            + en_cause.format(detail=detail if detail_en is None else detail_en),
        )
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
            f"{provider} hat geschützte Teile verändert oder weggelassen: {shown}. Der Abschnitt ist markiert.",
            f"{provider} changed or dropped protected parts: {shown}. The segment is flagged.",
        )
        self.missing = missing
