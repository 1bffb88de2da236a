"""The interface language: strings are written in English in the code as ``_("…")``
and translated to German from ``resources/i18n/de.po`` (a gettext catalogue, read with
Babel; `python -m ui.i18n_check` lists strings that have no German yet).

The language is chosen once at start (from the settings) before any window is built,
like gettext's ``install``: this is the one piece of process-wide state in ui/, because
every widget needs it and Qt's own translators are process-wide too.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from importlib import resources as importlib_resources
from pathlib import Path

SUPPORTED = ("de", "en")
_state = {"language": "de", "catalog": None}


def catalog_path(language: str) -> Path:
    return Path(str(importlib_resources.files("resources") / "i18n" / f"{language}.po"))


def load_catalog(language: str) -> dict[str, str]:
    """The translations of the .po file. Babel parses it once per version of the file (about
    0.1 s, at every start in German); the result is kept as JSON under the file's hash."""
    path = catalog_path(language)
    if not path.exists():
        return {}
    data = path.read_bytes()
    cached = _cache_path(language, hashlib.sha1(data).hexdigest())
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    from babel.messages.pofile import read_po

    messages = {m.id: m.string for m in read_po(io.BytesIO(data)) if m.id and m.string and not m.fuzzy}
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(messages, ensure_ascii=False), encoding="utf-8")
        partial.replace(cached)  # whole or not at all, also with two programs starting at once
    except OSError:
        pass  # a read-only cache folder: parse again next time
    return messages


def _cache_path(language: str, digest: str) -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("Lotse", appauthor=False) / "i18n" / f"{language}-{digest[:16]}.json"


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
