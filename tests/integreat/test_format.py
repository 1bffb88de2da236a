"""Our objects against the Integreat CMS's own API outputs (fixtures/, Apache-2.0, see NOTICE.md),
and the format checks against good and broken input."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop.publish import publish_package
from export.integreat.validate import check_imprint, check_pages, check_places, check_region, valid_date

FIXTURES = Path(__file__).with_name("fixtures")
REGION = "staedteregion-aachen"


def fixture(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__


def shapes(objects, prefix="") -> dict[str, set[str]]:
    """Every key path in the objects with the JSON types seen there."""
    out: dict[str, set[str]] = {}
    for obj in objects:
        if not isinstance(obj, dict):
            continue
        for key, value in obj.items():
            if prefix.endswith(("available_languages.", "aliases.")):
                key = "*"  # language codes and place names differ between regions
            path = prefix + key
            out.setdefault(path, set()).add(json_type(value))
            if isinstance(value, dict):
                for k, v in shapes([value], path + ".").items():
                    out.setdefault(k, set()).update(v)
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for k, v in shapes(value, path + "[].").items():
                    out.setdefault(k, set()).update(v)
    return out


# Fields the format allows to be null although the fixtures happen to fill them.
NULLABLE = {
    "prefix",
    "aliases",
    "organization",
    "appointment_url",
    "barrier_free",
    "opening_hours",
    "thumbnail",
    "zammad_privacy_policy",
    "location.address",
    "location.town",
    "location.postcode",
    "organization.logo",
    "organization.website",
    "available_languages.*.id",
}


@pytest.fixture(scope="module")
def package(tmp_path_factory, demo_template):
    import shutil

    from desktop.db import open_database

    folder = tmp_path_factory.mktemp("format")
    shutil.copyfile(demo_template, folder / "demo.sqlite")
    db = open_database(str(folder / "demo.sqlite"))
    publish_package(
        db,
        folder / "pkg",
        today=date(2026, 12, 1),
        base_url="https://app.example.org",
        generated_at=datetime(2026, 12, 1, tzinfo=UTC),
    )
    db.dispose()
    return folder / "pkg"


def ours(package: Path, rel: str):
    return json.loads((package / rel).read_text(encoding="utf-8"))


CASES = [
    ("regions", ["regions_augsburg.json"], "api/v3/regions/{r}/index.json"),
    ("languages", ["augsburg_languages.json"], "api/v3/{r}/languages/index.json"),
    ("pages", ["augsburg_de_pages.json", "augsburg_ar_pages.json"], "api/v3/{r}/de/pages/index.json"),
    (
        "places",
        ["augsburg_de_locations.json", "augsburg_en_locations.json", "augsburg_ar_locations.json"],
        "api/v3/{r}/de/locations/index.json",
    ),
    ("imprint", ["augsburg_de_imprint.json"], "api/v3/{r}/de/imprint/index.json"),
    (
        "location categories",
        ["augsburg_de_location_categories.json"],
        "api/v3/{r}/de/location-categories/index.json",
    ),
]


@pytest.mark.parametrize("name,fixture_files,rel", CASES, ids=[c[0] for c in CASES])
def test_every_key_of_the_cms_output_is_there_with_its_type(package, name, fixture_files, rel):
    theirs: dict[str, set[str]] = {}
    for f in fixture_files:
        data = fixture(f)
        for k, v in shapes(data if isinstance(data, list) else [data]).items():
            theirs.setdefault(k, set()).update(v)
    data = ours(package, rel.format(r=REGION))
    mine = shapes(data if isinstance(data, list) else [data])
    assert mine, "nothing to compare"
    missing = sorted(
        k for k in theirs if k not in mine and not any(k.startswith(p) for p in _empty_parents(mine))
    )
    assert missing == []
    wrong = {
        k: (sorted(mine[k]), sorted(theirs[k]))
        for k in theirs
        if k in mine
        if not (mine[k] - {"null"} <= theirs[k] or theirs[k] == {"null"})
        or ("null" in mine[k] and "null" not in theirs[k] and k not in NULLABLE)
    }
    assert wrong == {}


def _empty_parents(mine: dict[str, set[str]]) -> list[str]:
    """Objects null everywhere in ours (no organization) and lists always empty (embedded_offers)
    have no sub-keys to compare."""
    nulls = [k + "." for k, v in mine.items() if v == {"null"}]
    empties = [
        k + "[]." for k, v in mine.items() if v == {"list"} and not any(m.startswith(k + "[].") for m in mine)
    ]
    return nulls + empties


def test_the_cms_outputs_pass_our_checks():
    assert check_region(fixture("regions_augsburg.json")) == []
    for region in fixture("regions.json"):
        assert check_region(region) == []
    for code in ("de", "ar"):
        assert check_pages(fixture(f"augsburg_{code}_pages.json"), "augsburg", code) == []
    for code in ("de", "en", "ar"):
        assert check_places(fixture(f"augsburg_{code}_locations.json"), "augsburg", code) == []
    assert check_imprint(fixture("augsburg_de_imprint.json"), "augsburg", "de") == []


def test_dates_that_cannot_exist_or_lack_T_and_offset_are_refused():
    assert valid_date("2026-03-02T09:30:00+01:00") and valid_date("2020-01-22T12:52:13.616Z")
    for bad in (
        "2026-13-02T09:30:00+01:00",
        "2026-02-30T09:30:00+01:00",
        "2026-03-02 09:30:00+01:00",
        "2026-03-02T09:30:00",
        None,
        "",
        "gestern",
    ):
        assert not valid_date(bad), bad


def test_broken_pages_are_reported_with_item_and_field():
    pages = fixture("augsburg_de_pages.json")
    broken = copy.deepcopy(pages)
    broken[1]["last_updated"] = "2019-13-12T09:57:42.456+02:00"
    broken[2]["parent"] = {"id": 999, "url": None, "path": "/augsburg/de/gibt-es-nicht/"}
    del broken[3]["available_languages"]
    broken[4]["path"] = broken[5]["path"].upper()
    problems = check_pages(broken, "augsburg", "de")
    by_field = {(p.item.split(" (")[0], p.field) for p in problems}
    assert (broken[1]["title"], "last_updated") in by_field
    assert (broken[2]["title"], "parent") in by_field
    assert (broken[3]["title"], "available_languages") in by_field
    assert (broken[4]["title"], "path") in by_field
    message = next(p for p in problems if p.field == "parent").message("de")
    assert broken[2]["title"] in message and "gibt-es-nicht" in message


def test_reserved_segment_cannot_be_a_page():
    page = copy.deepcopy(fixture("augsburg_de_pages.json")[0])
    page["path"] = "/augsburg/de/events/"
    assert [p.field for p in check_pages([page], "augsburg", "de")] == ["path"]


def test_broken_places_are_reported():
    places = copy.deepcopy(fixture("augsburg_de_locations.json"))
    place = places[0]
    place["opening_hours"][0]["timeSlots"] = [{"start": "22:00", "end": "02:00", "timezone": "Europe/Berlin"}]
    place["location"]["latitude"] = "48.3"
    place["category"]["color"] = "blue"
    del place["organization"]
    fields = {p.field for p in check_places(places, "augsburg", "de")}
    assert {"opening_hours[0].timeSlots[0]", "location.latitude", "category.color", "organization"} <= fields
    place["opening_hours"] = place["opening_hours"][:6]
    assert "opening_hours" in {p.field for p in check_places(places, "augsburg", "de")}


def test_a_bad_thumbnail_is_reported():
    page = copy.deepcopy(fixture("augsburg_de_pages.json")[0])
    page["thumbnail"] = "media/bild.jpg"
    assert [p.field for p in check_pages([page], "augsburg", "de")] == ["thumbnail"]
