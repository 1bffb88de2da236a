"""The Integreat app's own rules, on top of the format rules in validate.py.

Taken from the app's mappers and JSON types (digitalfabrik/integreat-app,
``shared/src/api/types.ts``, ``shared/src/api/endpoints/*`` and ``mapping/*``) and the CMS's
place-category constants (``integreat_cms/cms/constants/placecategory.py``): where the app's
type says ``string`` a ``null`` breaks the list it is in, a date luxon cannot parse breaks it,
``bounding_box[0]`` and ``[1]`` are spread, a place's marker is the sprite ``<icon>_<color>``
of the CMS's icons and palette. Images are downloaded for offline use by URL, so every image
URL must be absolute, and one under the package's base URL must be a file of the package.

``check_file(relpath, value, context)`` checks one file of the tree (as the publish writes it
or ``lotse publish verify`` reads it); problems carry severity "error" (the publish stops) or
"warning" (listed in the report with the reason).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from models.i18n import N_

from .validate import PackageProblem, _Checker, _label, valid_date

CMS_COLORS = (
    "#3700D2", "#2E98FB", "#1DC6C6", "#3F8F01", "#07DC03", "#F2DA04",
    "#C38E03", "#FF7C32", "#FF3333", "#EE36DC", "#A258FF", "#585858",
)  # fmt: skip
CMS_ICONS = frozenset(
    "advice culture daily_routine education finance gastronomy health house leisure media medical_aid "
    "meeting_point mental_health mobility office other other_help service shelter shopping structure".split()
)
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})
_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']*)["']""", re.I)
_STRING = (str,)
_OPTIONAL = (str, type(None))


@dataclass
class AppContext:
    """What the rules need beyond one file: where the package is served and what it holds."""

    base_url: str
    present: set[str] = field(default_factory=set)  # relative paths of the package's files
    local_preview: bool = False


_HEAD = re.compile(r"[^:/?#]*://[^/?#]*")  # scheme and host: all that decides the answer


def is_loopback(url: str) -> bool:
    head = _HEAD.match(url)
    return _is_loopback(head.group(0) if head else url)


@lru_cache(maxsize=4096)  # a package's links share a few hosts; urlsplit for each cost seconds
def _is_loopback(url: str) -> bool:
    try:
        return (urlsplit(url).hostname or "").lower() in LOOPBACK
    except ValueError:
        return False


class _AppChecker(_Checker):
    def __init__(self, file: str, context: AppContext):
        super().__init__(file)
        self.context = context

    def types(self, item: str, obj: dict, spec: dict[str, tuple], prefix: str = "") -> None:
        for key, types in spec.items():
            value = obj.get(key) if isinstance(obj, dict) else None
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                what = "null" if value is None else type(value).__name__
                self.add(
                    item,
                    prefix + key,
                    N_(
                        "the app needs {types}, not {what}",
                        types=" | ".join(t.__name__.replace("NoneType", "null") for t in types),
                        what=what,
                    ),
                )

    def link(self, item: str, name: str, value, *, required: bool = False) -> None:
        """A URL the app opens or shows: absolute, with a scheme, not this computer."""
        if value is None and not required:
            return
        if not isinstance(value, str) or not re.match(r"^https?://[^\s/]+", value):
            self.add(
                item,
                name,
                N_("{value!r} is not an absolute URL with http(s)://", value=value),
            )
        elif is_loopback(value) and not self.context.local_preview:
            self.add(
                item,
                name,
                N_(
                    "{value} points at this computer (publish with the real base URL, or as a local preview)",
                    value=value,
                ),
            )

    def image(self, item: str, name: str, value, *, required: bool = False) -> None:
        """An image URL: absolute; when under the base URL, a file of the package."""
        if value is None and not required:
            return
        if value == "" and not required:
            self.add(item, name, N_("empty: use null or an image"))
            return
        before = len(self.problems)
        self.link(item, name, value, required=True)
        if len(self.problems) > before:
            return
        base = self.context.base_url.rstrip("/") + "/"
        if value.startswith(base):
            relpath = unquote(urlsplit(value).path)[len(urlsplit(base).path) :]
            if relpath not in self.context.present:
                self.add(
                    item,
                    name,
                    N_("{value} is not in the package", value=value),
                )
        elif value.startswith("http://") and not self.context.local_preview:
            self.add(
                item,
                name,
                N_("{value} is not https: the app may not load it", value=value),
                "warning",
            )

    def organization(self, item: str, org) -> None:
        if org is None:
            return
        if not isinstance(org, dict):
            self.add(item, "organization", N_("must be an object or null"))
            return
        self.types(item, org, {"name": _STRING, "website": _STRING, "logo": _STRING}, "organization.")
        self.link(
            item, "organization.website", org.get("website"), required=isinstance(org.get("website"), str)
        )
        if isinstance(org.get("logo"), str):
            self.image(item, "organization.logo", org["logo"], required=True)

    def content_images(self, item: str, html) -> None:
        for src in _IMG_SRC.findall(html if isinstance(html, str) else ""):
            if src.startswith("data:"):
                continue
            self.image(item, "content <img src>", src, required=True)

    def document(self, item: str, obj: dict) -> None:
        """What every page, place and event share (ExtendedDocumentModel)."""
        self.types(item, obj, {"path": _STRING, "title": _STRING, "content": _STRING})
        self.link(item, "url", obj.get("url"), required=True)
        if not valid_date(obj.get("last_updated")):
            self.add(item, "last_updated", N_("not a date luxon reads"))
        self.image(item, "thumbnail", obj.get("thumbnail"))
        available = obj.get("available_languages")
        if not isinstance(available, dict):
            self.add(item, "available_languages", N_("must be an object"))
        else:
            for code, entry in available.items():
                if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
                    self.add(item, f"available_languages.{code}.path", N_("needs a path"))
                elif entry.get("url") is not None:
                    self.link(item, f"available_languages.{code}.url", entry["url"])
        self.content_images(item, obj.get("content"))


def _page(c: _AppChecker, page) -> None:
    label = _label(page)
    if not isinstance(page, dict):
        c.add(label, "(object)", N_("must be an object"))
        return
    c.document(label, page)
    c.types(label, page, {"order": (int,), "embedded_offers": (list,)})
    parent = page.get("parent")
    if not isinstance(parent, dict):
        c.add(label, "parent", N_("must be an object"))
    else:
        c.types(label, parent, {"id": (int,), "path": _OPTIONAL}, "parent.")
        c.link(label, "parent.url", parent.get("url"))
    c.organization(label, page.get("organization"))
    for index, offer in enumerate(page.get("embedded_offers") or []):
        spec = {"alias": _STRING, "name": _STRING, "url": _STRING, "thumbnail": _STRING}
        c.types(label, offer, spec, f"embedded_offers[{index}].")


def _category(c: _AppChecker, label: str, category, prefix: str = "category.") -> None:
    if not isinstance(category, dict):
        c.add(label, prefix.rstrip("."), N_("must be an object"))
        return
    c.types(label, category, {"id": (int,), "name": _STRING, "color": _STRING, "icon": _STRING}, prefix)
    color, icon = category.get("color"), category.get("icon")
    if isinstance(color, str) and color.upper() not in CMS_COLORS:
        c.add(
            label,
            prefix + "color",
            N_(
                "{color} is not a colour of the CMS's palette: the map has no marker {icon}_{color}",
                color=color,
                icon=icon,
            ),
        )
    if isinstance(icon, str) and icon not in CMS_ICONS:
        c.add(
            label,
            prefix + "icon",
            N_("“{icon}” is not an icon name of the CMS: the map has no marker for it", icon=icon),
        )
    c.image(label, prefix + "icon_url", category.get("icon_url"), required=True)


def _place(c: _AppChecker, place) -> None:
    label = _label(place)
    if not isinstance(place, dict):
        c.add(label, "(object)", N_("must be an object"))
        return
    c.document(label, place)
    c.types(label, place, {"excerpt": _STRING, "meta_description": _OPTIONAL, "temporarily_closed": (bool,)})
    c.types(label, place, {"appointment_url": _OPTIONAL, "contacts": (list,)})
    c.link(label, "appointment_url", place.get("appointment_url"))
    if place.get("barrier_free") not in (True, False, None):
        c.add(label, "barrier_free", N_("must be true, false or null"))
    if "organization" not in place:
        c.add(label, "organization", N_("key is missing (the app crashes)"))
    c.organization(label, place.get("organization"))
    location = place.get("location")
    if isinstance(location, dict):
        text = {k: _STRING for k in ("name", "address", "town", "postcode", "country")}
        c.types(
            label,
            location,
            {"id": (int,), **text, "latitude": (int, float), "longitude": (int, float)},
            "location.",
        )
    else:
        c.add(label, "location", N_("must be an object"))
    _category(c, label, place.get("category"))
    for index, contact in enumerate(place.get("contacts") or []):
        if isinstance(contact, dict):
            c.link(label, f"contacts[{index}].website", contact.get("website"))


def _event(c: _AppChecker, event) -> None:
    label = _label(event)
    if not isinstance(event, dict):
        c.add(label, "(object)", N_("must be an object"))
        return
    c.document(label, event)
    c.types(label, event, {"excerpt": _STRING, "location_path": _OPTIONAL, "meeting_url": _OPTIONAL})
    c.link(label, "meeting_url", event.get("meeting_url"))
    info = event.get("event")
    if isinstance(info, dict):
        c.types(label, info, {"all_day": (bool,), "only_weekdays": (bool,)}, "event.")
        for key in ("start", "end"):
            if not valid_date(info.get(key)):
                c.add(label, f"event.{key}", N_("not a date luxon reads"))
    else:
        c.add(label, "event", N_("must be an object"))
    location = event.get("location")
    if not isinstance(location, dict):
        c.add(label, "location", N_("must be an object (with id null without a place)"))
    elif location.get("id") is not None:
        text = {k: _STRING for k in ("name", "address", "town", "postcode", "country")}
        c.types(label, location, {**text, "latitude": (int, float), "longitude": (int, float)}, "location.")
    rule = event.get("recurrence_rule")
    if rule is not None and (not isinstance(rule, str) or "RRULE:" not in rule):
        c.add(
            label,
            "recurrence_rule",
            N_("must be null or DTSTART…\\nRRULE:…"),
        )


def _region(c: _AppChecker, region) -> None:
    label = str(region.get("name", "")) if isinstance(region, dict) else ""
    if not isinstance(region, dict):
        c.add(label, "(object)", N_("must be an object"))
        return
    c.types(
        label, region, {"name": _STRING, "path": _STRING, "name_without_prefix": _STRING, "prefix": _OPTIONAL}
    )
    c.types(label, region, {"languages": (list,)})
    for key in ("latitude", "longitude"):
        if not isinstance(region.get(key), (int, float)) or isinstance(region.get(key), bool):
            c.add(
                label,
                key,
                N_("no number: the app cannot place the region on the map or sort it by distance"),
                "warning",  # the CMS allows a region without coordinates
            )
    c.types(label, region, {"zammad_privacy_policy": _OPTIONAL})
    box = region.get("bounding_box")
    if not (
        isinstance(box, list)
        and len(box) == 2
        and all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(v, (int, float)) for v in p) for p in box
        )
    ):
        c.add(
            label,
            "bounding_box",
            N_("the app spreads bounding_box[0] and [1]: needs [[lon, lat], [lon, lat]]"),
        )
    for index, language in enumerate(region.get("languages") or []):
        c.types(label, language, {"code": _STRING, "native_name": _STRING}, f"languages[{index}].")


def _news(c: _AppChecker, items, *, local: bool) -> None:
    for item in items:
        label = str(item.get("title", "")) if isinstance(item, dict) else ""
        spec = {"title": _STRING, ("message" if local else "content"): _STRING}
        c.types(label, item, spec)
        if not valid_date(item.get("display_date") if isinstance(item, dict) else None):
            c.add(label, "display_date", N_("not a date luxon reads"))


def check_file(relpath: str, value, context: AppContext) -> list[PackageProblem]:
    """The app's rules for one file of the package's tree (``api/v3/…``)."""
    c = _AppChecker(relpath, context)
    parts = relpath.split("/")
    if parts[:2] != ["api", "v3"] or len(parts) < 4:
        return []
    if parts[2] == "regions":
        for region in value if isinstance(value, list) else [value]:
            _region(c, region)
        return c.problems
    if len(parts) < 6:
        return c.problems
    kind = parts[4]
    # children/, parents/ and page/ hold the same page objects as pages/: checked there once
    if kind == "pages":
        for page in value if isinstance(value, list) else []:
            _page(c, page)
    elif kind in ("imprint", "disclaimer") and value is not None:
        if isinstance(value, dict):
            c.document(_label(value), value)
        else:
            c.add("", "(object)", N_("must be an object or null"))
    elif kind == "locations":
        for place in value if isinstance(value, list) else []:
            _place(c, place)
    elif kind == "location-categories":
        for category in value if isinstance(value, list) else []:
            _category(c, str(category.get("name", "")) if isinstance(category, dict) else "", category, "")
    elif kind == "events":
        for event in value if isinstance(value, list) else []:
            _event(c, event)
    elif kind in ("news", "fcm"):
        _news(c, value if isinstance(value, list) else [], local=kind == "fcm")
    return c.problems


def errors_of(problems: list[PackageProblem]) -> list[PackageProblem]:
    return [p for p in problems if p.severity != "warning"]
