"""The one language path for every word a person reads (window, command line, reports, errors).

Texts are written in English in the code and translated through one gettext catalogue per
interface language (``resources/i18n/de.po``, ``resources/i18n/en.po``; the English one may
override wording, an empty entry keeps the English text). Two ways in:

- ``_("Save")`` translates now, into the interface language: for the window, which draws its
  words when it is built and again when the language changes (``ui.i18n``).
- ``N_("The database {path} is damaged.", path=path)`` is a ``Message``: the English text and
  its values, translated only when shown (``str(message)`` or ``message.render(language)``).
  desktop/, export/ and models/ hand these to the edge (errors, findings, reports), which
  renders them in the interface language of the window or the command line.

The interface language lives here and only here (``language()`` / ``set_language()``), like
gettext's ``install``: the window sets it from the settings, the command line from
``LOTSE_LANG``/``LANG``. No Qt, no database: models/ and export/ may use it.
``python -m ui.i18n_check --update`` collects new texts into both catalogues.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Protocol

SUPPORTED = ("de", "en")
SOURCE_LANGUAGE = "en"  # the language of the msgids in the code
_state: dict[str, str] = {"language": "de"}
_catalogs: dict[str, dict[str, str]] = {}


class Renderable(Protocol):
    def render(self, language: str | None = None) -> str: ...


def language() -> str:
    """The interface language (``de`` or ``en``)."""
    return _state["language"]


def set_language(code: str | None) -> str:
    """Switch the interface language for everything rendered from now on; returns it."""
    chosen = code if code in SUPPORTED else "de"
    _state["language"] = chosen
    return chosen


def language_from_environment() -> str:
    """The language for the command line: English if LOTSE_LANG or the locale says so."""
    for var in ("LOTSE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "de"
    return "de"


def translate(msgid: str, language_code: str | None = None) -> str:
    """``msgid`` in the given (default: the interface) language; the English text if untranslated."""
    code = language_code or _state["language"]
    catalog = _catalogs.get(code)
    if catalog is None:
        catalog = _catalogs[code] = load_catalog(code)
    return catalog.get(msgid) or msgid


def _(msgid: str) -> str:
    """The text in the interface language, now."""
    return translate(msgid)


class Message:
    """A text to show later: the English msgid with ``{name}`` placeholders and their values.
    Values may themselves be messages (rendered in the same language)."""

    __slots__ = ("msgid", "values")

    def __init__(self, msgid: str, /, **values: object) -> None:
        self.msgid = msgid
        self.values = values

    def render(self, language_code: str | None = None) -> str:
        text = translate(self.msgid, language_code)
        if not self.values:
            return text
        return text.format(**{key: _value(value, language_code) for key, value in self.values.items()})

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.msgid!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.msgid, self.values) == (other.msgid, other.values)

    def __hash__(self) -> int:
        return hash(self.msgid)


N_ = Message  # the marker the catalogue tool extracts, like gettext's N_()


class Joined:
    """Messages shown one after another with a separator (``"; "``, a line break, …)."""

    __slots__ = ("parts", "separator")

    def __init__(self, parts: Iterable[object], separator: str = "; ") -> None:
        self.parts = list(parts)
        self.separator = separator

    def render(self, language_code: str | None = None) -> str:
        return self.separator.join(render(part, language_code) for part in self.parts)

    def __str__(self) -> str:
        return self.render()


class Verbatim:
    """A text that is shown as it is in every language (a name, a server's own message)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, language_code: str | None = None) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


class Localized:
    """A value that has its own words per language (a language's name in CLDR, a category's
    names in the database): ``Localized(lambda language: display_name(code, language))``."""

    __slots__ = ("words",)

    def __init__(self, words: Callable[[str], str]) -> None:
        self.words = words

    def render(self, language_code: str | None = None) -> str:
        return self.words(language_code or _state["language"])

    def __str__(self) -> str:
        return self.render()


def _value(value: object, language_code: str | None) -> object:
    """A message's value as it goes into the text: words rendered, numbers kept for their format."""
    return (
        value.render(language_code) if isinstance(value, Message | Joined | Verbatim | Localized) else value
    )


def render(value: object, language_code: str | None = None) -> str:
    """A message, a list of them or a plain value as text in the given language."""
    if isinstance(value, Message | Joined | Verbatim | Localized):
        return value.render(language_code)
    return str(value)


def catalog_path(language_code: str) -> Path:
    return Path(str(importlib_resources.files("resources") / "i18n" / f"{language_code}.po"))


def load_catalog(language_code: str) -> dict[str, str]:
    """The translations of the .po file. Babel parses it once per version of the file (about
    0.1 s, at every start in German); the result is kept as JSON under the file's hash."""
    path = catalog_path(language_code)
    if not path.exists():
        return {}
    data = path.read_bytes()
    cached = _cache_path(language_code, hashlib.sha1(data).hexdigest())
    try:
        loaded: dict[str, str] = json.loads(cached.read_text(encoding="utf-8"))
        return loaded
    except (OSError, ValueError):
        pass
    from babel.messages.pofile import read_po

    messages = {
        str(m.id): str(m.string)
        for m in read_po(io.BytesIO(data))
        if m.id and m.string and not m.fuzzy and isinstance(m.id, str)
    }
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(messages, ensure_ascii=False), encoding="utf-8")
        partial.replace(cached)  # whole or not at all, also with two programs starting at once
    except OSError:
        pass  # a read-only cache folder: parse again next time
    return messages


def _cache_path(language_code: str, digest: str) -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("Lotse", appauthor=False) / "i18n" / f"{language_code}-{digest[:16]}.json"


def reload_catalogs() -> None:
    """Forget the loaded catalogues (after ``i18n_check --update`` wrote new ones)."""
    _catalogs.clear()


Text = Message | Joined | Verbatim | Localized


class MessageError(Exception):
    """An error whose message is a ``Message``, rendered where it is shown (window, command
    line); ``str(error)`` is the English text (for logs and tracebacks)."""

    def __init__(self, text: Text | str) -> None:
        self.text: Text = (
            text if isinstance(text, Message | Joined | Verbatim | Localized) else Verbatim(text)
        )
        super().__init__(self.text.render("en"))

    def message(self, language_code: str | None = None) -> str:
        return self.text.render(language_code)

    @property
    def de(self) -> str:
        return self.text.render("de")

    @property
    def en(self) -> str:
        return self.text.render("en")
