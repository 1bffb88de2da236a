"""Where printed links and QR codes lead: the region in the Integreat app (its "app URL",
a region setting) joined with the path the app package gives the item. The paths come from
the package builder (``export.integreat.item_paths``), so a flyer and the published package
always agree."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

from sqlalchemy import text
from sqlmodel import Session

from export.integreat.app_rules import is_loopback
from export.integreat.item_paths import offer_item_segments, offer_language_segments
from export.integreat.policy import Plan
from export.integreat.snapshot import CategorySnap, OfferSnap, RegionSnapshot, TextSnap
from models.i18n import N_
from models.tables import Region

from .db import Database
from .errors import LotseError
from .regions import current_region

# The Integreat web app; a region lives at integreat.app/<its slug>/ there.
DEFAULT_APP = "https://integreat.app/"


def default_app_url(region_slug: str) -> str:
    return f"{DEFAULT_APP}{region_slug}/"


def check_app_url(url: str) -> str:
    """The address as stored: https, a real host (not this computer), ending in ``/``."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme != "https" or not parts.hostname:
        raise LotseError(
            N_(
                "The app address “{url}” must start with https:// and name the region in "
                "the app, e.g. https://integreat.app/staedteregion-aachen/.",
                url=url,
            ),
        )
    if is_loopback(url):
        raise LotseError(
            N_(
                "The app address “{url}” points at this computer: a QR code leading there "
                "works on no phone. Give the region's address in the Integreat app.",
                url=url,
            ),
        )
    if parts.query or parts.fragment:
        raise LotseError(N_("The app address “{url}” must not contain ? or #.", url=url))
    return url if url.endswith("/") else url + "/"


def region_app_url(region: Region) -> str:
    return region.app_url or default_app_url(region.slug)


def app_url(db: Database, region_slug: str | None = None) -> str:
    """The region's app URL, or the default in the Integreat web app."""
    with db.transaction() as session:
        return region_app_url(current_region(session, region_slug))


def set_app_url(db: Database, url: str | None, region_slug: str | None = None) -> None:
    """Store the region's app URL (checked); empty: back to the default."""
    value = check_app_url(url) if url and url.strip() else None
    with db.transaction() as session:
        region = current_region(session, region_slug)
        region.app_url = value
        session.add(region)


# What an offer's path depends on, and nothing else: every offer's slug (a clash takes a
# suffix, in id order), its category's, whether it is a place (address and coordinates) and,
# for a place imported from the CMS, its translations' slugs. Read as plain rows: a flyer's
# QR code no longer loads the whole region (and the publishing code) for one address.
_PATH_OFFERS = text(
    "SELECT id, slug, category_id, street, town, latitude, longitude, cms_id FROM offer "
    "WHERE region_id = :region AND kind = 'offer' ORDER BY id"
)
_PATH_CATEGORIES = text("SELECT id, slug, position FROM category WHERE region_id = :region")
_PLACE_SLUGS = text(
    "SELECT t.offer_id, t.language_code, t.slug FROM offer_text AS t "
    "JOIN offer AS o ON o.id = t.offer_id "
    "JOIN region_language AS l ON l.region_id = o.region_id AND l.code = t.language_code "
    "WHERE o.region_id = :region AND o.kind = 'offer' AND l.active = :active "
    "AND o.latitude IS NOT NULL AND o.longitude IS NOT NULL AND t.slug IS NOT NULL"
)
_NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def path_snapshot(session: Session, region: Region) -> RegionSnapshot:
    """The region as far as the paths of its offers' items go (``export.integreat.item_paths``);
    every other value is empty. ``load_snapshot`` reads the same values among all the others
    (tests/flyers/test_link_reading.py compares the paths of both)."""
    assert region.id is not None
    connection = session.connection()
    params = {"region": region.id}
    offers: dict[int, OfferSnap] = {}
    for oid, slug, category_id, street, town, latitude, longitude, cms_id in connection.execute(
        _PATH_OFFERS, params
    ):
        offers[oid] = OfferSnap(
            id=oid, slug=slug, category_id=category_id, organization_id=None, street=street,
            postcode=None, town=town, latitude=latitude, longitude=longitude, contacts=[],
            opening_hours=None, appointment_url=None, barrier_free=None, languages_spoken=[],
            target_groups=[], cost=None, valid_from=None, valid_until=None, image_path=None, state="",
            updated_at=_NEVER, cms_id=cms_id,
        )  # fmt: skip
    for oid, code, slug in connection.execute(_PLACE_SLUGS, {**params, "active": True}):
        if oid in offers:
            offers[oid].texts[code] = TextSnap(0, code, "", "", "", "", _NEVER, slug)
    categories = [
        CategorySnap(cid, slug, None, "", position, {})
        for cid, slug, position in connection.execute(_PATH_CATEGORIES, params)
    ]
    return RegionSnapshot(
        region.id, region.slug, region.name, None, None, None, None, None, None, "", "",
        [], categories, [], list(offers.values()),
    )  # fmt: skip


def offer_links(
    session: Session, region: Region, only: int | None = None
) -> tuple[dict[int, str], dict[int, dict[str, str]]]:
    """``offer_link_templates`` and ``offer_language_links`` from one reading of the region;
    with ``only``, the addresses of that one offer (a flyer's): every offer's path is still
    worked out (a clash of slugs is settled in id order), but only its own is written out."""
    snapshot = path_snapshot(session, region)
    base = region_app_url(region)
    templates = {
        offer_id: base + "{lang}/" + _joined(segments)
        for offer_id, segments in offer_item_segments(snapshot).items()
        if only is None or offer_id == only
    }
    by_language = {
        offer_id: {code: f"{base}{code}/{_joined(segments)}" for code, segments in by_code.items()}
        for offer_id, by_code in offer_language_segments(snapshot).items()
        if only is None or offer_id == only
    }
    return templates, by_language


def offer_link_templates(session: Session, region: Region) -> dict[int, str]:
    """Offer id -> the address of its item in the app, ``{lang}`` standing for the language."""
    return offer_links(session, region)[0]


def offer_language_links(session: Session, region: Region) -> dict[int, dict[str, str]]:
    """Offer id -> language -> its address in the app, where the item's path differs by
    language (a place imported from the CMS keeps the CMS's slug of each translation)."""
    return offer_links(session, region)[1]


def _joined(segments: tuple[str, ...]) -> str:
    return "/".join(quote(s, safe="-._~") for s in segments) + "/"


def event_links(session: Session, region: Region, plan: Plan | None = None) -> dict[tuple[int, str], str]:
    """(event id, language) -> the address of the event in the app, for every event and
    language the package publishes: ``{app}/{lang}/events/{slug}/``, the same path as the
    package's ``events/`` item (an event's slug is per language, made from its title)."""
    from datetime import date

    from export.integreat.content_objects import ContentObjects
    from export.integreat.objects import Builder
    from export.integreat.policy import plan_publication

    from .publish import DEFAULT_BASE_URL, load_snapshot

    snapshot = load_snapshot(session, region.slug, light=True)
    plan = plan or plan_publication(snapshot, today=date.today())
    content = ContentObjects(Builder(snapshot, plan, DEFAULT_BASE_URL, {}))
    base = region_app_url(region)
    prefix = f"/{snapshot.slug}/"
    links = {}
    for code, ids in plan.events.items():
        for event_id in ids:
            path = content.event_path(content.events[event_id], code, None)
            links[(event_id, code)] = base + quote(path[len(prefix) :], safe="/-._~")
    return links


def events_link(region: Region) -> str:
    """The region's events in the app, ``{lang}`` standing for the language."""
    return region_app_url(region) + "{lang}/events/"
