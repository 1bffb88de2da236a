"""The small values every API v3 object shares: ids, dates in the CMS's form, opening hours,
contacts, excerpts, the machine-translation notice and the CMS's place category icons."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from models.hours import format_hhmm, parse_hhmm, split_at_midnight, week_from_json
from models.richtext import excerpt as plain_excerpt

from .app_assets import CMS_ICON_FOR
from .snapshot import OfferSnap

TIMEZONE = "Europe/Berlin"
_ZONE = ZoneInfo(TIMEZONE)
# Category pages have no translation row of their own: their ids live above the offers'.
CATEGORY_PAGE_BASE = 1_000_000_000
# The ids Lotse gives what it made itself (an offer's page, its own information pages and
# events, and their texts): its row id from here on. Imported pages and events keep the ids the
# CMS gave them (a PostgreSQL serial, far below), so in a region mixing both no id is used
# twice, and an item keeps its id from one publish to the next.
OWN_ID_BASE = 1_100_000_000


def own_id(row_id: int) -> int:
    """The package id of something Lotse made, from its row id (stable, above every CMS id)."""
    return OWN_ID_BASE + row_id


UNCATEGORISED_NAMES = {"de": "Weitere Angebote", "en": "More offers"}
MACHINE_CLASS = "lotse-machine-translation"
MACHINE_NOTICE = {
    "de": "Maschinell übersetzt.",
    "en": "Machine translated.",
    "ar": "ترجمة آلية.",
    "fa": "ترجمهٔ ماشینی.",
    "prs": "ترجمهٔ ماشینی.",
    "ps": "ماشيني ژباړه.",
    "uk": "Машинний переклад.",
    "ru": "Машинный перевод.",
    "tr": "Makine çevirisi.",
    "fr": "Traduction automatique.",
    "ku": "Wergera makîneyê.",
    "ti": "ብማሽን ዝተተርጎመ።",
}
# Lotse's category icons (qtawesome names) -> the Integreat CMS's place category icons
# (the importer reads it backwards).
ICONS = {k: v for k, v in CMS_ICON_FOR.items() if k.startswith("fa5s.")}


def excerpt_of(html: str) -> str:
    """The content without tags, on one line (the CMS's excerpt); escaped markup in the text
    never turns back into tags here."""
    return plain_excerpt(html)


def api_date(moment: datetime) -> tuple[str, str]:
    """(last_updated in local time with offset, modified_gmt in UTC with Z), milliseconds."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(_ZONE).isoformat(timespec="milliseconds")
    gmt = moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return local, gmt


def opening_hours(days: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
    """Seven days in the app's shape, Monday first; overnight slots split at midnight."""
    if days is None:
        return None
    out = []
    for day in split_at_midnight(week_from_json(days) or []):
        slots = []
        for slot in day.slots:
            # 24:00 ends the day as 23:59 (what the CMS uses); a slot with no length left is dropped.
            start, end = min(parse_hhmm(slot.start), 1439), min(parse_hhmm(slot.end), 1439)
            if end > start:
                slots.append({"start": format_hhmm(start), "end": format_hhmm(end), "timezone": TIMEZONE})
        out.append(
            {
                "allDay": day.all_day,
                "closed": day.closed and not day.all_day and not slots,
                "appointmentOnly": day.appointment_only,
                "timeSlots": slots,
            }
        )
    return out


def contact_object(c: dict[str, Any], area: str | None = None) -> dict[str, Any]:
    """A contact as the app reads it; ``area``: its area of responsibility in the page's language."""
    return {
        "area_of_responsibility": area or c.get("area_of_responsibility"),
        "name": c.get("name"),
        "email": c.get("email"),
        "phone_number": c.get("phone"),
        "mobile_number": c.get("mobile"),
        "website": c.get("website"),
        "opening_hours": None,
        "appointment_url": None,
    }


def first_contact(offer: OfferSnap) -> dict[str, Any]:
    """The first contact's website, email and phone (deprecated fields older app versions read)."""
    first = offer.contacts[0] if offer.contacts else {}
    return {
        "website": first.get("website"),
        "email": first.get("email"),
        "phone_number": first.get("phone"),
    }
