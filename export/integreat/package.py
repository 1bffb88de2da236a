"""The app package: every file of the static API tree, checked, written atomically, zipped.

Layout (relative to the package folder)::

    manifest.json                                   format, region, languages, SHA-256 of every file
    api/v3/regions/index.json                       [region]
    api/v3/regions/{region}/index.json              region
    api/v3/{region}/languages/index.json            languages
    api/v3/{region}/{lang}/pages/index.json         category pages with their offers as children
    api/v3/{region}/{lang}/locations/index.json     offers with an address and coordinates
    api/v3/{region}/{lang}/location-categories/index.json
    api/v3/{region}/{lang}/events/index.json        []
    api/v3/{region}/{lang}/imprint/index.json       (and disclaimer/, the legacy name)
    api/v3/{region}/{lang}/news/index.json          [] (and fcm/, the app's local news)
    api/v3/{region}/{lang}/children/, parents/, page/   the page tree's answers per query (page_tree.py)
    media/...                                       resized images
    lotse/offers.json, lotse/texts/{lang}.json      what the API has no field for (status, summary,
                                                    target groups...), so an import gives the same data
    lotse/page-ids/{lang}.json                      path -> the page's own id (its children's parent.id)

A static web server answering a folder with its ``index.json`` serves it as the API; the page
tree's query strings need a mapping to files (README: nginx), ``lotse serve`` has it built in.
The same data gives byte-identical files; only manifest.json carries the time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .app_rules import AppContext, check_file, errors_of
from .content_objects import ContentObjects, content_files
from .json_bytes import Dumper, dump  # noqa: F401 - dump for the tests and callers
from .objects import Builder
from .package_data import FORMAT, manifest_for, prepare_media, side_files  # noqa: F401 - FORMAT for verify.py
from .page_tree import PageTree, split_page_ids
from .policy import Omission, Plan
from .snapshot import RegionSnapshot
from .validate import PackageProblem, check_imprint, check_pages, check_places, check_region

# the writing and the atomic switch live in writer.py and swap.py; these names stay importable here
from .writer import (  # noqa: F401
    ZIP_DATE,
    DeltaUnusable,
    PackageDelta,
    PackageWriteError,
    is_package,
    recover,
    write_package,
)


class PackageInvalid(Exception):
    """The package breaks a rule of the format; nothing was written."""

    def __init__(self, problems: list[PackageProblem]):
        super().__init__("; ".join(p.message("en") for p in problems[:5]))
        self.problems = problems


@dataclass
class PackageResult:
    folder: Path
    zip_path: Path | None
    manifest: dict
    plan: Plan
    file_count: int
    total_bytes: int
    omissions: list[Omission] = field(default_factory=list)
    warnings: list[PackageProblem] = field(default_factory=list)  # the app's rules, not errors
    # how the run was written: "lean" (only changed offers read and built, lean.py), "fast" (only
    # changed offers built, every offer read), "compared" (every file built,
    # the changed ones handed over), "full" (every file written)
    written_as: str = "full"


def _noop(done: int, total: int, message: str = "") -> None:
    return None


def _check(token) -> None:
    if token is not None:
        token.raise_if_cancelled()


def iter_files(
    snapshot: RegionSnapshot,
    plan: Plan,
    base_url: str,
    image_urls: dict,
    progress=_noop,
    token=None,
    counts: dict | None = None,
    app: AppContext | None = None,
    warnings: list | None = None,
    today: date | None = None,
) -> Iterator[tuple[str, object]]:
    """Every JSON file of the tree as (path, value), one language at a time, each language
    checked against the format (and, given ``app``, the app's rules) before any of its files
    is given out (PackageInvalid). ``counts`` (if given) receives code -> (pages, places),
    ``warnings`` the app's rules' warnings."""
    thumbnails = {key[1]: url for key, url in image_urls.items() if key[0] == "offer"}
    thumbnails.update({-key[1]: url for key, url in image_urls.items() if key[0] == "org"})
    tiles = {key[1]: url for key, url in image_urls.items() if key[0] == "category"}
    builder = Builder(snapshot, plan, base_url, thumbnails, tiles)
    content = ContentObjects(builder, today)
    region_slug = snapshot.slug
    base = f"api/v3/{region_slug}"
    region = builder.region()

    def app_checked(files: list[tuple[str, object]], problems: list) -> list[tuple[str, object]]:
        if app is not None:
            for relpath, value in files:
                problems += check_file(relpath, value, app)
        if errors_of(problems):
            raise PackageInvalid(errors_of(problems))
        if warnings is not None:
            warnings.extend(problems)
        return files

    yield from app_checked(
        [
            ("api/v3/regions/index.json", [region]),
            (f"api/v3/regions/{region_slug}/index.json", region),
            (f"{base}/languages/index.json", builder.language_objects()),
        ],
        check_region(region, "api/v3/regions/index.json"),
    )
    codes = plan.languages
    all_page_ids: set[int] = set()
    tree_ids: dict[str, dict[str, int]] = {}
    for index, code in enumerate(codes):
        _check(token)
        progress(index, len(codes), f"{code}: pages, places")
        pages = content.tree_pages(code) + builder.pages(code)
        places, imprint = builder.places(code), builder.imprint(code)
        folder = f"{base}/{code}"
        problems = check_pages(pages, region_slug, code, f"{folder}/pages")
        problems += check_places(places, region_slug, code, f"{folder}/locations")
        problems += check_imprint(imprint, region_slug, code, f"{folder}/imprint")
        if errors_of(problems):
            raise PackageInvalid(errors_of(problems))
        if counts is not None:
            counts[code] = (len(pages), len(places))
        pages, page_ids = split_page_ids(pages)
        all_page_ids.update(page_ids.values())
        tree_ids[code] = page_ids
        yield from app_checked(
            [
                (f"{folder}/pages/index.json", pages),
                (f"{folder}/locations/index.json", places),
                (f"{folder}/location-categories/index.json", builder.place_categories(code)),
                *[
                    (path, value)
                    for path, value in content_files(content, folder, code)
                    if path.endswith(".json")
                ],
                (f"{folder}/imprint/index.json", imprint),
                (f"{folder}/disclaimer/index.json", imprint),
                (f"{folder}/news/index.json", []),
                (f"{folder}/fcm/index.json", []),  # the app's local news: fcm/?channel=news
            ],
            problems,
        )
        # the calendars (events.ics, events-integreat.ics) beside events/
        yield from (
            (path, value) for path, value in content_files(content, folder, code) if path.endswith(".ics")
        )
        # children/, parents/ and page/ as files a web server maps the query string to
        for relpath, value in PageTree(pages, page_ids).static_files():
            yield f"{folder}/{relpath}", value
        builder.forget(code)
    for code, page_ids in tree_ids.items():
        # pages without a translation in this language: the CMS answers children/?id= with []
        for other in sorted(all_page_ids - set(page_ids.values())):
            yield f"{base}/{code}/children/id/{other}/index.json", []
        yield f"lotse/page-ids/{code}.json", page_ids
    yield from side_files(snapshot, plan).items()
    yield "lotse/content.json", content.side_file()


def build_files(
    snapshot: RegionSnapshot, plan: Plan, base_url: str, image_urls: dict, progress=_noop, token=None
) -> dict[str, object]:
    """Every JSON file of the tree, path -> value, checked against the format (all in memory)."""
    return dict(iter_files(snapshot, plan, base_url, image_urls, progress, token))
