"""Cleaning the API's values on import: plain text and HTML as on every save, numbers,
dates, opening hours and contacts back to Lotse's shape; anything of the wrong type is empty."""

from __future__ import annotations

import html as html_lib
import re
from datetime import datetime
from typing import Any

from models.bidi import LRM
from models.richtext import clean_html, clean_plain, html_to_text

from .api_values import MACHINE_CLASS

_NOTICE = re.compile(r'<p class="' + MACHINE_CLASS + r'">.*?</p>', re.S)


def text_of(value: Any, limit: int | None = None) -> str:
    text = clean_plain(html_lib.unescape(value)) if isinstance(value, str) else ""
    return text[:limit] if limit else text


def content_of(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return clean_html(_NOTICE.sub("", value).replace(LRM, ""))


def number_of(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def int_of(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def str_or_none(value: Any, limit: int = 500) -> str | None:
    return value.strip()[:limit] or None if isinstance(value, str) else None


def moment_of(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else None
    except ValueError:
        return None


def summary_from(content: str) -> str:
    text = html_to_text(content).replace("\n", " ")
    if len(text) <= 200:
        return text
    cut = text[:200].rsplit(" ", 1)[0]
    return cut + " …"


def hours_of(days: Any) -> list[dict[str, Any]] | None:
    """The app's opening hours back to Lotse's (7 days, Monday first), or None."""
    if not isinstance(days, list) or len(days) != 7:
        return None
    out = []
    for day in days:
        if not isinstance(day, dict):
            return None
        slots = []
        given = day.get("timeSlots")
        for slot in given if isinstance(given, list) else []:  # a hostile file's True or "x" is none
            if (
                isinstance(slot, dict)
                and isinstance(slot.get("start"), str)
                and isinstance(slot.get("end"), str)
            ):
                slots.append([slot["start"][:5], slot["end"][:5]])
        out.append(
            {
                "closed": bool(day.get("closed")),
                "all_day": bool(day.get("allDay")),
                "appointment_only": bool(day.get("appointmentOnly")),
                "slots": slots,
            }
        )
    return out


def contacts_of(items: Any) -> list[dict[str, Any]]:
    out = []
    for c in items if isinstance(items, list) else []:
        if isinstance(c, dict):
            contact = {
                "area_of_responsibility": str_or_none(c.get("area_of_responsibility")),
                "name": str_or_none(c.get("name")),
                "email": str_or_none(c.get("email")),
                "phone": str_or_none(c.get("phone_number")),
                "mobile": str_or_none(c.get("mobile_number")),
                "website": str_or_none(c.get("website")),
            }
            if any(contact.values()):
                out.append(contact)
    return out
