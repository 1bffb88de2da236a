"""children/, parents/ and page/: the CMS's answers, in the package, from `lotse serve` and nginx."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

from desktop.publish import publish_package
from desktop.serve import serve_in_background
from export.integreat.package import dump
from export.integreat.page_tree import PageTree, file_key, slugify

from .nginx_server import Nginx

FIXTURES = Path(__file__).with_name("fixtures")
REGION = "staedteregion-aachen"


def augsburg(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def ids_from_parents(pages: list[dict]) -> dict[str, int]:
    """The page ids the CMS shows: a page's own id is its children's parent.id."""
    return {p["parent"]["path"]: p["parent"]["id"] for p in pages if p["parent"]["path"]}


def paths(answer) -> list[str]:
    return [p["path"] for p in answer]


def test_the_cms_semantics_on_the_augsburg_pages():
    pages = augsburg("augsburg_de_pages.json")
    tree = PageTree(pages, ids_from_parents(pages))
    roots = [p["path"] for p in sorted(pages, key=lambda p: p["order"]) if p["parent"]["id"] == 0]
    # without url: depth 1 is the root pages in the CMS's order, depth 0 nothing (a virtual root)
    assert paths(tree.children(depth=1)) == roots
    assert tree.children(depth=0) == []
    everything = tree.children(depth=3)
    assert sorted(paths(everything)) == sorted(paths(pages))
    # depth first: every page comes after its parent, its siblings by order
    seen: list[str] = []
    for page in everything:
        assert page["parent"]["path"] is None or page["parent"]["path"] in seen
        seen.append(page["path"])
    second = tree.children(depth=2)
    assert {p["parent"]["path"] for p in second} - {None} <= set(roots)
    # with url: the page itself, then its descendants down to depth levels below it
    assert paths(tree.children(url="/augsburg/de/behörden-und-beratung/", depth=1)) == [
        "/augsburg/de/behörden-und-beratung/",
        "/augsburg/de/behörden-und-beratung/behörden/",
    ]
    assert paths(tree.children(url="/augsburg/de/behörden-und-beratung/", depth=2)) == [
        "/augsburg/de/behörden-und-beratung/",
        "/augsburg/de/behörden-und-beratung/behörden/",
        "/augsburg/de/behörden-und-beratung/behörden/ausländerbehörde/",
        "/augsburg/de/behörden-und-beratung/behörden/gesundheitsamt/",
    ]
    assert paths(tree.children(url="/augsburg/de/willkommen/", depth=0)) == ["/augsburg/de/willkommen/"]
    # the (decoded) url is matched by its last segment, slugified: any prefix, any case
    assert tree.page(url="/augsburg/de/behörden-und-beratung/behörden/") == tree.page(url="/x/BEHÖRDEN")
    # parents: the root first, the parent last (get_cached_ancestors)
    assert paths(tree.parents(url="/augsburg/de/behörden-und-beratung/behörden/ausländerbehörde/")) == [
        "/augsburg/de/behörden-und-beratung/",
        "/augsburg/de/behörden-und-beratung/behörden/",
    ]
    assert tree.parents(url="/augsburg/de/willkommen/") == []
    # id is the page's own id (the children's parent.id), not the translation id the item shows
    found = tree.page(page_id=1)
    # (the page/?id=1 fixture comes from a CMS version before published_at)
    assert {k: v for k, v in found.items() if k != "published_at"} == augsburg("augsburg_de_page_1.json")
    assert tree.answer("page", {"id": "75"})[0] == 404  # 75 is willkommen's translation id
    # what the CMS answers when something is wrong
    assert tree.answer("page", {}) == (400, {"error": "Either the id or the url parameter is required."})
    assert tree.answer("parents", {"url": "/augsburg/de/gibt-es-nicht/"})[0] == 404
    assert tree.answer("children", {"url": "/augsburg/de/gibt-es-nicht/", "depth": "1"})[0] == 404


def test_old_slugs_answer_and_shared_slugs_do_not():
    pages = augsburg("augsburg_de_pages.json")
    moved = [dict(p) for p in pages]
    moved[0]["slug_history"] = ["alter-name", *moved[0].get("slug_history", [])]
    tree = PageTree(moved, ids_from_parents(moved))
    assert tree.page(url="/augsburg/de/alter-name/")["path"] == moved[0]["path"]
    moved[1]["slug_history"] = ["alter-name"]
    status, body = PageTree(moved).answer("page", {"url": "/augsburg/de/alter-name/"})
    assert status == 500 and "not unique" in body["error"]


def test_slugify_and_file_names_match_the_cms_and_browsers():
    assert slugify("Behörden und  Beratung!") == "behörden-und-beratung"
    assert slugify("معلومات-الوصول") == "معلومات-الوصول"
    assert file_key("behörden") == "beh%C3%B6rden"


def publish_demo(demo_db, out: Path) -> None:
    publish_package(
        demo_db,
        out,
        policy="machine",
        base_url="https://integreat.example.org",
        today=date(2026, 12, 1),
        generated_at=datetime(2026, 12, 1, 6, 0, tzinfo=UTC),
    )


def test_parent_ids_are_page_ids_in_every_language(demo_db, tmp_path):
    out = tmp_path / "pkg"
    publish_demo(demo_db, out)
    manifest = json.loads((out / "manifest.json").read_text())
    published = {lang["code"]: lang for lang in manifest["languages"] if lang["published"]}
    codes = list(published)
    assert len(codes) >= 4
    for code in codes:
        tree = PageTree.from_package(out, REGION, code)
        pages = json.loads((out / f"api/v3/{REGION}/{code}/pages/index.json").read_text())
        # (a language with only events has an empty tree)
        assert len(tree.ordered) == len(pages) and (pages or published[code]["events"])
        assert not any("_page_id" in p for p in pages)
        for page in pages:
            if page["parent"]["id"]:
                # the parent.id is the id page/?id= finds the parent by
                assert tree.page(page_id=page["parent"]["id"])["path"] == page["parent"]["path"]
            # and every page answers page/?id= with itself
            own = tree.page_ids()[page["path"]]
            assert tree.page(page_id=own) == page
            assert (out / f"api/v3/{REGION}/{code}/page/id/{own}/index.json").is_file()
        # the files are the answers
        for relpath, value in tree.static_files():
            assert (out / f"api/v3/{REGION}/{code}/{relpath}").read_bytes() == dump(value), relpath


def get(url: str) -> tuple[int, object]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        body = error.read()
        error.close()
        try:
            return error.code, json.loads(body.decode("utf-8"))
        except ValueError:
            return error.code, None


def tree_queries(tree: PageTree) -> list[str]:
    """Every query the apps make for this tree, and some they should not."""
    queries = ["children/", "children/?depth=1", "children/?depth=abc", "page/?url=/x/gibt-es-nicht/"]
    queries += [f"children/?depth={d}" for d in range(tree.height() + 2)]
    for node in tree.ordered:
        url = quote(node.page["path"], safe="/")
        queries += [f"children/?depth={d}&url={url}" for d in range(tree.height(node) + 2)]
        queries += [f"children/?url={quote(node.page['path'], safe='')}&depth=2", f"children/?url={url}"]
        queries += [f"parents/?url={url}", f"page/?url={url}"]
        if node.page_id is not None:
            queries += [f"children/?id={node.page_id}&depth=1", f"parents/?id={node.page_id}"]
            queries += [f"page/?id={node.page_id}", f"page/?id={node.page_id}&url=/x/y/"]
    return queries


def compare(serve_base: str, nginx_base: str, prefix: str, queries: list[str]) -> int:
    compared = 0
    for query in queries:
        ours = get(f"{serve_base}{prefix}{query}")
        theirs = get(f"{nginx_base}{prefix}{query}")
        if ours[0] == 200 or theirs[0] == 200:
            assert theirs == ours, query
        else:  # the CMS's 400/500 are 404 in a static tree (README)
            assert theirs[0] == 404 and ours[0] in (400, 404, 500), query
        compared += ours[0] == 200
    return compared


def test_nginx_with_the_readme_configuration_answers_like_lotse_serve(demo_db, tmp_path):
    out = tmp_path / "pkg"
    publish_demo(demo_db, out)
    assert out.stat().st_mode & 0o777 == 0o755  # nginx's workers run as another user
    manifest = json.loads((out / "manifest.json").read_text())
    codes = [lang["code"] for lang in manifest["languages"] if lang["published"]]
    server, thread = serve_in_background(out, 0)
    nginx = Nginx(out, tmp_path / "nginx")
    serve_base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        plain = ["/api/v3/regions/", f"/api/v3/regions/{REGION}/", f"/api/v3/{REGION}/languages/"]
        for code in codes:
            plain += [
                f"/api/v3/{REGION}/{code}/{rest}"
                for rest in (
                    "pages/",
                    "locations/?on_map=1",
                    "location-categories/",
                    "events/?combine_recurring=True",
                    "imprint/",
                    "disclaimer/",
                    "news",
                    "fcm/?channel=news",
                )
            ]
        for path in plain:
            status, body = get(nginx.base + path)
            assert status == 200 and (status, body) == get(serve_base + path), path
        answered = 0
        for code in codes:
            tree = PageTree.from_package(out, REGION, code)
            answered += compare(serve_base, nginx.base, f"/api/v3/{REGION}/{code}/", tree_queries(tree))
        assert answered > 1000
        status, body = get(nginx.base + f"/api/v3/{REGION}/de/page/")
        assert status == 404 and body == {"error": "Not found."}
        # the images the package names: same bytes, an image type
        place = get(serve_base + f"/api/v3/{REGION}/de/locations/")[1][0]
        for url in (place["category"]["icon_url"], place["organization"]["logo"]):
            path = url.split("integreat.example.org", 1)[1]
            with urllib.request.urlopen(nginx.base + path, timeout=10) as theirs:
                with urllib.request.urlopen(serve_base + path, timeout=10) as ours:
                    assert theirs.read() == ours.read()
                    assert theirs.headers["Content-Type"] == ours.headers["Content-Type"]
                    assert theirs.headers["Content-Type"].startswith("image/")
    finally:
        nginx.stop()
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert "[crit]" not in nginx.errors() and "[emerg]" not in nginx.errors()


def test_nginx_finds_arabic_slugs_like_lotse_serve(tmp_path):
    """Unicode slugs (as imported from a CMS) are files named by their percent-encoding."""
    pages = augsburg("augsburg_ar_pages.json")
    tree = PageTree(pages, ids_from_parents(pages))
    folder = tmp_path / "pkg"
    lang_folder = folder / "api/v3/augsburg/ar"
    (lang_folder / "pages").mkdir(parents=True)
    (lang_folder / "pages/index.json").write_bytes(dump(pages))
    (folder / "lotse/page-ids").mkdir(parents=True)
    (folder / "lotse/page-ids/ar.json").write_bytes(dump(tree.page_ids()))
    for relpath, value in tree.static_files():
        (lang_folder / relpath).parent.mkdir(parents=True, exist_ok=True)
        (lang_folder / relpath).write_bytes(dump(value))
    assert any("%D9%85" in p.name for p in (lang_folder / "page/url").iterdir())
    server, thread = serve_in_background(folder, 0)
    nginx = Nginx(folder, tmp_path / "nginx")
    try:
        answered = compare(
            f"http://127.0.0.1:{server.server_address[1]}",
            nginx.base,
            "/api/v3/augsburg/ar/",
            tree_queries(tree),
        )
        assert answered > 50
        status, body = get(
            nginx.base + "/api/v3/augsburg/ar/parents/?url=" + quote(pages[1]["path"], safe="/")
        )
        assert status == 200 and paths(body) == [pages[1]["parent"]["path"]]
    finally:
        nginx.stop()
        server.shutdown()
        server.server_close()
        thread.join(5)
