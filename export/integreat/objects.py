"""The package builder: the API v3 objects (region, languages, pages, places, imprint) for one region.

Field lists follow the Integreat CMS's ``integreat_cms/api/v3`` output and what the
app's mappers read (see ``integreat-format.md``). Every value here comes from the
snapshot and the plan, so the same data gives the same objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

from models.bidi import isolate_ltr_runs_html
from models.contact_keys import KEY

from .api_values import (
    CATEGORY_PAGE_BASE,
    MACHINE_CLASS,
    MACHINE_NOTICE,
    UNCATEGORISED_NAMES,
    api_date,
    contact_object,
    excerpt_of,
    first_contact,
    opening_hours,
    own_id,
)
from .app_assets import ICON_FOLDER, cms_icon, palette_color
from .item_paths import (
    category_path_slugs,
    is_place,
    offer_path_slugs,
    page_segments,
    place_cms_slugs,
    place_segments,
)
from .page_tree import PAGE_ID_KEY
from .policy import Plan
from .region_objects import language_objects, region_object
from .snapshot import CategorySnap, OfferSnap, OrganizationSnap, RegionSnapshot

_PLAIN_PATH = re.compile(r"[A-Za-z0-9/._~-]*")


@dataclass
class Builder:
    snapshot: RegionSnapshot
    plan: Plan
    base_url: str
    thumbnails: dict[int, str]  # offer id -> absolute image URL (-organization id: its logo)
    tiles: dict[int | None, str] = field(default_factory=dict)  # category id -> its page's thumbnail

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        self.root = self.snapshot.root
        self.offers = {o.id: o for o in self.snapshot.offers}
        self.categories = {c.id: c for c in self.snapshot.categories}
        self.organizations = {o.id: o for o in self.snapshot.organizations}
        self.languages = self.plan.languages
        self._included = {code: set(ids) for code, ids in self.plan.included.items()}
        self.category_slugs = category_path_slugs(self.snapshot)
        # Offer slugs are stable (kept across title changes); clean and unique after the app's
        # normalisation (lower case, URL-decoded), in the order the offers were created.
        self.offer_slugs = offer_path_slugs(self.snapshot)
        self.place_slugs = place_cms_slugs(self.snapshot, self.offer_slugs)
        # made once, used by every language's page and place
        self._content: dict[tuple[int, str], tuple[str, str]] = {}
        self._links: dict[tuple[str, int], dict] = {}
        self._hours: dict[int, list | None] = {}
        self._orgs: dict[int, dict] = {}
        self._place_categories: dict[tuple, dict] = {}
        self._last_change = max(
            (t.updated_at for o in self.snapshot.offers for t in o.texts.values()),
            default=datetime(2000, 1, 1, tzinfo=UTC),
        )

    def forget(self, code: str) -> None:
        """Drop what was kept for one language once its files are made (memory)."""
        for key in [k for k in self._content if k[1] == code]:
            del self._content[key]

    # --- paths -------------------------------------------------------------------
    def path(self, code: str, *segments: str) -> str:
        return "/" + "/".join([self.snapshot.slug, code, *segments]) + "/"

    def url(self, path: str) -> str:
        if _PLAIN_PATH.fullmatch(path):
            return self.base_url + path
        return self.base_url + quote(path, safe="/-._~")

    def link(self, item_id: int | None, path: str) -> dict:
        return {"id": item_id, "url": self.url(path), "path": path}

    def category_slug(self, offer: OfferSnap) -> str:
        return self.page_segments(offer)[0]

    def page_segments(self, offer: OfferSnap) -> tuple[str, str]:
        return page_segments(offer, self.category_slugs, self.offer_slugs)

    def item_segments(self, offer: OfferSnap, code: str, kind: str) -> tuple[str, str]:
        if kind == "page":
            return self.page_segments(offer)
        return place_segments(offer, self.offer_slugs, code, self.place_slugs)

    # --- region --------------------------------------------------------------------
    def language_objects(self) -> list[dict]:
        return language_objects(self.snapshot, self.languages)

    def region(self) -> dict:
        return region_object(self.snapshot, self.languages)

    # --- texts ---------------------------------------------------------------------
    def content(self, offer: OfferSnap, code: str) -> tuple[str, str]:
        """(content HTML as published, excerpt), made once per offer and language."""
        key = (offer.id, code)
        if key not in self._content:
            html = self._content_html(offer, code)
            self._content[key] = (html, excerpt_of(html))
        return self._content[key]

    def _content_html(self, offer: OfferSnap, code: str) -> str:
        text = offer.texts[code]
        html = text.content
        if text.status == "machine":
            notice = MACHINE_NOTICE.get(code, MACHINE_NOTICE["en"])
            html = f'<p class="{MACHINE_CLASS}"><em>{notice}</em></p>' + html
        if self.snapshot.language(code).direction == "rtl":
            html = isolate_ltr_runs_html(html)
        return html

    def _offer_languages(self, offer: OfferSnap) -> list[str]:
        return [c for c in self.languages if offer.id in self._included[c]]

    def _available(self, offer: OfferSnap, code: str, kind: str) -> dict:
        key = (kind, offer.id)
        links = self._links.get(key)
        if links is None:
            links = self._links[key] = {
                other: self.link(
                    own_id(offer.texts[other].id) if kind == "page" else offer.texts[other].id,
                    self.path(other, *self.item_segments(offer, other, kind)),
                )
                for other in self._offer_languages(offer)
            }
        return {other: link for other, link in links.items() if other != code}

    def organization(self, offer: OfferSnap) -> dict | None:
        org: OrganizationSnap | None = self.organizations.get(offer.organization_id)
        # The CMS requires a website (and a logo); the app's type has no null for either.
        if org is None or not (org.website or "").strip():
            return None
        if org.id not in self._orgs:
            self._orgs[org.id] = self._organization(org)
        return self._orgs[org.id]

    def _organization(self, org: OrganizationSnap) -> dict:
        logo = self.thumbnails.get(-org.id)
        website = org.website.strip()
        if not website.lower().startswith(("http://", "https://")):
            website = "https://" + website  # "www.verein.de" as typed
        return {"id": org.id, "slug": org.slug, "name": org.name, "logo": logo, "website": website}

    def _dates(self, moment: datetime) -> dict:
        local, gmt = api_date(moment)
        return {"last_updated": local, "modified_gmt": gmt, "published_at": local}

    # --- pages -----------------------------------------------------------------------
    def _groups(self, code: str) -> list[tuple[CategorySnap | None, list[OfferSnap]]]:
        """Categories in their order, each with its offers in this language, by title."""
        groups: dict[int | None, list[OfferSnap]] = {}
        for oid in self.plan.included[code]:
            offer = self.offers[oid]
            if not offer.as_page:
                continue
            key = offer.category_id if offer.category_id in self.categories else None
            groups.setdefault(key, []).append(offer)
        ordered = sorted(self.snapshot.categories, key=lambda c: (c.position, c.slug))
        out = [(c, groups[c.id]) for c in ordered if c.id in groups]
        if None in groups:
            out.append((None, groups[None]))
        for _category, offers in out:
            offers.sort(key=lambda o: (o.texts[code].title.casefold(), o.id))
        return out

    def _category_languages(self, category: CategorySnap | None) -> list[str]:
        key = category.id if category else None
        return [
            c
            for c in self.languages
            if any(
                (self.offers[i].category_id if self.offers[i].category_id in self.categories else None) == key
                for i in self.plan.included[c]
                if self.offers[i].as_page
            )
        ]

    def category_page(
        self, category: CategorySnap | None, code: str, offers: list[OfferSnap], order: int
    ) -> dict:
        slug = self.category_slugs[category.id if category else None]
        page_id = CATEGORY_PAGE_BASE + (category.id if category else 0) * 1000
        language_index = {lang.code: i for i, lang in enumerate(self.snapshot.languages)}
        title = (
            category.name(code, self.root)
            if category
            else UNCATEGORISED_NAMES.get(code, UNCATEGORISED_NAMES["de"])
        )
        path = self.path(code, slug)
        available = {
            other: self.link(page_id + 1 + language_index[other], self.path(other, slug))
            for other in self._category_languages(category)
            if other != code
        }
        newest = max(o.texts[code].updated_at for o in offers)
        return {
            "id": page_id + 1 + language_index[code],
            "url": self.url(path),
            "path": path,
            "title": title,
            **self._dates(newest),
            "excerpt": "",
            "content": "",
            "parent": {"id": 0, "url": None, "path": None},
            "order": order,
            "available_languages": available,
            "thumbnail": self.tiles.get(category.id if category else None),
            "organization": None,
            "embedded_offers": [],
            "hash": None,
            "slug_history": [slug],
            PAGE_ID_KEY: page_id,
        }

    def offer_page(self, offer: OfferSnap, code: str, parent: dict, parent_id: int, order: int) -> dict:
        text = offer.texts[code]
        path = self.path(code, *self.page_segments(offer))
        content, excerpt = self.content(offer, code)
        return {
            "id": own_id(text.id),
            "url": self.url(path),
            "path": path,
            "title": text.title,
            **self._dates(text.updated_at),
            "excerpt": excerpt,
            "content": content,
            "parent": {"id": parent_id, "url": parent["url"], "path": parent["path"]},
            "order": order,
            "available_languages": self._available(offer, code, "page"),
            "thumbnail": self.thumbnails.get(offer.id),
            "organization": self.organization(offer),
            "embedded_offers": [],
            "hash": None,
            "slug_history": [self.offer_slugs[offer.id]],
            # an offer's page id comes from the offer's id, the same in every language
            PAGE_ID_KEY: own_id(offer.id),
        }

    def pages(self, code: str) -> list[dict]:
        out = []
        for order, (category, offers) in enumerate(self._groups(code)):
            page = self.category_page(category, code, offers, order)
            out.append(page)
            page_id = CATEGORY_PAGE_BASE + (category.id if category else 0) * 1000
            out.extend(self.offer_page(o, code, page, page_id, i) for i, o in enumerate(offers))
        return out

    # --- places ------------------------------------------------------------------
    def hours(self, offer: OfferSnap) -> list[dict] | None:
        if offer.id not in self._hours:
            self._hours[offer.id] = opening_hours(offer.opening_hours)
        return self._hours[offer.id]

    def place_category(self, offer: OfferSnap, code: str) -> dict:
        key = (offer.category_id if offer.category_id in self.categories else None, code)
        if key not in self._place_categories:
            self._place_categories[key] = self._place_category(offer, code)
        return self._place_categories[key]

    def _place_category(self, offer: OfferSnap, code: str) -> dict:
        category = self.categories.get(offer.category_id)
        if category is None:
            name, color, icon, cid = (
                UNCATEGORISED_NAMES.get(code, UNCATEGORISED_NAMES["de"]),
                "#2E98FB",
                "other",
                0,
            )
        else:
            name, cid = category.name(code, self.root), category.id
            color, icon = palette_color(category.color), cms_icon(category.icon)
        return {
            "id": cid,
            "name": name,
            "color": color,
            "icon": icon,
            "icon_url": f"{self.base_url}/{ICON_FOLDER}/{icon}.svg",  # shipped in the package
            "icon_color": f"{icon}_{color}",
        }

    def is_place(self, offer: OfferSnap) -> bool:
        return is_place(offer)

    def place(self, offer: OfferSnap, code: str) -> dict:
        text = offer.texts[code]
        segments = self.item_segments(offer, code, "place")
        path = self.path(code, *segments)
        content, excerpt = self.content(offer, code)
        return {
            "id": text.id,
            "url": self.url(path),
            "path": path,
            "title": text.title,
            **self._dates(text.updated_at),
            "meta_description": text.summary,
            "excerpt": excerpt,
            "content": content,
            "contacts": [
                contact_object(c, text.contact_areas.get((c or {}).get(KEY) or "")) for c in offer.contacts
            ],
            # deprecated, but older app versions read them: the first contact's
            **first_contact(offer),
            "appointment_url": offer.appointment_url,
            "available_languages": self._available(offer, code, "place"),
            "icon": None,
            "thumbnail": self.thumbnails.get(offer.id),
            "category": self.place_category(offer, code),
            "temporarily_closed": False,
            "opening_hours": self.hours(offer),
            "location": {
                "id": offer.id,
                "name": text.title,
                "address": offer.street or "",  # strings in the app's type, never null
                "town": offer.town or "",
                "state": None,
                "postcode": offer.postcode or "",
                "region": None,
                "country": "Deutschland",
                "latitude": offer.latitude,
                "longitude": offer.longitude,
            },
            "location_on_map": True,
            "hash": None,
            "organization": self.organization(offer),
            "barrier_free": offer.barrier_free,
            "slug_history": [segments[1]],
        }

    def places(self, code: str) -> list[dict]:
        offers = [self.offers[i] for i in self.plan.included[code] if self.is_place(self.offers[i])]
        return [self.place(o, code) for o in sorted(offers, key=lambda o: self.offer_slugs[o.id])]

    def place_categories(self, code: str) -> list[dict]:
        seen: dict[int, dict] = {}
        for oid in self.plan.included[code]:
            offer = self.offers[oid]
            if self.is_place(offer):
                category = self.place_category(offer, code)
                seen.setdefault(category["id"], category)
        return [seen[k] for k in sorted(seen)]

    # --- imprint, news, events ---------------------------------------------------------
    def imprint(self, code: str) -> dict | None:
        html = self.snapshot.imprint_html
        if not html.strip():
            return None
        path = self.path(code, "disclaimer")
        local, gmt = api_date(self._last_change)
        # The imprint exists in the source language; the others show it as the CMS does (id null).
        return {
            "id": 1 if code == self.root else None,
            "url": self.url(path),
            "path": path,
            "title": "Impressum" if code == self.root else "Impressum / Imprint",
            "modified_gmt": gmt,
            "last_updated": local,
            "excerpt": excerpt_of(html),
            "content": html,
            "parent": None,
            "available_languages": {
                c: self.link(1 if c == self.root else None, self.path(c, "disclaimer"))
                for c in self.languages
                if c != code
            },
            "thumbnail": None,
            "hash": None,
        }
