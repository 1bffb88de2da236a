"""The CMS's region imported into Lotse over HTTP (``lotse import integreat URL``), published
(``lotse publish package``) and served (``lotse serve``): every page-tree answer the web app asks
for equals the real CMS's, and every page keeps the CMS's identity (ids, paths, slugs, parents,
order, last_updated). Differences that are known are listed with their reason; any other, and
a listed one that went away, fails the test."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime

import pytest

from desktop.cli import main
from desktop.serve import serve_in_background
from tests.cms import page_answers

pytestmark = pytest.mark.integreat_cms

LANGS = ("de", "en", "ar", "fa")

# Known differences, each with its reason. The test undoes them before comparing and checks that
# they still occur, so that a fixed one fails here until it is taken off the list. None today: a
# page whose slug equals a place category's keeps it (only category pages in the package reserve
# slugs), and a page's old slugs (the CMS's slug_history) survive the import.
KNOWN_SLUG_HISTORY_LOST: dict[str, list[str]] = {}
KNOWN_PATH_CHANGES: dict[str, str] = {}


def undo_known(value):
    """``value`` as plain JSON with the known path changes undone (in paths and in quoted
    queries), and which of them occurred."""
    text = json.dumps(value, ensure_ascii=False)
    used = [ours for ours in KNOWN_PATH_CHANGES if ours in text]
    for ours in used:
        text = text.replace(ours, KNOWN_PATH_CHANGES[ours])
    return json.loads(text), used


@pytest.fixture(scope="module")
def lotse_package(integreat_cms, tmp_path_factory):
    folder = tmp_path_factory.mktemp("round-trip")
    db = str(folder / "lotse.sqlite")
    assert main(["import", "integreat", f"{integreat_cms.base_url}/{integreat_cms.region}/", "--db", db]) == 0
    package = folder / "package"
    assert (
        main(
            [
                "publish",
                "package",
                "--db",
                db,
                "--out",
                str(package),
                "--policy",
                "machine",
                "--base-url",
                "https://app.example.org",
            ]
        )
        == 0
    )
    server, _ = serve_in_background(package)
    yield f"http://127.0.0.1:{server.server_address[1]}", db
    server.shutdown()
    server.server_close()


def fetcher(base: str, region: str, lang: str):
    def fetch(query: str):
        try:
            with urllib.request.urlopen(f"{base}/api/v3/{region}/{lang}/{query}", timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, None

    return fetch


@pytest.mark.parametrize("lang", LANGS)
def test_page_tree_answers_equal_the_cms(integreat_cms, cms_tree_answers, lotse_package, lang):
    base, _ = lotse_package
    cms_answers, _, _ = cms_tree_answers[lang]
    raw, seen = page_answers.collect(fetcher(base, integreat_cms.region, lang), lang)
    answers, used = undo_known(raw)
    cms_answers = json.loads(json.dumps(cms_answers, ensure_ascii=False))  # tuples as lists, like ours
    assert used == [k for k in KNOWN_PATH_CHANGES if f"/{lang}/" in k], (
        "a known difference went away: update the list"
    )
    assert answers.keys() == cms_answers.keys()
    different = {q: (cms_answers[q], answers[q]) for q in answers if answers[q] != cms_answers[q]}
    assert not different, json.dumps(next(iter(different.items())), ensure_ascii=False)[:2000]
    assert page_answers.id_problems(seen) == []


FIELDS = ("id", "path", "title", "parent", "last_updated", "slug_history")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_keeps_its_cms_identity(integreat_cms, cms_tree_answers, lotse_package, lang):
    base, _ = lotse_package
    _, _, cms_pages = cms_tree_answers[lang]
    status, lotse_pages = fetcher(base, integreat_cms.region, lang)("pages/")
    assert status == 200
    lotse_pages, _ = undo_known(lotse_pages)
    ours = {p["path"]: p for p in lotse_pages}
    assert set(ours) >= {p["path"] for p in cms_pages}
    for page in cms_pages:
        mine = ours[page["path"]]
        for name in FIELDS:
            want, got = page.get(name), mine.get(name)
            if name == "parent":  # the CMS's url is under its own host; the package's under --base-url
                want, got = (want["id"], want["path"]), (got["id"], got["path"])
            if name == "slug_history":  # the known slug change above shows here as a slug
                got = [
                    KNOWN_PATH_CHANGES.get(f"{page['path'].rsplit('/', 2)[0]}/{s}/", f"/{s}/").split("/")[-2]
                    for s in got
                ]
                if want != got and KNOWN_SLUG_HISTORY_LOST.get(page["path"]) == want:
                    continue
            if name == "last_updated":  # tolerated: Lotse always writes milliseconds (".000"), the CMS
                # only when there are any; the same instant, and the app parses both
                want, got = datetime.fromisoformat(want), datetime.fromisoformat(got)
            assert got == want, f"{page['path']} {name}: CMS {want!r}, Lotse {got!r}"
        assert {k: v["path"] for k, v in mine["available_languages"].items()} == {
            k: v["path"] for k, v in page["available_languages"].items()
        }
    ranks_cms, ranks_ours = page_answers.sibling_ranks(cms_pages), page_answers.sibling_ranks(lotse_pages)
    assert {p: ranks_ours[p] for p in ranks_cms} == ranks_cms


def test_old_links_and_category_slugs_survive_the_import(integreat_cms, lotse_package):
    """The two import bugs, asserted directly: the page "Gesundheit" keeps its slug although a
    place category of the region has the same one, and the CMS's old slug of "Erste Schritte"
    ("ankommen") still finds the page, in Lotse's package as in the CMS."""
    base, _ = lotse_package
    for fetch in (
        fetcher(base, integreat_cms.region, "de"),
        fetcher(integreat_cms.base_url, integreat_cms.region, "de"),
    ):
        status, page = fetch("page/?url=/testumgebung/de/willkommen/ankommen/")
        assert status == 200
        assert page["path"] == "/testumgebung/de/willkommen/erste-schritte/"
        assert page["slug_history"] == ["ankommen", "erste-schritte"]
        status, page = fetch("page/?url=/testumgebung/de/gesundheit/")
        assert (status, page["path"]) == (200, "/testumgebung/de/gesundheit/")
