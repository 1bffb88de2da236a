"""The region's own API objects: the region itself and its languages."""

from __future__ import annotations

from typing import Any

from .snapshot import RegionSnapshot

# The CMS's settings.DEFAULT_BOUNDING_BOX, for a region without one: [[lon, lat], [lon, lat]].
DEFAULT_BOUNDING_BOX = ((5.98865807458, 47.3024876979), (15.0169958839, 54.983104153))


def language_objects(snapshot: RegionSnapshot, languages: list[str]) -> list[dict[str, Any]]:
    """The region's languages that go out, as ``languages/`` lists them."""
    return [
        {
            "id": lang.id,
            "code": lang.code,
            "bcp47_tag": lang.bcp47_tag,
            "native_name": lang.native_name,
            "dir": "RIGHT_TO_LEFT" if lang.direction == "rtl" else "LEFT_TO_RIGHT",
        }
        for lang in snapshot.languages
        if lang.code in languages
    ]


def region_object(snapshot: RegionSnapshot, languages: list[str]) -> dict[str, Any]:
    """The region as ``regions/`` lists it."""
    s = snapshot
    box = s.bounding_box
    return {
        "id": s.id,
        "name": s.name,
        "path": s.slug,
        "live": True,
        "prefix": s.prefix,
        "name_without_prefix": s.name_without_prefix or s.name,
        "plz": s.postcode or "",
        "extras": False,
        "events": False,
        "pois": True,
        "push_notifications": False,
        # without a point, the middle of the box; without a box, the CMS's default (Germany):
        # the app reads bounding_box[0] and [1]
        "longitude": s.longitude if s.longitude is not None else (box[0][0] + box[1][0]) / 2 if box else None,
        "latitude": s.latitude if s.latitude is not None else (box[0][1] + box[1][1]) / 2 if box else None,
        "bounding_box": [list(box[0]), list(box[1])] if box else [list(p) for p in DEFAULT_BOUNDING_BOX],
        "aliases": {a.name: {"latitude": a.latitude, "longitude": a.longitude} for a in s.aliases} or None,
        "tunews": False,
        "external_news": False,
        "languages": language_objects(snapshot, languages),
        "is_chat_enabled": False,
        "zammad_privacy_policy": None,
        "contacts": [],
    }
