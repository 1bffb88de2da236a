"""Checks the package's JSON against the rules of Integreat's API v3 (integreat-format.md).

The app maps each list in one go: one bad object (a date luxon cannot parse, a
slot ending before it starts, a missing key) makes the whole list fail. So the
package is checked before it is written, and every problem names the file, the
item (title and path) and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote

from models.i18n import N_, Message

RESERVED = frozenset({"search", "imprint", "events", "news", "places", "locations", "disclaimer"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")

REGION_KEYS = {
    "id": int,
    "name": str,
    "path": str,
    "live": bool,
    "prefix": (str, type(None)),
    "name_without_prefix": str,
    "plz": str,
    "extras": bool,
    "events": bool,
    "pois": bool,
    "push_notifications": bool,
    "longitude": (int, float, type(None)),
    "latitude": (int, float, type(None)),
    "bounding_box": list,
    "aliases": (dict, type(None)),
    "tunews": bool,
    "external_news": bool,
    "languages": list,
    "is_chat_enabled": bool,
}
LANGUAGE_KEYS = {"id": int, "code": str, "bcp47_tag": str, "native_name": str, "dir": str}
_ITEM = {
    "id": (int, type(None)),
    "url": str,
    "path": str,
    "title": str,
    "modified_gmt": str,
    "last_updated": str,
    "excerpt": str,
    "content": str,
    "available_languages": dict,
    "thumbnail": (str, type(None)),
}
PAGE_KEYS = {
    **_ITEM,
    "parent": dict,
    "order": int,
    "organization": (dict, type(None)),
    "embedded_offers": list,
    "hash": (str, type(None)),
}
PLACE_KEYS = {
    **_ITEM,
    "meta_description": (str, type(None)),
    "icon": (str, type(None)),
    "category": dict,
    "temporarily_closed": bool,
    "opening_hours": (list, type(None)),
    "appointment_url": (str, type(None)),
    "location": dict,
    "hash": (str, type(None)),
    "organization": (dict, type(None)),
    "barrier_free": (bool, type(None)),
}
IMPRINT_KEYS = {**_ITEM}
LOCATION_KEYS = {
    "id": (int, type(None)),
    "name": (str, type(None)),
    "address": (str, type(None)),
    "town": (str, type(None)),
    "postcode": (str, type(None)),
    "latitude": (int, float),
    "longitude": (int, float),
}
CATEGORY_KEYS = {
    "id": int,
    "name": str,
    "color": str,
    "icon": (str, type(None)),
    "icon_url": (str, type(None)),
}
CONTACT_KEYS = ("area_of_responsibility", "name", "email", "phone_number", "mobile_number", "website")
DAY_KEYS = {"allDay": bool, "closed": bool, "appointmentOnly": bool, "timeSlots": list}


@dataclass(frozen=True)
class PackageProblem:
    file: str
    item: str  # "title (path)" or ""
    field: str
    problem: Message
    severity: str = "error"  # or "warning": the app shows it, but not as meant

    def text(self) -> Message:
        where = (
            N_("{file}: “{item}”, {field}", file=self.file, item=self.item, field=self.field)
            if self.item
            else N_("{file}: {field}", file=self.file, field=self.field)
        )
        if self.severity == "warning":
            return N_("warning: {where}: {problem}", where=where, problem=self.problem)
        return N_("{where}: {problem}", where=where, problem=self.problem)

    def message(self, lang: str | None = None) -> str:
        return self.text().render(lang)


def valid_date(value) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def normalise_path(path: str) -> str:
    """As the app keys pages: URL-decoded, lower case."""
    return unquote(path).lower()


class _Checker:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[PackageProblem] = []

    def add(self, item: str, field: str, problem: Message, severity: str = "error") -> None:
        self.problems.append(PackageProblem(self.file, item, field, problem, severity))

    def keys(self, item: str, obj, spec: dict, prefix: str = "") -> bool:
        if not isinstance(obj, dict):
            self.add(item, prefix.rstrip(".") or "(object)", N_("must be an object"))
            return False
        for key, types in spec.items():
            if key not in obj:
                self.add(item, prefix + key, N_("key is missing"))
            elif not isinstance(obj[key], types) or (
                isinstance(obj[key], bool) and bool not in _tuple(types)
            ):
                self.add(
                    item,
                    prefix + key,
                    N_("wrong type {__name__}", __error=type(obj[key]).__name__),
                )
        return True

    def date(self, item: str, field: str, value) -> None:
        if not valid_date(value):
            self.add(
                item,
                field,
                N_("{value!r} is not an ISO 8601 date with T and offset", value=value),
            )

    def url(self, item: str, field: str, value, *, required_scheme: bool = True) -> None:
        if value is None or value == "":
            return
        if not isinstance(value, str) or not re.match(r"^https?://[^\s/]+", value):
            self.add(
                item,
                field,
                N_("{value!r} is not an absolute http(s) URL", value=value),
            )


def _tuple(types) -> tuple:
    return types if isinstance(types, tuple) else (types,)


def _label(obj) -> str:
    if not isinstance(obj, dict):
        return ""
    return f"{obj.get('title', '')} ({obj.get('path', '')})"


def check_region(region, file: str = "regions") -> list[PackageProblem]:
    c = _Checker(file)
    label = str(region.get("name", "")) if isinstance(region, dict) else ""
    if c.keys(label, region, REGION_KEYS):
        for index, language in enumerate(region.get("languages") or []):
            if c.keys(label, language, LANGUAGE_KEYS, f"languages[{index}]."):
                if language.get("dir") not in ("LEFT_TO_RIGHT", "RIGHT_TO_LEFT"):
                    c.add(
                        label,
                        f"languages[{index}].dir",
                        N_("must be LEFT_TO_RIGHT or RIGHT_TO_LEFT"),
                    )
        box = region.get("bounding_box")
        if box not in ([], None) and not (
            isinstance(box, list)
            and len(box) == 2
            and all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(v, (int, float)) for v in p)
                for p in box
            )
        ):
            c.add(
                label,
                "bounding_box",
                N_("must be [[lon_min, lat_min], [lon_max, lat_max]]"),
            )
    return c.problems


def _check_item(c: _Checker, obj, spec: dict, region: str, lang: str, seen: dict[str, str]) -> str | None:
    label = _label(obj)
    if not c.keys(label, obj, spec):
        return None
    for field in ("last_updated", "modified_gmt"):
        if field in obj:
            c.date(label, field, obj[field])
    path = obj.get("path")
    if isinstance(path, str):
        segments = path.strip("/").split("/")
        if (
            not (path.startswith("/") and path.endswith("/"))
            or len(segments) < 3
            or any(not s for s in segments)
        ):
            c.add(
                label,
                "path",
                N_("{path!r} is not /{region}/{lang}/slug/", path=path, region=region, lang=lang),
            )
        elif segments[0] != region or segments[1] != lang:
            c.add(
                label,
                "path",
                N_("{path!r} does not start with /{region}/{lang}/", path=path, region=region, lang=lang),
            )
        key = normalise_path(path)
        if key in seen:
            c.add(
                label,
                "path",
                N_("same path as “{value}” after the app's normalisation", value=seen[key]),
            )
        seen[key] = label
    c.url(label, "thumbnail", obj.get("thumbnail"))
    available = obj.get("available_languages")
    if isinstance(available, dict):
        for code, link in available.items():
            if not isinstance(link, dict) or not isinstance(link.get("path"), str):
                c.add(
                    label,
                    f"available_languages.{code}",
                    N_("needs an object with a path"),
                )
    return label


def check_pages(pages, region: str, lang: str, file: str = "pages") -> list[PackageProblem]:
    c = _Checker(file)
    if not isinstance(pages, list):
        c.add("", "(list)", N_("pages must be a list"))
        return c.problems
    seen: dict[str, str] = {}
    for page in pages:
        label = _check_item(c, page, PAGE_KEYS, region, lang, seen)
        if label is None:
            continue
        path = page.get("path")
        if isinstance(path, str):
            segments = path.strip("/").split("/")
            if len(segments) == 3 and segments[2].lower() in RESERVED:
                c.add(
                    label,
                    "path",
                    N_("“{value}” is reserved by the app and cannot be a page", value=segments[2]),
                )
    for page in pages:
        if not isinstance(page, dict) or not isinstance(page.get("parent"), dict):
            continue
        parent_path = page["parent"].get("path")
        if parent_path is not None and normalise_path(str(parent_path)) not in seen:
            c.add(
                _label(page),
                "parent",
                N_("parent page {parent_path} is not in the list", parent_path=parent_path),
            )
    return c.problems


def check_opening_hours(c: _Checker, label: str, days) -> None:
    if days is None:
        return
    if not isinstance(days, list) or len(days) != 7:
        c.add(
            label,
            "opening_hours",
            N_("needs exactly 7 days, Monday first"),
        )
        return
    for index, day in enumerate(days):
        prefix = f"opening_hours[{index}]."
        if not c.keys(label, day, DAY_KEYS, prefix):
            continue
        for n, slot in enumerate(day.get("timeSlots") or []):
            where = f"{prefix}timeSlots[{n}]"
            if not isinstance(slot, dict):
                c.add(label, where, N_("must be an object"))
                continue
            start, end = slot.get("start"), slot.get("end")
            if not (
                isinstance(start, str) and _HHMM.match(start) and isinstance(end, str) and _HHMM.match(end)
            ):
                c.add(
                    label,
                    where,
                    N_("{start!r}–{end!r} is not HH:MM–HH:MM", start=start, end=end),
                )
            elif end <= start:
                c.add(
                    label,
                    where,
                    N_("{start}–{end} ends before it starts (split at midnight)", start=start, end=end),
                )
            if "timezone" in slot and not isinstance(slot["timezone"], str):
                c.add(
                    label,
                    where + ".timezone",
                    N_("must be a time zone name"),
                )


def check_places(places, region: str, lang: str, file: str = "locations") -> list[PackageProblem]:
    c = _Checker(file)
    if not isinstance(places, list):
        c.add("", "(list)", N_("places must be a list"))
        return c.problems
    seen: dict[str, str] = {}
    for place in places:
        label = _check_item(c, place, PLACE_KEYS, region, lang, seen)
        if label is None:
            continue
        c.keys(label, place.get("location"), LOCATION_KEYS, "location.")
        if not isinstance(place.get("contacts", []), list):  # older CMS versions sent none
            c.add(label, "contacts", N_("must be a list"))
        category = place.get("category")
        if c.keys(label, category, CATEGORY_KEYS, "category.") and not _COLOR.match(
            str(category.get("color"))
        ):
            c.add(
                label,
                "category.color",
                N_("{get!r} is not #RRGGBB", get=category.get("color")),
            )
        for index, contact in enumerate(place.get("contacts") or []):
            if not isinstance(contact, dict) or any(
                not isinstance(contact.get(k), (str, type(None))) for k in CONTACT_KEYS
            ):
                c.add(label, f"contacts[{index}]", N_("needs string or null values"))
        check_opening_hours(c, label, place.get("opening_hours"))
    return c.problems


def check_imprint(imprint, region: str, lang: str, file: str = "imprint") -> list[PackageProblem]:
    c = _Checker(file)
    if imprint is not None:
        _check_item(c, imprint, IMPRINT_KEYS, region, lang, {})
    return c.problems


def check_list(value, file: str) -> list[PackageProblem]:
    if isinstance(value, list):
        return []
    return [PackageProblem(file, "", "(list)", N_("must be a list"))]
