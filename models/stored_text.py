"""A message kept in the database as its msgid and values (JSON), rendered when it is shown in
whatever the interface language is then: an import's to-do ("E-mail “x@y” is not valid, the
field stays empty") is not stored as German and English text.

Values that are messages themselves keep their msgid too; words with their own forms per
language (``Localized``: a sheet's column heading, a CLDR name) are kept in every interface
language, as they cannot be made again without the code that chose them."""

from __future__ import annotations

from typing import Any

from .i18n import SUPPORTED, Joined, Localized, Message, Text, Verbatim


def text_to_json(text: object) -> Any:
    """A message (or a value in one) as plain JSON."""
    if isinstance(text, Message):
        return {"msgid": text.msgid, "values": {k: text_to_json(v) for k, v in text.values.items()}}
    if isinstance(text, Joined):
        return {"joined": [text_to_json(p) for p in text.parts], "separator": text.separator}
    if isinstance(text, Verbatim):
        return {"verbatim": text.text}
    if isinstance(text, Localized):
        return {"localized": {code: text.render(code) for code in SUPPORTED}}
    if text is None or isinstance(text, str | int | float | bool):
        return text
    return str(text)


def text_from_json(data: Any) -> Text:
    """What :func:`text_to_json` kept, to render; anything unexpected is shown as it is."""
    value = _value(data)
    if isinstance(value, Message | Joined | Verbatim | Localized):
        return value
    return Verbatim("" if value is None else str(value))


def _value(data: Any) -> object:
    if not isinstance(data, dict):
        return data
    if isinstance(data.get("msgid"), str):
        values = data.get("values")
        found = values.items() if isinstance(values, dict) else ()
        return Message(data["msgid"], **{str(k): _value(v) for k, v in found})
    if isinstance(data.get("joined"), list):
        return Joined([_value(p) for p in data["joined"]], str(data.get("separator", " ")))
    if isinstance(data.get("verbatim"), str):
        return Verbatim(data["verbatim"])
    if isinstance(data.get("localized"), dict):
        words = {str(k): str(v) for k, v in data["localized"].items()}
        return Localized(lambda code: words.get(code) or next(iter(words.values()), ""))
    return Verbatim(str(data))
