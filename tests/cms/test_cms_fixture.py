"""The CMS fixture serves the seeded test region through the CMS's own HTTP API, as declared in
tests/support/integreat_cms_region.json: this is what the other CMS tests build on."""

from __future__ import annotations

import pytest

from tests.support.integreat_cms_server import page_key, region_data

pytestmark = pytest.mark.integreat_cms

PALETTE = {"#3700D2", "#2E98FB", "#1DC6C6", "#3F8F01", "#07DC03", "#F2DA04", "#C38E03", "#FF7C32", "#FF3333"}
PALETTE |= {"#EE36DC", "#A258FF", "#585858"}


def expected_pages(lang: str) -> list[tuple[str, str, str | None]]:
    """(path, title, parent key) of every page the CMS shows in ``lang``, in tree order: a page
    is shown when it and all its ancestors are translated and it is not archived."""
    data = region_data()
    by_key = {p["key"]: p for p in data["pages"]}
    result = []
    for page in data["pages"]:
        chain, node = [], page
        while node is not None:
            chain.append(node)
            node = by_key.get(node["parent"])
        if page.get("archived") or any(lang not in n["texts"] for n in chain):
            continue
        slugs = [n["texts"][lang]["slug"] for n in reversed(chain)]
        path = f"/{data['region']['slug']}/{lang}/" + "/".join(slugs) + "/"
        result.append((path, page["texts"][lang]["title"], page["parent"]))
    return result


def tree_order(pages: list[dict]) -> list[str]:
    """Depth-first by the API's own ``order`` among siblings (how the apps sort)."""
    children: dict[str | None, list[dict]] = {}
    for page in pages:
        children.setdefault(page["parent"]["path"], []).append(page)
    ordered: list[str] = []

    def walk(parent):
        for page in sorted(children.get(parent, []), key=lambda p: p["order"]):
            ordered.append(page["path"])
            walk(page["path"])

    walk(None)
    return ordered


def test_region_and_language_tree(integreat_cms):
    regions = integreat_cms.get_json("/api/v3/regions/")
    region = next(r for r in regions if r["path"] == integreat_cms.region)
    assert region["live"] is True and region["pois"] is True and region["events"] is True
    assert region["name"] == "Stadt Testumgebung" and region["prefix"] == "Stadt"
    declared = {lang["code"]: lang for lang in region_data()["languages"]}
    served = {lang["code"]: lang for lang in region["languages"]}
    assert served.keys() == declared.keys() == {"de", "en", "ar", "fa"}
    for code, lang in declared.items():
        assert served[code]["bcp47_tag"] == lang["bcp47_tag"]
        assert served[code]["dir"] == lang["dir"]


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa"])
def test_pages_tree_order_parents_slugs(integreat_cms, lang):
    pages = integreat_cms.api(lang, "pages/")
    expected = expected_pages(lang)
    assert tree_order(pages) == [path for path, _, _ in expected]
    by_path = {p["path"]: p for p in pages}
    seed = integreat_cms.seed["pages"]
    key_of_path = {}
    for path, title, parent_key in expected:
        page = by_path[path]
        assert page["title"] == title
        assert page["id"] == seed[page_key(lang, path)]["translations"][lang]
        key_of_path[path] = page_key(lang, path)
        if parent_key is None:
            assert page["parent"] == {"id": 0, "url": None, "path": None}
        else:
            # The parent's own page id, not the id of its translation.
            assert page["parent"]["id"] == seed[parent_key]["id"]
            assert page["parent"]["path"] == path.rstrip("/").rsplit("/", 1)[0] + "/"
        assert page["last_updated"].startswith("2026-03-")  # the seeded time, not the seed run's


def test_page_tree_is_deep_and_keeps_slugs_history_and_organization(integreat_cms):
    pages = {p["path"]: p for p in integreat_cms.api("de", "pages/")}
    deepest = "/testumgebung/de/behörden/ausländerbehörde/aufenthaltstitel/niederlassungserlaubnis/"
    assert deepest in pages  # four levels, umlauts kept in the slugs
    assert "/testumgebung/ar/مرحبا/" in {p["path"] for p in integreat_cms.api("ar", "pages/")}
    newest = pages["/testumgebung/de/willkommen/erste-schritte/"]
    assert newest["slug_history"] == ["ankommen", "erste-schritte"]
    assert newest["last_updated"] == "2026-03-20T16:15:00+01:00"
    organization = pages["/testumgebung/de/behörden/ausländerbehörde/"]["organization"]
    assert organization["slug"] == "kreisverwaltung"
    assert organization["logo"].startswith(integreat_cms.base_url + "/media/") and organization[
        "logo"
    ].endswith(".png")
    assert not any("alte-seite" in path for path in pages)  # archived


def test_children_parents_and_page_endpoints(integreat_cms):
    roots = integreat_cms.api("de", "children/?depth=1")
    assert [p["title"] for p in roots] == ["Willkommen", "Behörden", "Gesundheit", "Sprache lernen"]
    two = integreat_cms.api("de", "children/?depth=2")
    assert len(two) == 11 and all(p["path"].count("/") <= 5 for p in two)
    office = "/testumgebung/de/behörden/ausländerbehörde/"
    subtree = integreat_cms.api("de", f"children/?url={office}&depth=1")
    assert [p["title"] for p in subtree] == [
        "Ausländerbehörde",
        "Aufenthaltstitel",
        "Termine",
        "Einbürgerung",
    ]
    parents = integreat_cms.api("de", f"parents/?url={office}aufenthaltstitel/niederlassungserlaubnis/")
    assert [p["title"] for p in parents] == ["Behörden", "Ausländerbehörde", "Aufenthaltstitel"]
    # The old slug still finds the page.
    page = integreat_cms.api("de", "page/?url=/testumgebung/de/willkommen/ankommen/")
    assert page["path"] == "/testumgebung/de/willkommen/erste-schritte/"


def test_places_with_palette_categories(integreat_cms):
    places = integreat_cms.api("de", "locations/")
    declared = {p["texts"]["de"]["title"]: p for p in region_data()["places"]}
    assert sorted(p["title"] for p in places) == sorted(declared)
    for place in places:
        spec = declared[place["title"]]
        assert place["category"]["color"] in PALETTE
        assert place["category"]["icon_color"] == f"{place['category']['icon']}_{place['category']['color']}"
        assert place["location"]["postcode"] == spec["postcode"]
        assert place["location"]["latitude"] == pytest.approx(spec["latitude"])
        assert len(place["opening_hours"]) == 7
    ar = {p["title"] for p in integreat_cms.api("ar", "locations/")}
    assert "مقهى اللغة" in ar


def test_weekly_event_series(integreat_cms):
    events = integreat_cms.api("de", "events/?combine_recurring=True")
    by_title = {e["title"]: e for e in events}
    series = by_title["Sprachcafé"]
    assert "FREQ=WEEKLY" in series["recurrence_rule"] and "BYDAY=TU" in series["recurrence_rule"]
    assert series["location"]["name"] == "Sprachcafé"
    assert by_title["Infoabend Einbürgerung"]["event"]["start"].startswith("2030-03-12T18:00:00")
    occurrences = [e for e in integreat_cms.api("de", "events/") if e["title"] == "Sprachcafé"]
    assert len(occurrences) > 1 and all(e["event"]["start"][11:16] == "17:00" for e in occurrences)


def test_reset_restores_the_seeded_state(clean_cms):
    before = clean_cms.api("de", "pages/")
    clean_cms.run(
        "-c",
        "import django; django.setup();"
        "from integreat_cms.cms.models import PageTranslation;"
        "PageTranslation.objects.filter(language__slug='de').update(title='verändert')",
    )
    assert {p["title"] for p in clean_cms.api("de", "pages/")} == {"verändert"}
    clean_cms.reset()
    assert clean_cms.api("de", "pages/") == before
