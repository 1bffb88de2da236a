"""Words from CLDR that the window shows at every start (language names in the interface
language, weekday names) and that a flyer prints (a language's own names and direction, weekday
and month names, the date pattern, the digits), kept as JSON once Babel has read them.

Babel loads a locale's whole CLDR data (with its parent's) to answer one name: for the
interface language that was 4 MiB of the window's memory for a few dozen words (issue 20,
round 5). The words are kept per interface language under Babel's version; a word not kept yet
is asked of Babel and added. Nothing here is typed by hand: every word is Babel's.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import babel

# Raise when what a key means changes (what the caller asks Babel for under it).
FORMAT = 1

_lock = threading.Lock()
_kept: dict[str, dict[str, str | list[str]]] = {}  # interface language -> key -> word(s)


def cldr_words(language: str, key: str, ask: Callable[[], str | list[str]]) -> str | list[str]:
    """The word(s) kept under ``key`` for this interface language; ``ask`` (Babel) only when
    none are kept yet, and its answer kept from then on."""
    with _lock:
        words = _kept.get(language)
        if words is None:
            words = _kept[language] = _read(language)
        found = words.get(key)
    if found is not None:
        return found
    answer = ask()
    with _lock:
        words[key] = answer
        _write(language, dict(words))
    return answer


def cache_path(language: str) -> Path:
    from platformdirs import user_cache_path

    name = f"{language}-babel{babel.__version__}-{FORMAT}.json"
    return user_cache_path("Lotse", appauthor=False) / "cldr" / name


def _read(language: str) -> dict[str, str | list[str]]:
    try:
        loaded = json.loads(cache_path(language).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _write(language: str, words: dict[str, str | list[str]]) -> None:
    path = cache_path(language)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")
        partial.write_text(json.dumps(words, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)  # whole or not at all, also with two programs starting at once
    except OSError:
        pass  # a read-only cache folder: Babel is asked again next time


def forget() -> None:
    """Drop what this process keeps (tests: the file is read again)."""
    with _lock:
        _kept.clear()
