"""A text's plain parts by segment key, for the review screen, re-translation and
back-translation: "title", "summary", "cost" and "area:3" (contact 4's area of
responsibility); "content:…" keys are blocks of the HTML content and handled by their callers."""

from __future__ import annotations

from typing import Any, Protocol

from models.richtext import clean_plain


class TextParts(Protocol):
    title: str
    summary: str
    content: str
    cost: str
    contact_areas: list[str]


def text_values(text: TextParts) -> dict[str, Any]:
    """Everything a stored text says, as the writes take it."""
    return {
        "title": text.title,
        "summary": text.summary,
        "content": text.content,
        "cost": text.cost,
        "contact_areas": list(text.contact_areas),
    }


def area_index(key: str) -> int | None:
    name, _sep, index = key.partition(":")
    return int(index) if name == "area" and index.isdigit() else None


def is_plain_part(key: str) -> bool:
    return key in ("title", "summary", "cost") or area_index(key) is not None


def plain_part(text: TextParts, key: str) -> str:
    """The words of one plain part ("" for an area the text does not have)."""
    index = area_index(key)
    if index is None:
        return str(getattr(text, key))
    return text.contact_areas[index] if index < len(text.contact_areas) else ""


def with_plain_part(values: dict[str, Any], key: str, value: str) -> dict[str, Any]:
    """``values`` with one plain part replaced (an area beyond the list extends it)."""
    out = dict(values)
    index = area_index(key)
    if index is None:
        out[key] = clean_plain(value)
    else:
        areas = list(out.get("contact_areas") or [])
        areas += [""] * (index + 1 - len(areas))
        areas[index] = clean_plain(value)
        out["contact_areas"] = areas
    return out


def plain_parts(text: TextParts, areas: int | None = None) -> list[tuple[str, str]]:
    """The cost and each area as (key, words); ``areas`` parts at least (the source's count)."""
    count = max(len(text.contact_areas), areas or 0)
    return [("cost", text.cost)] + [(f"area:{i}", plain_part(text, f"area:{i}")) for i in range(count)]


def flat_parts(text: TextParts | None) -> dict[str, str]:
    """Every part of a text by key, each one string: title, summary, content, cost, area:0 …"""
    if text is None:
        return {}
    out = {"title": text.title, "summary": text.summary, "content": text.content, "cost": text.cost or ""}
    out |= {f"area:{i}": area or "" for i, area in enumerate(text.contact_areas or [])}
    return out


def values_from_flat(flat: dict[str, str]) -> dict[str, Any]:
    """The stored form of :func:`flat_parts`' dict (the areas as one list)."""
    values: dict[str, Any] = {k: flat.get(k, "") for k in ("title", "summary", "content", "cost")}
    indexes = sorted(i for i in map(area_index, flat) if i is not None)
    areas = [""] * (indexes[-1] + 1 if indexes else 0)
    for i in indexes:
        areas[i] = flat[f"area:{i}"]
    values["contact_areas"] = areas
    return values
