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

import re
from datetime import date
from urllib.parse import unquote

from models.i18n import N_
from models.richtext import html_to_text
from models.slugs import slugify, unique_slug

from .api_values import ICONS
from .content_mapping import NewPage, map_events, map_pages
from .import_plan import ImportPlan, NewOffer, NewText
from .import_region import choose_region, municipalities_of, plan_languages, region_facts
from .import_values import (
    contacts_of,
    content_of,
    hours_of,
    int_of,
    moment_of,
    number_of,
    str_or_none,
    summary_from,
    text_of,
)
from .reader import IntegreatData, norm_path

_ICON_BACK = {v: k for k, v in reversed(list(ICONS.items()))}
TITLE_MAX = 500
SUMMARY_MAX = 500


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


def build_import_plan(data: IntegreatData, region_slug: str | None = None) -> ImportPlan:
    region = choose_region(data, region_slug)
    slug = slugify(str(region.get("path") or ""), fallback="region", max_length=100)
    languages = plan_languages(data, region)
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
                        "icon": str_or_none(c.get("icon"), 100),
                        "color": c.get("color")
                        if re.match(r"^#[0-9A-Fa-f]{6}$", str(c.get("color")))
                        else "#4A6FA5",
                        "position": int_of(c.get("position")),
                        "names": {str(k)[:20]: text_of(v, 200) for k, v in (c.get("names") or {}).items()},
                    }
                )
    existing = {c["slug"] for c in categories}
    page_parent = {
        path: norm_path((p.get("parent") or {}).get("path")) if isinstance(p.get("parent"), dict) else ""
        for path, p in root_pages.items()
    }
    has_children = {parent for parent in page_parent.values() if parent}
    tops = [path for path, parent in page_parent.items() if not parent and path in has_children]
    for path in sorted(tops, key=lambda p: (int_of(root_pages[p].get("order")), p)):
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
                    "names": {root: text_of(root_pages[path].get("title"), 200) or cslug},
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
                names.setdefault(code, text_of(page.get("title"), 200))

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
                "name": text_of(value["name"], 300) or oslug,
                "website": str_or_none(value.get("website")),
            },
        )
        return oslug

    content_lost = []
    for path, page in sorted(root_pages.items()):
        if path in has_children and not page_parent[path]:
            if html_to_text(content_of(page.get("content"))).strip() and not data.lotse_offers:
                content_lost.append(text_of(page.get("title"), 80))
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
                "street": str_or_none(location.get("address")),
                "postcode": str_or_none(location.get("postcode"), 10),
                "town": str_or_none(location.get("town")),
                "latitude": number_of(location.get("latitude")),
                "longitude": number_of(location.get("longitude")),
                "contacts": contacts_of(place.get("contacts")),
                "opening_hours": hours_of(place.get("opening_hours")),
                "appointment_url": str_or_none(place.get("appointment_url")),
                "barrier_free": place.get("barrier_free")
                if isinstance(place.get("barrier_free"), bool)
                else None,
            }
        )
        offer.organization = organization(place.get("organization")) or offer.organization
        category = place.get("category") if isinstance(place.get("category"), dict) else {}
        if offer.category is None and isinstance(category.get("name"), str):
            name_key = text_of(category["name"]).casefold()
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
                            str(category.get("icon")), str_or_none(category.get("icon"), 100)
                        ),
                        "color": color,
                        "position": len(categories),
                        "names": {root: text_of(category["name"], 200)},
                    }
                )
                category_by_name[name_key] = cslug
            offer.category = category_by_name[name_key]

    # texts in every language
    default_status = "checked"

    def add_text(code: str, key: str, item: dict) -> None:
        offer = offers[key]
        title = text_of(item.get("title"), TITLE_MAX)
        content = content_of(item.get("content"))
        texts = data.lotse_texts.get(code)
        side = texts.get(key) if isinstance(texts, dict) else None
        side = side if isinstance(side, dict) else {}
        summary = (
            text_of(side.get("summary"), SUMMARY_MAX)
            if "summary" in side
            else (text_of(item.get("meta_description"), SUMMARY_MAX) or summary_from(content))
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
                updated_at=moment_of(item.get("last_updated")) if from_cms else None,
                contact_areas=[
                    c.get("area_of_responsibility") or "" for c in contacts_of(item.get("contacts"))
                ],
            )
        else:
            if not previous.summary and summary:
                previous.summary = summary
            if not previous.contact_areas:  # the place's contacts (its page has none)
                previous.contact_areas = [
                    c.get("area_of_responsibility") or "" for c in contacts_of(item.get("contacts"))
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
                            text=text_of(item.get("title"), 60),
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
        offer.facts["cost"] = str_or_none(side.get("cost"))
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
                    k: str_or_none(c.get(k))
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
            _only_tree(data, root, tree_paths) if tree_paths else data, root, content_of, status_of
        )
        warnings.extend(page_warnings)
        for page in pages:
            page.organization = organization(page.organization)
    events, event_warnings = map_events(data, root, content_of, status_of)
    warnings.extend(event_warnings)
    imprint = data.imprints.get(root)
    return ImportPlan(
        region=region_facts(region, slug),
        languages=languages,
        municipalities=municipalities_of(region),
        categories=categories,
        organizations=sorted(organizations.values(), key=lambda o: o["slug"]),
        offers=kept,
        imprint_html=content_of(imprint.get("content")) if isinstance(imprint, dict) else "",
        warnings=warnings,
        pages=pages,
        events=events,
    )
