"""The Integreat app's rules in the publish and in `lotse publish verify`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from desktop.cli import main
from desktop.errors import LotseError
from desktop.integreat_import import import_integreat
from desktop.publish import package_base_url, publish_package, set_package_base_url
from export.integreat.api_values import ICONS
from export.integreat.app_assets import ICON_FOLDER, cms_icon, palette_color
from export.integreat.app_rules import CMS_COLORS, CMS_ICONS, AppContext, check_file
from export.integreat.manifest_parts import listed_files
from export.integreat.verify import verify_package
from models.tables import Category, Organization

FIXTURES = Path(__file__).with_name("fixtures")
REGION = "staedteregion-aachen"
BASE = "https://integreat.example.org/aachen"


def publish(db, out, **kw):
    kw.setdefault("base_url", BASE)
    return publish_package(
        db,
        out,
        policy="machine",
        today=date(2026, 12, 1),
        generated_at=datetime(2026, 12, 1, tzinfo=UTC),
        **kw,
    )


def errors(problems):
    return [p for p in problems if p.severity != "warning"]


def test_the_demo_package_has_no_error_and_no_warning_under_the_apps_rules(demo_db, tmp_path):
    out = tmp_path / "pkg"
    result = publish(demo_db, out)
    # Warnings the rules can give and why none is left for the demo: thumbnails and logos are
    # the package's own https images, every URL is under the https base URL.
    assert result.warnings == []
    assert verify_package(out) == []
    codes = [
        lang["code"]
        for lang in json.loads((out / "manifest.json").read_text())["languages"]
        if lang["published"]
    ]
    listed = set(listed_files(out, json.loads((out / "manifest.json").read_text())))
    with_organizations = with_content = 0
    for code in codes:
        places = json.loads((out / f"api/v3/{REGION}/{code}/locations/index.json").read_text())
        pages = json.loads((out / f"api/v3/{REGION}/{code}/pages/index.json").read_text())
        for place in places:
            assert place["category"]["color"] in CMS_COLORS and place["category"]["icon"] in CMS_ICONS
            assert place["category"]["icon_url"] == f"{BASE}/{ICON_FOLDER}/{place['category']['icon']}.svg"
        organizations = [i["organization"] for i in places + pages if i["organization"]]
        # (a language may hold only information pages without an organization: Tigrinya in the demo)
        assert all(o["logo"].startswith(BASE + "/media/") for o in organizations)
        with_organizations += bool(organizations)
        with_content += bool(pages or places)
        # every image the package names is in it
        images = {o["logo"] for o in organizations} | {p["category"]["icon_url"] for p in places}
        images |= {p["thumbnail"] for p in pages + places if p["thumbnail"]}
        # (a language with only events names no image: nothing of it shows a tile)
        assert (images or not (pages or places)) and all(url[len(BASE) + 1 :] in listed for url in images)
        # the app's tiles (top-level pages) have a picture
        assert all(p["thumbnail"] for p in pages if p["parent"]["id"] == 0)
    assert with_organizations >= with_content - 1 and with_content >= 4


def test_an_organization_without_website_is_left_out_and_one_without_logo_gets_one(demo_db, tmp_path):
    with demo_db.transaction() as session:
        org = session.exec(select(Organization).order_by(Organization.id)).first()
        org.website, name = None, org.name
        session.add(org)
    out = tmp_path / "pkg"
    publish(demo_db, out)
    pages = json.loads((out / f"api/v3/{REGION}/de/pages/index.json").read_text())
    assert not any(p["organization"] and p["organization"]["name"] == name for p in pages)
    assert all(p["organization"]["logo"] for p in pages if p["organization"])
    assert verify_package(out) == []


def plant(out: Path, rel: str, change) -> None:
    path = out / rel
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_verify_catches_what_the_app_cannot_map(demo_db, tmp_path, capsys):
    out = tmp_path / "pkg"
    publish(demo_db, out)
    places = f"api/v3/{REGION}/de/locations/index.json"
    pages = f"api/v3/{REGION}/de/pages/index.json"

    def places_change(data):
        data[0]["organization"]["logo"] = None
        data[1]["category"]["color"] = "#1F6FB2"
        data[2]["category"]["icon"] = "family"
        data[3]["category"]["icon_url"] = BASE + "/static/svg/poi-category-icons/family.svg"
        data[4]["location"]["town"] = None

    def pages_change(data):
        data[1]["thumbnail"] = ""
        data[2]["url"] = "http://127.0.0.1:8000" + data[2]["path"]
        data[3]["content"] += '<img src="/media/fehlt.png">'

    plant(out, places, places_change)
    plant(out, pages, pages_change)
    found = {(p.file, p.field): p for p in errors(verify_package(out))}
    for key in [
        (places, "organization.logo"),
        (places, "category.color"),
        (places, "category.icon"),
        (places, "category.icon_url"),
        (places, "location.town"),
        (pages, "thumbnail"),
        (pages, "url"),
        (pages, "content <img src>"),
    ]:
        assert key in found, key
    assert "#1F6FB2" in found[(places, "category.color")].message("en")
    assert main(["publish", "verify", str(out)]) == 1
    err = capsys.readouterr().err
    assert "organization.logo: die App braucht str, nicht null" in err and "CMS-Palette" in err


def test_the_real_cms_output_passes_the_apps_rules():
    """The rules are the app's, not stricter: the CMS's own outputs (test region Augsburg) pass."""
    context = AppContext("https://cms.example.org", set(), local_preview=True)
    for name, rel in {
        "augsburg_de_pages.json": "api/v3/augsburg/de/pages/index.json",
        "augsburg_ar_pages.json": "api/v3/augsburg/ar/pages/index.json",
        "augsburg_de_locations.json": "api/v3/augsburg/de/locations/index.json",
        "augsburg_de_location_categories.json": "api/v3/augsburg/de/location-categories/index.json",
        "augsburg_de_events.json": "api/v3/augsburg/de/events/index.json",
        "augsburg_de_events_combine_recurring.json": "api/v3/augsburg/de/events/index.json",
        "augsburg_de_imprint.json": "api/v3/augsburg/de/imprint/index.json",
        "regions.json": "api/v3/regions/index.json",
    }.items():
        assert check_file(rel, json.loads((FIXTURES / name).read_text()), context) == [], name


def test_no_package_points_at_this_computer_unless_asked(demo_db, tmp_path, capsys):
    with pytest.raises(LotseError) as caught:
        publish(demo_db, tmp_path / "a", base_url=None)
    assert "--local-preview" in caught.value.message("en")
    with pytest.raises(LotseError) as caught:
        publish(demo_db, tmp_path / "b", base_url="http://127.0.0.1:8000")
    assert "this computer" in caught.value.message("en") and not (tmp_path / "b").exists()
    # a local preview, asked for: valid, and the manifest says so
    publish(demo_db, tmp_path / "c", base_url=None, local_preview=True)
    manifest = json.loads((tmp_path / "c/manifest.json").read_text())
    assert manifest["local_preview"] is True and manifest["base_url"].startswith("http://127.0.0.1")
    assert verify_package(tmp_path / "c") == []
    # the region remembers where its package is served
    set_package_base_url(demo_db, "https://app.example.org/aachen")
    assert package_base_url(demo_db) == "https://app.example.org/aachen"
    publish(demo_db, tmp_path / "d", base_url=None)
    region = json.loads((tmp_path / f"d/api/v3/{REGION}/de/pages/index.json").read_text())
    assert region[0]["url"].startswith("https://app.example.org/aachen/")
    with pytest.raises(LotseError):
        set_package_base_url(demo_db, "http://localhost/")


def test_the_cli_remembers_the_base_url_and_refuses_a_loopback_one(demo_template, tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    db.write_bytes(demo_template.read_bytes())
    assert main(["publish", "package", "--db", str(db), "--out", str(tmp_path / "p")]) == 1
    assert "--base-url" in capsys.readouterr().err
    args = ["publish", "package", "--db", str(db), "--out", str(tmp_path / "p"), "--base-url", BASE]
    assert main(args) == 0
    capsys.readouterr()
    assert main(["publish", "package", "--db", str(db), "--out", str(tmp_path / "q")]) == 0
    assert json.loads((tmp_path / "q/manifest.json").read_text())["base_url"] == BASE
    loopback = ["publish", "package", "--db", str(db), "--out", str(tmp_path / "r"), "--base-url"]
    assert main([*loopback, "http://localhost:8000"]) == 1
    assert "lokale Vorschau" in capsys.readouterr().err


def test_colours_and_icons_map_to_the_cms():
    assert palette_color("#1F6FB2") == "#2E98FB"  # blue stays blue
    assert palette_color("#C62828") == "#FF3333"  # red stays red
    assert palette_color("#2e98fb") == "#2E98FB"
    assert {palette_color(c) for c in CMS_COLORS} == set(CMS_COLORS)
    assert set(ICONS.values()) <= CMS_ICONS
    assert cms_icon("fa5s.child") == "daily_routine" and cms_icon("family") == "daily_routine"
    assert (
        cms_icon("health") == "health" and cms_icon(None) == "other" and cms_icon("fa5s.unknown") == "other"
    )


def test_categories_of_the_demo_region_all_reach_a_marker(demo_db):
    with demo_db.transaction() as session:
        categories = list(session.exec(select(Category)))
    assert categories
    for category in categories:
        assert cms_icon(category.icon) in CMS_ICONS and palette_color(category.color) in CMS_COLORS


def test_the_imported_augsburg_region_publishes_without_error_or_warning(sqlite_db, tmp_path):
    import_integreat(sqlite_db, FIXTURES)
    out = tmp_path / "pkg"
    result = publish(sqlite_db, out, base_url="https://integreat.example.org/augsburg")
    assert result.warnings == [] and verify_package(out) == []
    places = json.loads((out / "api/v3/augsburg/de/locations/index.json").read_text())
    assert places and all(p["category"]["icon"] in CMS_ICONS for p in places)
