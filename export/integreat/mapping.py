"""From Integreat's API objects to Lotse's region, categories, organizations, offers, information
pages and events.

From the CMS's own output: every page is an information page (the whole tree, see
``content_mapping``), every place an offer with address, contacts and opening hours, every
event an event; the CMS's ids, per-language slugs and ``last_updated`` are kept. From a
package Lotse wrote (it carries ``lotse/`` files with what the API has no field for:
statuses, summaries, target groups...): top-level pages are categories and the pages below
them offers again (a place and a page with the same slug are one offer), so importing it
gives back the same data. Translations are joined through ``available_languages``. Text is
cleaned as on every save (scripts and foreign markup go).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import unquote

from models.bidi import LRM
from models.i18n import N_, Message
from models.richtext import clean_html, clean_plain, html_to_text
from models.slugs import slugify, unique_slug

from .content_mapping import NewEvent, NewPage, map_events, map_pages
from .objects import ICONS, MACHINE_CLASS
from .reader import IntegreatData, ReadError, norm_path

_NOTICE = re.compile(r'<p class="' + MACHINE_CLASS + r'">.*?</p>', re.S)
_ICON_BACK = {v: k for k, v in reversed(list(ICONS.items()))}
TITLE_MAX = 500
SUMMARY_MAX = 500


@dataclass
class NewText:
    title: str
    summary: str
    content: str
    status: str  # source / approved / checked / machine
    # the CMS's identity of this translation (kept for paths, links and deliveries)
    slug: str | None = None
    cms_id: int | None = None
    updated_at: datetime | None = None
    # a place's contacts' areas of responsibility in this language (by position)
    contact_areas: list[str] = field(default_factory=list)


@dataclass
class NewOffer:
    slug: str
    category: str | None  # category slug
    organization: str | None  # organization slug
    facts: dict
    texts: dict[str, NewText] = field(default_factory=dict)


@dataclass
class NewLanguage:
    code: str
    bcp47_tag: str
    native_name: str
    direction: str
    source_code: str | None


@dataclass
class ImportPlan:
    region: dict
    languages: list[NewLanguage]
    municipalities: list[dict]
    categories: list[dict]  # slug, icon, color, position, names
    organizations: list[dict]  # slug, name, website
    offers: list[NewOffer]
    imprint_html: str
    warnings: list[Message]
    events_skipped: int = 0
    pages: list[NewPage] = field(default_factory=list)  # parents before children
    events: list[NewEvent] = field(default_factory=list)


def _text(value, limit: int | None = None) -> str:
    text = clean_plain(html_lib.unescape(value)) if isinstance(value, str) else ""
    return text[:limit] if limit else text


def _content(value) -> str:
    if not isinstance(value, str):
        return ""
    return clean_html(_NOTICE.sub("", value).replace(LRM, ""))


def _number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _int(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _str_or_none(value, limit: int = 500) -> str | None:
    return value.strip()[:limit] or None if isinstance(value, str) else None


def _only_tree(data: IntegreatData, root: str, tree_paths: set[str]) -> IntegreatData:
    """The data with only the information pages of a package Lotse wrote (``lotse/pages.json``)."""

    def is_tree(code: str, path: str, item: dict) -> bool:
        if code == root:
            return path in tree_paths
        links = item.get("available_languages")
        link = links.get(root) if isinstance(links, dict) else None
        return isinstance(link, dict) and norm_path(link.get("path")) in tree_paths

    pages = {
        code: {p: i for p, i in items.items() if is_tree(code, p, i)} for code, items in data.pages.items()
    }
    return IntegreatData(pages=pages, events=data.events, region_slugs=data.region_slugs)


def _moment(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else None
    except ValueError:
        return None


def _summary_from(content: str) -> str:
    text = html_to_text(content).replace("\n", " ")
    if len(text) <= 200:
        return text
    cut = text[:200].rsplit(" ", 1)[0]
    return cut + " …"


def _hours(days) -> list[dict] | None:
    """The app's opening hours back to Lotse's (7 days, Monday first), or None."""
    if not isinstance(days, list) or len(days) != 7:
        return None
    out = []
    for day in days:
        if not isinstance(day, dict):
            return None
        slots = []
        for slot in day.get("timeSlots") or []:
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


def _contacts(items) -> list[dict]:
    out = []
    for c in items if isinstance(items, list) else []:
        if isinstance(c, dict):
            contact = {
                "area_of_responsibility": _str_or_none(c.get("area_of_responsibility")),
                "name": _str_or_none(c.get("name")),
                "email": _str_or_none(c.get("email")),
                "phone": _str_or_none(c.get("phone_number")),
                "mobile": _str_or_none(c.get("mobile_number")),
                "website": _str_or_none(c.get("website")),
            }
            if any(contact.values()):
                out.append(contact)
    return out


def _choose_region(data: IntegreatData, slug: str | None) -> dict:
    wanted = slug or (next(iter(sorted(data.region_slugs))) if len(data.region_slugs) == 1 else None)
    if wanted is None and data.region_slugs:
        raise ReadError(
            N_(
                "The data holds several regions ({items}); name one with --region.",
                items=", ".join(sorted(data.region_slugs)),
            ),
        )
    region = next((r for r in data.regions if norm_path(r.get("path")) == wanted), None)
    if region is None:
        if not wanted:
            raise ReadError(N_("No region found in the data."))
        data.warn(
            N_("No region data for “{wanted}”; name and languages taken from the paths.", wanted=wanted),
        )
        region = {"path": wanted, "name": wanted, "languages": []}
    return region


def _languages(data: IntegreatData, region: dict) -> list[NewLanguage]:
    candidates = region.get("languages")
    if not isinstance(candidates, list) or not candidates:
        candidates = data.languages if isinstance(data.languages, list) else []
    listed = [lang for lang in candidates if isinstance(lang, dict) and lang.get("code")]
    codes_with_content = set(data.pages) | set(data.places)
    by_code = {str(lang["code"]).lower()[:20]: lang for lang in listed}
    for code in sorted(codes_with_content - set(by_code)):
        by_code[code] = {"code": code}
    order = list(by_code)
    root = "de" if "de" in by_code else order[0]
    sources = {}
    if data.lotse_offers:
        sources = {
            lang.get("code"): lang.get("source")
            for lang in data.lotse_offers.get("languages", [])
            if isinstance(lang, dict)
        }
    out = []
    for code in [root] + [c for c in order if c != root]:
        entry = by_code[code]
        source = None if code == root else (sources.get(code) if sources.get(code) in by_code else root)
        direction = "rtl" if entry.get("dir") == "RIGHT_TO_LEFT" else "ltr"
        out.append(
            NewLanguage(
                code,
                str(entry.get("bcp47_tag") or code)[:35],
                _text(entry.get("native_name"), 100) or code,
                direction,
                source,
            )
        )
    return out


def build_import_plan(data: IntegreatData, region_slug: str | None = None) -> ImportPlan:
    region = _choose_region(data, region_slug)
    slug = slugify(str(region.get("path") or ""), fallback="region", max_length=100)
    languages = _languages(data, region)
    root = languages[0].code
    side_offers = (data.lotse_offers or {}).get("offers", {}) if data.lotse_offers else {}
    warnings = list(data.warnings)

    # categories: from Lotse's own file, else from the top-level pages
    categories: list[dict] = []
    category_by_path: dict[str, str] = {}
    side_categories = (data.lotse_offers or {}).get("categories") if data.lotse_offers else None
    taken_categories: set[str] = set()
    # From the CMS, pages are information pages (the whole tree, below); from a package Lotse
    # wrote, its category and offer pages are Lotse's categories and offers again.
    from_cms = not data.lotse_offers
    tree_paths = set(data.lotse_pages or []) if not from_cms else set()
    root_pages = (
        {} if from_cms else {p: i for p, i in data.pages.get(root, {}).items() if p not in tree_paths}
    )
    if isinstance(side_categories, list):
        for c in side_categories:
            if isinstance(c, dict) and isinstance(c.get("slug"), str):
                cslug = unique_slug(
                    slugify(c["slug"], fallback="kategorie", max_length=100), taken_categories
                )
                taken_categories.add(cslug)
                categories.append(
                    {
                        "slug": cslug,
                        "icon": _str_or_none(c.get("icon"), 100),
                        "color": c.get("color")
                        if re.match(r"^#[0-9A-Fa-f]{6}$", str(c.get("color")))
                        else "#4A6FA5",
                        "position": _int(c.get("position")),
                        "names": {str(k)[:20]: _text(v, 200) for k, v in (c.get("names") or {}).items()},
                    }
                )
    existing = {c["slug"] for c in categories}
    page_parent = {
        path: norm_path((p.get("parent") or {}).get("path")) if isinstance(p.get("parent"), dict) else ""
        for path, p in root_pages.items()
    }
    has_children = {parent for parent in page_parent.values() if parent}
    tops = [path for path, parent in page_parent.items() if not parent and path in has_children]
    for path in sorted(tops, key=lambda p: (_int(root_pages[p].get("order")), p)):
        segment = path.strip("/").split("/")[-1]
        cslug = slugify(segment, fallback="kategorie", max_length=100)
        if cslug not in existing:
            cslug = unique_slug(cslug, taken_categories)
            taken_categories.add(cslug)
            existing.add(cslug)
            categories.append(
                {
                    "slug": cslug,
                    "icon": None,
                    "color": "#4A6FA5",
                    "position": len(categories),
                    "names": {root: _text(root_pages[path].get("title"), 200) or cslug},
                }
            )
        category_by_path[path] = cslug

    def top_of(path: str) -> str | None:
        seen = set()
        while page_parent.get(path) and path not in seen:
            seen.add(path)
            path = page_parent[path]
        return path if path in category_by_path else None

    # category names in the other languages, from their top pages
    names_by_slug = {c["slug"]: c["names"] for c in categories}
    for code, pages in data.pages.items():
        if code == root:
            continue
        for page in pages.values():
            link = (
                (page.get("available_languages") or {}).get(root)
                if isinstance(page.get("available_languages"), dict)
                else None
            )
            if isinstance(link, dict) and norm_path(link.get("path")) in category_by_path:
                names = names_by_slug[category_by_path[norm_path(link.get("path"))]]
                names.setdefault(code, _text(page.get("title"), 200))

    # offers: every page below a top page, every leaf top page, every place
    offers: dict[str, NewOffer] = {}  # key: the last path segment in the root language
    root_key_of: dict[tuple[str, str], str] = {}  # (kind, root path) -> offer key
    taken_offers: set[str] = set()
    organizations: dict[str, dict] = {}

    def offer_for(key: str) -> NewOffer:
        if key not in offers:
            oslug = unique_slug(slugify(key, fallback="angebot", max_length=190), taken_offers)
            taken_offers.add(oslug)
            offers[key] = NewOffer(slug=oslug, category=None, organization=None, facts={"state": "published"})
        return offers[key]

    def organization(value) -> str | None:
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            return None
        oslug = slugify(str(value.get("slug") or value["name"]), fallback="traeger", max_length=100)
        organizations.setdefault(
            oslug,
            {
                "slug": oslug,
                "name": _text(value["name"], 300) or oslug,
                "website": _str_or_none(value.get("website")),
            },
        )
        return oslug

    content_lost = []
    for path, page in sorted(root_pages.items()):
        if path in has_children and not page_parent[path]:
            if html_to_text(_content(page.get("content"))).strip() and not data.lotse_offers:
                content_lost.append(_text(page.get("title"), 80))
            continue
        key = path.strip("/").split("/")[-1]
        offer = offer_for(key)
        top = top_of(path)
        offer.category = category_by_path.get(top) if top and top != path else None
        offer.organization = organization(page.get("organization")) or offer.organization
        root_key_of[("page", path)] = key
    category_by_name = {c["names"].get(root, "").casefold(): c["slug"] for c in categories}
    for path, place in sorted(data.places.get(root, {}).items()):
        key = path.strip("/").split("/")[-1]
        offer = offer_for(key)
        root_key_of[("place", path)] = key
        location = place.get("location") if isinstance(place.get("location"), dict) else {}
        offer.facts.update(
            {
                "cms_id": location.get("id") if from_cms and isinstance(location.get("id"), int) else None,
                "street": _str_or_none(location.get("address")),
                "postcode": _str_or_none(location.get("postcode"), 10),
                "town": _str_or_none(location.get("town")),
                "latitude": _number(location.get("latitude")),
                "longitude": _number(location.get("longitude")),
                "contacts": _contacts(place.get("contacts")),
                "opening_hours": _hours(place.get("opening_hours")),
                "appointment_url": _str_or_none(place.get("appointment_url")),
                "barrier_free": place.get("barrier_free")
                if isinstance(place.get("barrier_free"), bool)
                else None,
            }
        )
        offer.organization = organization(place.get("organization")) or offer.organization
        category = place.get("category") if isinstance(place.get("category"), dict) else {}
        if offer.category is None and isinstance(category.get("name"), str):
            name_key = _text(category["name"]).casefold()
            if name_key not in category_by_name:
                cslug = unique_slug(
                    slugify(category["name"], fallback="kategorie", max_length=100), taken_categories
                )
                taken_categories.add(cslug)
                color = str(category.get("color") or "")
                color = color if re.match(r"^#[0-9A-Fa-f]{6}$", color) else "#4A6FA5"
                categories.append(
                    {
                        "slug": cslug,
                        "icon": _ICON_BACK.get(
                            str(category.get("icon")), _str_or_none(category.get("icon"), 100)
                        ),
                        "color": color,
                        "position": len(categories),
                        "names": {root: _text(category["name"], 200)},
                    }
                )
                category_by_name[name_key] = cslug
            offer.category = category_by_name[name_key]

    # texts in every language
    default_status = "checked"

    def add_text(code: str, key: str, item: dict) -> None:
        offer = offers[key]
        title = _text(item.get("title"), TITLE_MAX)
        content = _content(item.get("content"))
        texts = data.lotse_texts.get(code)
        side = texts.get(key) if isinstance(texts, dict) else None
        side = side if isinstance(side, dict) else {}
        summary = (
            _text(side.get("summary"), SUMMARY_MAX)
            if "summary" in side
            else (_text(item.get("meta_description"), SUMMARY_MAX) or _summary_from(content))
        )
        status = "source" if code == root else str(side.get("status") or default_status)
        if status not in ("source", "approved", "checked", "machine"):
            status = default_status
        previous = offer.texts.get(code)
        if previous is None:
            segments = [s for s in unquote(str(item.get("path") or "")).split("/") if s]
            offer.texts[code] = NewText(
                title,
                summary,
                content,
                status,
                slug=segments[-1][:200] if from_cms and len(segments) >= 3 else None,
                cms_id=item.get("id") if from_cms and isinstance(item.get("id"), int) else None,
                updated_at=_moment(item.get("last_updated")) if from_cms else None,
                contact_areas=[
                    c.get("area_of_responsibility") or "" for c in _contacts(item.get("contacts"))
                ],
            )
        else:
            if not previous.summary and summary:
                previous.summary = summary
            if not previous.contact_areas:  # the place's contacts (its page has none)
                previous.contact_areas = [
                    c.get("area_of_responsibility") or "" for c in _contacts(item.get("contacts"))
                ]

    root_items = {"page": root_pages, "place": data.places.get(root, {})}
    # links from the root items to their translations: (kind, code, path) -> offer key
    linked: dict[tuple[str, str, str], str] = {}
    for (kind, path), key in root_key_of.items():
        add_text(root, key, root_items[kind][path])
        links = root_items[kind][path].get("available_languages")
        for code, link in links.items() if isinstance(links, dict) else []:
            if isinstance(link, dict):
                linked[(kind, code, norm_path(link.get("path")))] = key
    for kind, source in (("page", {} if from_cms else data.pages), ("place", data.places)):
        for code, items in source.items():
            if code == root:
                continue
            for path, item in items.items():
                links = (
                    item.get("available_languages")
                    if isinstance(item.get("available_languages"), dict)
                    else {}
                )
                link = links.get(root)
                root_path = norm_path(link.get("path")) if isinstance(link, dict) else ""
                if kind == "page" and root_path in tree_paths:
                    continue  # an information page (below)
                if kind == "page" and root_path in category_by_path:
                    continue  # a category page: its name was taken above
                key = root_key_of.get((kind, root_path)) or linked.get((kind, code, path))
                if key is None:
                    warnings.append(
                        N_(
                            "{code}: “{text}” belongs to no {root} item; skipped.",
                            code=code,
                            text=_text(item.get("title"), 60),
                            root=root,
                        )
                    )
                    continue
                add_text(code, key, item)

    # Lotse's own facts where the package has them
    for key, offer in offers.items():
        side = side_offers.get(key) if isinstance(side_offers, dict) else None
        if not isinstance(side, dict):
            continue
        for name in ("languages_spoken", "target_groups"):
            if isinstance(side.get(name), list):
                offer.facts[name] = [str(v)[:50] for v in side[name]]
        offer.facts["cost"] = _str_or_none(side.get("cost"))
        for name in ("valid_from", "valid_until"):
            try:
                offer.facts[name] = (
                    date.fromisoformat(side[name]) if isinstance(side.get(name), str) else None
                )
            except ValueError:
                offer.facts[name] = None
        if side.get("opening_hours") is None or (
            isinstance(side.get("opening_hours"), list) and len(side["opening_hours"]) == 7
        ):
            offer.facts["opening_hours"] = side.get("opening_hours")
        if isinstance(side.get("contacts"), list):
            offer.facts["contacts"] = [
                {
                    k: _str_or_none(c.get(k))
                    for k in ("area_of_responsibility", "name", "email", "phone", "mobile", "website")
                }
                for c in side["contacts"]
                if isinstance(c, dict)
            ]
        if isinstance(side.get("category"), str) and side["category"] in {c["slug"] for c in categories}:
            offer.category = side["category"]
        if isinstance(side.get("organization"), str) and side["organization"] in organizations:
            offer.organization = side["organization"]

    kept = [o for o in offers.values() if root in o.texts and o.texts[root].title]
    for o in offers.values():
        if o not in kept:
            warnings.append(N_("“{slug}” has no title in {root}; skipped.", slug=o.slug, root=root))
    if content_lost:
        warnings.append(
            N_(
                "The text of these category pages was not imported (Lotse categories have no text): {items}",
                items=", ".join(content_lost),
            )
        )

    def status_of(code: str, key: str) -> str:
        status = data.lotse_statuses.get(code, {}).get(key)
        return status if status in ("approved", "checked", "machine") else default_status

    pages: list[NewPage] = []
    if from_cms or tree_paths:
        pages, page_warnings = map_pages(
            _only_tree(data, root, tree_paths) if tree_paths else data, root, _content, status_of
        )
        warnings.extend(page_warnings)
        for page in pages:
            page.organization = organization(page.organization)
    events, event_warnings = map_events(data, root, _content, status_of)
    warnings.extend(event_warnings)
    imprint = data.imprints.get(root)
    box = region.get("bounding_box")
    bounding = None
    if (
        isinstance(box, list)
        and len(box) == 2
        and all(isinstance(p, list) and len(p) == 2 and all(_number(v) is not None for v in p) for p in box)
    ):
        bounding = (tuple(map(float, box[0])), tuple(map(float, box[1])))
    aliases = region.get("aliases") if isinstance(region.get("aliases"), dict) else {}
    return ImportPlan(
        region={
            "slug": slug,
            "name": _text(region.get("name"), 200) or slug,
            "prefix": _str_or_none(region.get("prefix"), 100),
            "name_without_prefix": _str_or_none(region.get("name_without_prefix"), 200),
            "postcode": _str_or_none(region.get("plz"), 10),
            "latitude": _number(region.get("latitude")),
            "longitude": _number(region.get("longitude")),
            "bounding_box": bounding,
        },
        languages=languages,
        municipalities=list(
            {
                _text(name, 200): {
                    "name": _text(name, 200),
                    "latitude": _number(v.get("latitude")),
                    "longitude": _number(v.get("longitude")),
                }
                for name, v in sorted(aliases.items())
                if isinstance(v, dict) and _text(name, 200)
            }.values()
        ),
        categories=categories,
        organizations=sorted(organizations.values(), key=lambda o: o["slug"]),
        offers=kept,
        imprint_html=_content(imprint.get("content")) if isinstance(imprint, dict) else "",
        warnings=warnings,
        pages=pages,
        events=events,
    )
