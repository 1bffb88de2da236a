"""Seed the Integreat CMS's test region (``integreat_cms_region.json``) through the CMS's own ORM.

Runs inside the CMS's Python 3.13 venv with its settings, never in Lotse's:
``CmsServer.run("-P", this_file, REGION_JSON, OUT_JSON)``; writes the ids it created to OUT_JSON.
The CMS's own test fixture is not in its wheel, so the region is built here. Learned from the
CMS's code: tree ``add_child`` does not fill the model's own ``parent`` field (pass it); a
translation's ``save()`` stamps the current time unless ``update_timestamp=False``; a place
category needs a palette icon and colour; only PUBLIC translations reach the API.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from integreat_cms.cms.models import (  # noqa: E402
    Event,
    EventTranslation,
    ImprintPage,
    ImprintPageTranslation,
    Language,
    LanguageTreeNode,
    MediaFile,
    Organization,
    Page,
    PageTranslation,
    Place,
    PlaceCategory,
    PlaceCategoryTranslation,
    PlaceTranslation,
    RecurrenceRule,
    Region,
    User,
)

BERLIN = ZoneInfo("Europe/Berlin")
# A 1x1 PNG: the organization's logo (the CMS does not allow an organization without one).
LOGO_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
ADMIN = ("lotse-admin", "admin@example.org", "lotse-test-password")


def stamp(day: int, hour: int) -> datetime:
    """Fixed, distinct last_updated values (an import must keep them, not write its own)."""
    return datetime(2026, 3, day, hour, 15, tzinfo=BERLIN)


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def translated(model, **fields):
    row = model(**fields)
    row.save(update_timestamp=False)
    return row


def content_for(title: str, lang: str) -> str:
    if lang == "de":
        return f"<p>Informationen zu {title}.</p><ul><li>Telefon: 0241 123456</li></ul>"
    return f"<p>{title}.</p><ul><li>0241 123456</li></ul>"


def _languages(data: dict, region: Region, out: dict) -> dict[str, Language]:
    nodes: dict[str, LanguageTreeNode] = {}
    for spec in data["languages"]:
        language = Language.objects.create(
            slug=spec["code"],
            bcp47_tag=spec["bcp47_tag"],
            native_name=spec["native_name"],
            english_name=spec["english_name"],
            text_direction=spec["dir"],
            primary_country_code=spec["country"],
            table_of_contents=spec["table_of_contents"],
        )
        fields = {"region": region, "language": language, "visible": True, "active": True}
        source = spec["source"]
        if source is None:
            nodes[spec["code"]] = LanguageTreeNode.objects.add_root(fields)
        else:
            parent = LanguageTreeNode.objects.get(pk=nodes[source].pk)
            nodes[spec["code"]] = parent.add_child(parent=parent, **fields)
        out["languages"][spec["code"]] = language.id
    return {code: Language.objects.get(slug=code) for code in nodes}


def _organization(data: dict, region: Region) -> Organization:
    spec = data["organization"]
    name = f"regions/{region.id}/{spec['logo']}"
    os.makedirs(os.path.join(settings.MEDIA_ROOT, os.path.dirname(name)), exist_ok=True)
    with open(os.path.join(settings.MEDIA_ROOT, name), "wb") as handle:
        handle.write(LOGO_PNG)
    logo = MediaFile.objects.create(
        file=name,
        thumbnail=name,
        file_size=len(LOGO_PNG),
        type="image/png",
        name=spec["logo"],
        region=region,
        last_modified=stamp(1, 8),
    )
    return Organization.objects.create(
        name=spec["name"], slug=spec["slug"], icon=logo, region=region, website=spec["website"]
    )


def _pages(data, region, languages, organization, admin, out) -> None:
    pages: dict[str, Page] = {}
    for index, spec in enumerate(data["pages"]):
        fields = {
            "region": region,
            "organization": organization if spec.get("organization") else None,
            "explicitly_archived": bool(spec.get("archived")),
        }
        if spec["parent"] is None:
            page = Page.objects.add_root(fields)
        else:
            parent = Page.objects.get(pk=pages[spec["parent"]].pk)  # fresh lft/rgt after earlier inserts
            page = parent.add_child(parent=parent, **fields)
        pages[spec["key"]] = page
        ids = {}
        for lang, text in spec["texts"].items():
            row = translated(
                PageTranslation,
                page=page,
                language=languages[lang],
                title=text["title"],
                slug=text["slug"],
                content=content_for(text["title"], lang),
                status="PUBLIC",
                version=1,
                last_updated=stamp(1 + index, 9 + len(ids)),
                creator=admin,
            )
            ids[lang] = row.id
        out["pages"][spec["key"]] = {"id": page.id, "translations": ids}
    # An older version with another slug: the API shows the newest (its id and slug), the old
    # slug stays in slug_history and still finds the page.
    second = data["second_version"]
    current = PageTranslation.objects.get(page=pages[second["page"]], language=languages[second["lang"]])
    title, slug = current.title, current.slug
    current.title, current.slug = second["old_title"], second["old_slug"]
    current.save(update_timestamp=False)
    newest = translated(
        PageTranslation,
        page=pages[second["page"]],
        language=languages[second["lang"]],
        title=title,
        slug=slug,
        content=content_for(title, second["lang"]) + "<p>Neu: Anmeldung im Bürgerbüro.</p>",
        status="PUBLIC",
        version=2,
        last_updated=stamp(20, 16),
        creator=admin,
    )
    out["pages"][second["page"]]["translations"][second["lang"]] = newest.id


def _places(data, region, languages, organization, admin, out) -> dict[str, Place]:
    categories = {}
    for spec in data["categories"]:
        category = PlaceCategory.objects.create(icon=spec["icon"], color=spec["color"])
        for lang, name in spec["names"].items():
            PlaceCategoryTranslation.objects.create(category=category, language=languages[lang], name=name)
        categories[spec["key"]] = category
        out["categories"][spec["key"]] = category.id
    places = {}
    for index, spec in enumerate(data["places"]):
        place = Place.objects.create(
            region=region,
            category=categories[spec["category"]],
            address=spec["address"],
            postcode=spec["postcode"],
            city=spec["city"],
            country="Deutschland",
            latitude=spec["latitude"],
            longitude=spec["longitude"],
            place_on_map=True,
            opening_hours=spec["opening_hours"],
            organization=organization if spec["organization"] else None,
            barrier_free=index == 0,
        )
        places[spec["key"]] = place
        ids = {}
        for lang, text in spec["texts"].items():
            row = translated(
                PlaceTranslation,
                place=place,
                language=languages[lang],
                title=text["title"],
                slug=text["slug"],
                content=text["content"],
                status="PUBLIC",
                version=1,
                last_updated=stamp(10 + index, 8 + len(ids)),
                creator=admin,
            )
            ids[lang] = row.id
        out["places"][spec["key"]] = {"id": place.id, "translations": ids}
    return places


def _events(data, region, languages, places, admin, out) -> None:
    for index, spec in enumerate(data["events"]):
        rule = None
        if spec["weekly_on"]:
            rule = RecurrenceRule.objects.create(
                frequency="WEEKLY", interval=1, weekdays_for_weekly=spec["weekly_on"]
            )
        event = Event.objects.create(
            region=region,
            place=places[spec["place"]] if spec["place"] else None,
            start=local(spec["start"]),
            end=local(spec["end"]),
            recurrence_rule=rule,
        )
        ids = {}
        for lang, text in spec["texts"].items():
            row = translated(
                EventTranslation,
                event=event,
                language=languages[lang],
                title=text["title"],
                slug=text["slug"],
                content=f"<p>{text['title']}</p>",
                status="PUBLIC",
                version=1,
                last_updated=stamp(25 + index, 10 + len(ids)),
                creator=admin,
            )
            ids[lang] = row.id
        out["events"][spec["key"]] = {"id": event.id, "translations": ids}


@transaction.atomic
def seed(data: dict) -> dict:
    spec = data["region"]
    out: dict = {
        "region": spec["slug"],
        "languages": {},
        "pages": {},
        "categories": {},
        "places": {},
        "events": {},
    }
    box = spec["bounding_box"]
    region = Region.objects.create(
        name=spec["name"],
        slug=spec["slug"],
        status="ACTIVE",
        administrative_division="CITY",
        custom_prefix=spec["prefix"],
        places_enabled=True,
        events_enabled=True,
        latitude=spec["latitude"],
        longitude=spec["longitude"],
        longitude_min=box[0][0],
        latitude_min=box[0][1],
        longitude_max=box[1][0],
        latitude_max=box[1][1],
        postal_code=spec["postcode"],
        admin_mail="kontakt@example.org",
    )
    out["region_id"] = region.id
    languages = _languages(data, region, out)
    admin = User.objects.create_superuser(*ADMIN)
    out["user"], out["password"] = ADMIN[0], ADMIN[2]
    organization = _organization(data, region)
    out["organization"] = organization.id
    _pages(data, region, languages, organization, admin, out)
    places = _places(data, region, languages, organization, admin, out)
    _events(data, region, languages, places, admin, out)
    imprint = ImprintPage.objects.create(region=region)
    for lang, title in data["imprint"].items():
        translated(
            ImprintPageTranslation,
            page=imprint,
            language=languages[lang],
            title=title,
            content="<p>Stadt Testumgebung, Markt 1, 52062 Aachen</p>",
            status="PUBLIC",
            version=1,
            last_updated=stamp(2, 8),
        )
    return out


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        region_data = json.load(handle)
    result = seed(region_data)
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False, indent=1)
