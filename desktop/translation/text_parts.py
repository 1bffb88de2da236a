"""A text's plain parts by segment key, for the review screen, re-translation and
back-translation: "title", "summary", "cost" and "area:KEY" (the area of responsibility of the
contact with that key, models/contact_keys.py); "content:…" keys are blocks of the HTML
content and handled by their callers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from models.contact_keys import is_key, stored_areas
from models.richtext import clean_plain


class TextParts(Protocol):
    title: str
    summary: str
    content: str
    cost: str

    @property
    def contact_areas(self) -> Mapping[str, str]: ...  # by contact key (read only here)


def text_values(text: TextParts) -> dict[str, Any]:
    """Everything a stored text says, as the writes take it."""
    return {
        "title": text.title,
        "summary": text.summary,
        "content": text.content,
        "cost": text.cost,
        "contact_areas": stored_areas(text.contact_areas),
    }


def area_part(key: str) -> str:
    """The segment key of the area of the contact with ``key``."""
    return f"area:{key}"


def area_key(part: str) -> str | None:
    """The contact's key of an "area:KEY" segment key (None for any other part)."""
    name, _sep, key = part.partition(":")
    return key if name == "area" and is_key(key) else None


def note_values(part: str, contacts: Iterable[Mapping[str, Any] | None] | None) -> dict[str, str]:
    """What a revision's note about one part keeps: the part's key and, for an area, the
    contact's name then (models/revision_notes.py shows "Area of responsibility – NAME")."""
    key = area_key(part)
    names = {str((c or {}).get("key") or ""): str((c or {}).get("name") or "") for c in contacts or ()}
    name = names.get(key or "", "").strip()
    return {"key": part, "contact": name} if name else {"key": part}


def is_plain_part(key: str) -> bool:
    return key in ("title", "summary", "cost") or area_key(key) is not None


def plain_part(text: TextParts, key: str) -> str:
    """The words of one plain part ("" for an area the text does not have)."""
    contact = area_key(key)
    if contact is None:
        return str(getattr(text, key))
    return stored_areas(text.contact_areas).get(contact, "")


def with_plain_part(values: dict[str, Any], key: str, value: str) -> dict[str, Any]:
    """``values`` with one plain part replaced."""
    out = dict(values)
    contact = area_key(key)
    if contact is None:
        out[key] = clean_plain(value)
    else:
        out["contact_areas"] = {**stored_areas(out.get("contact_areas")), contact: clean_plain(value)}
    return out


def plain_parts(text: TextParts, keys: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The cost and each area as (segment key, words): the areas of ``keys`` (the source's, in
    its contacts' order) first, then any other the text has."""
    own = stored_areas(text.contact_areas)
    order = list(dict.fromkeys([*keys, *sorted(own)]))
    return [("cost", text.cost)] + [(area_part(k), own.get(k, "")) for k in order]


def flat_parts(text: TextParts | None) -> dict[str, str]:
    """Every part of a text by key, each one string: title, summary, content, cost, area:KEY …"""
    if text is None:
        return {}
    out = {"title": text.title, "summary": text.summary, "content": text.content, "cost": text.cost or ""}
    out |= {area_part(k): area or "" for k, area in stored_areas(text.contact_areas).items()}
    return out


def values_from_flat(flat: dict[str, str]) -> dict[str, Any]:
    """The stored form of :func:`flat_parts`' dict (the areas as one dict by contact key)."""
    values: dict[str, Any] = {k: flat.get(k, "") for k in ("title", "summary", "content", "cost")}
    values["contact_areas"] = {k: flat[p] for p in flat if (k := area_key(p)) is not None}
    return values
