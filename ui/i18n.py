"""The interface language: strings are written in English in the code as ``_("…")``
and translated to German from ``resources/i18n/de.po`` (a gettext catalogue, read with
Babel; `python -m ui.i18n_check` lists strings that have no German yet).

The language is chosen once at start (from the settings) before any window is built,
like gettext's ``install``: this is the one piece of process-wide state in ui/, because
every widget needs it and Qt's own translators are process-wide too.
"""
from __future__ import annotations

from importlib import resources as importlib_resources
from pathlib import Path

from babel.messages.pofile import read_po

SUPPORTED = ("de", "en")
_state = {"language": "de", "catalog": None}


def catalog_path(language: str) -> Path:
    return Path(str(importlib_resources.files("resources") / "i18n" / f"{language}.po"))


def load_catalog(language: str) -> dict[str, str]:
    path = catalog_path(language)
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def set_language(language: str) -> None:
    language = language if language in SUPPORTED else "de"
    _state["language"] = language
    _state["catalog"] = load_catalog(language) if language != "en" else {}


def language() -> str:
    return _state["language"]


def _(message: str) -> str:
    """The message in the interface language (English when no translation exists)."""
    if _state["catalog"] is None:
        set_language(_state["language"])
    return _state["catalog"].get(message, message)
