"""Where an offer's page and place live: the path segments of offers and categories (stable,
unique, clean), shared by the package builder and the links on flyers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote

from .snapshot import OfferSnap, RegionSnapshot
from .validate import RESERVED

UNCATEGORISED_SLUG = "weitere-angebote"
_UNSAFE = re.compile(r"[\s/?#%\\]+")


def _free_slug(slug: str, taken: set[str], reserved: bool = True) -> str:
    base = slug.lower() or "seite"
    candidate = f"{base}-1" if reserved and base in RESERVED else base
    n = 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def offer_path_slugs(snapshot: RegionSnapshot) -> dict[int, str]:
    """Offer id -> the last path segment of its page and place (stable, unique, clean)."""
    return path_slugs((o.id, o.slug) for o in snapshot.offers)


def path_slugs(offers: Iterable[tuple[int, str]]) -> dict[int, str]:
    """:func:`offer_path_slugs` of every offer's (id, slug)."""
    taken: set[str] = set()
    return {
        oid: _free_slug(_UNSAFE.sub("-", unquote(slug)).strip("-"), taken, reserved=False)
        for oid, slug in sorted(offers)
    }


def category_path_slugs(snapshot: RegionSnapshot) -> dict[int | None, str]:
    """Category id (None: the offers without one) -> its page's path segment; reserved words
    and clashes get a suffix."""
    taken: set[str] = set()
    slugs: dict[int | None, str] = {}
    for category in sorted(snapshot.categories, key=lambda c: (c.position, c.id)):
        slugs[category.id] = _free_slug(category.slug, taken)
    slugs[None] = _free_slug(UNCATEGORISED_SLUG, taken)
    return slugs


def is_place(offer: OfferSnap) -> bool:
    """An offer with an address and coordinates is a place (``locations/``) besides a page."""
    return offer.has_address and offer.latitude is not None and offer.longitude is not None


def page_segments(
    offer: OfferSnap, category_slugs: dict[int | None, str], offer_slugs: dict[int, str]
) -> tuple[str, str]:
    """The path segments after ``/{region}/{language}/`` of an offer's page: its category's
    page, then the offer (a category not in ``category_slugs``: the uncategorised page)."""
    category = offer.category_id if offer.category_id in category_slugs else None
    return category_slugs[category], offer_slugs[offer.id]


def place_segments(
    offer: OfferSnap,
    offer_slugs: dict[int, str],
    code: str | None = None,
    cms_slugs: dict[tuple[int, str], str] | None = None,
) -> tuple[str, str]:
    """The path segments after ``/{region}/{language}/`` of an offer's place: in ``code`` the
    CMS's own slug of that translation for a place imported from it (``cms_slugs``), else
    the offer's slug."""
    slug = (cms_slugs or {}).get((offer.id, code or "")) or offer_slugs[offer.id]
    return "locations", slug


def place_cms_slugs(snapshot: RegionSnapshot, offer_slugs: dict[int, str]) -> dict[tuple[int, str], str]:
    """(offer id, language) -> the CMS's slug of an imported place's translation ("sprachcafé",
    "language-cafe"), so its path in every language is the CMS's; one that clashes with
    another offer's path in that language keeps the offer's slug."""
    out: dict[tuple[int, str], str] = {}
    taken: dict[str, set[str]] = {}
    for offer in sorted(snapshot.offers, key=lambda o: o.id):
        if not is_place(offer):
            continue
        for code, text in offer.texts.items():
            slug = _UNSAFE.sub("-", text.slug or "").strip("-").lower()
            if not slug or slug == offer_slugs[offer.id]:
                continue
            used = taken.setdefault(code, set(offer_slugs.values()))
            if slug not in used and slug not in RESERVED:
                used.add(slug)
                out[(offer.id, code)] = slug
    return out


def offer_item_segments(snapshot: RegionSnapshot) -> dict[int, tuple[str, str]]:
    """Offer id -> the path segments after ``/{region}/{language}/`` of the item a link to
    the offer leads to: its place where it is one, else its page (the same in every language);
    an offer with neither (an imported place without coordinates) has none. The package
    builder uses the same two functions, so links and the package cannot disagree."""
    categories = category_path_slugs(snapshot)
    slugs = offer_path_slugs(snapshot)
    return {
        o.id: place_segments(o, slugs) if is_place(o) else page_segments(o, categories, slugs)
        for o in snapshot.offers
        if is_place(o) or o.as_page
    }


def offer_language_segments(snapshot: RegionSnapshot) -> dict[int, dict[str, tuple[str, str]]]:
    """Where an offer's item has a path of its own in a language (a place imported from the
    CMS keeps the CMS's slug per translation): offer id -> language -> segments."""
    out: dict[int, dict[str, tuple[str, str]]] = {}
    for (offer_id, code), slug in place_cms_slugs(snapshot, offer_path_slugs(snapshot)).items():
        out.setdefault(offer_id, {})[code] = ("locations", slug)
    return out
