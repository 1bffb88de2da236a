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

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import build_state
from .app_assets import prepare_assets
from .app_rules import AppContext, check_file, errors_of
from .build_trace import Trace, TracingDumper, language_of
from .content_objects import ContentObjects, content_files
from .input_keys import InputKeys, input_keys
from .json_bytes import Dumper, dump  # noqa: F401 - dump for the tests and callers
from .objects import Builder
from .package_data import FORMAT, manifest_for, prepare_media, side_files  # noqa: F401 - FORMAT for verify.py
from .page_tree import PageTree, split_page_ids
from .policy import Omission, Plan, plan_publication
from .republish import FastResult, fast_delta, shapes_of
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
    # how the run was written: "fast" (only changed offers built), "compared" (every file built,
    # the changed ones handed over), "full" (every file written)
    written_as: str = "full"


def _record(
    out: Path, manifest: dict, build: _Build, recorder: build_state.Recorder, seq: int | None
) -> None:
    """The sidecar for the run just switched to; without one (no versioned layout, or it could
    not be written) none is left that could describe another run."""
    run = manifest.get("run")
    try:
        if run and build_state.live_run(out) == run:
            facts = {
                "seq": seq,
                "languages": build.plan.languages,
                "page_counts": build.page_counts,
                "untraced": sorted(build.trace.untraced),
            }
            shapes = shapes_of(build.snapshot, build.plan, build.base_url, build.image_urls)
            build_state.save(
                out, run, build.keys, recorder.digests, shapes=shapes, trace=build.trace, facts=facts
            )
        else:
            build_state.forget(out)
    except (OSError, sqlite3.Error):
        build_state.forget(out)


def _advance(
    out: Path, manifest: dict, last: build_state.LastBuild, seq: int | None, fast: FastResult
) -> None:
    run = manifest.get("run")
    try:
        if run and build_state.live_run(out) == run:
            build_state.advance(last, run, seq=seq, files=fast.digests, objects=fast.objects)
        else:
            build_state.forget(out)
    except (OSError, sqlite3.Error):
        build_state.forget(out)


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


# --- writing ----------------------------------------------------------------------


@dataclass
class _Build:
    """One publish's plan, media and the functions giving its files and its manifest."""

    snapshot: RegionSnapshot
    plan: Plan
    keys: InputKeys
    media: dict[str, bytes]
    app: AppContext
    warnings: list[PackageProblem]
    page_counts: dict[str, tuple[int, int]]
    expected: int
    payload: Callable[[], Iterator[tuple[str, bytes]]]
    manifest_of: Callable[[], dict]
    base_url: str
    image_urls: dict
    trace: Trace


def _prepare(
    snapshot: RegionSnapshot,
    *,
    base_url: str,
    today: date,
    generated_at: datetime,
    lotse_version: str,
    policy: str | None,
    make_zip: bool,
    progress,
    token,
    failed_checks: dict | None,
    local_preview: bool,
) -> _Build:
    plan = plan_publication(snapshot, today=today, override=policy, failed_checks=failed_checks)
    _check(token)
    keys = input_keys(
        snapshot,
        base_url=base_url,
        today=today,
        policy=policy,
        local_preview=local_preview,
        lotse_version=lotse_version,
    )
    image_urls, media, image_problems = prepare_media(snapshot, plan, base_url)
    plan.omissions.extend(image_problems)
    media.update(prepare_assets(snapshot, plan, base_url, image_urls))
    app = AppContext(base_url, set(media), local_preview)
    warnings: list[PackageProblem] = []
    page_counts: dict[str, tuple[int, int]] = {}
    languages = max(1, len(plan.languages))
    units = languages + (1 if make_zip else 0)  # progress: one step per language, one for the zip
    # files: 3 for the region, 7 per language, the side files, the images
    expected = 3 + 10 * len(plan.languages) + 1 + len(plan.languages) + len(media)

    trace = Trace()

    def payload() -> Iterator[tuple[str, bytes]]:
        warnings.clear()
        trace.reset()  # what this pass holds, not an earlier one
        steps = iter_files(
            snapshot,
            plan,
            base_url,
            image_urls,
            token=token,
            counts=page_counts,
            app=app,
            warnings=warnings,
            today=today,
            progress=lambda d, t, m="": progress(d, units, m),
        )
        dumper, group = TracingDumper(trace), ""
        for index, (path, value) in enumerate(steps):
            if not path.startswith(group):  # a new language: its objects are not in the next one's
                dumper.forget()
                group = "/".join(path.split("/")[:4]) + "/"
            dumper.lang, dumper.file_index = language_of(path, snapshot.slug), index
            yield path, dumper(value)
        dumper.forget()
        progress(languages, units, "media")
        yield from sorted(media.items())

    def manifest_of() -> dict:
        return manifest_for(
            snapshot,
            plan,
            base_url=base_url,
            lotse_version=lotse_version,
            generated_at=generated_at,
            page_counts=page_counts,
            local_preview=local_preview,
        )

    return _Build(
        snapshot,
        plan,
        keys,
        media,
        app,
        warnings,
        page_counts,
        expected,
        payload,
        manifest_of,
        base_url,
        image_urls,
        trace,
    )


@dataclass
class Changes:
    """What the change log says since the live run's sidecar (desktop/publish_changes.py)."""

    seq: int | None  # the log's newest number now (None: no log here, read everything)
    items: set[int] | None = None  # items changed since the sidecar's number (None: unknown)
    # when the snapshot was read light: the full one and its failed checks, read anew
    full_snapshot: Callable[[], tuple[RegionSnapshot, dict]] | None = None


@dataclass
class Planned:
    """How a publish will write: a delta against the live run (fast: only changed offers built;
    or every file built and compared), or every file."""

    build: _Build
    last: build_state.LastBuild | None
    delta: build_state.Delta | None = None
    fast: FastResult | None = None
    recorder: build_state.Recorder | None = None
    trace: Trace | None = None
    why: str = ""  # why not the fast path


def plan_write(snapshot: RegionSnapshot, out: Path, changes: Changes | None, **options) -> Planned:
    """Decide and build (see the class). A light snapshot is replaced by the full one as soon
    as anything but the fast path is taken."""
    build = _prepare(snapshot, **options)
    last = build_state.load(out)
    same = last is not None and (last.context, last.images) == (build.keys.context, build.keys.images)
    if same and last and changes and changes.items is not None and last.seq is not None:
        fast = fast_delta(
            snapshot,
            build.plan,
            last,
            changes.items,
            out=out,
            base_url=options["base_url"],
            image_urls=build.image_urls,
            app=build.app,
        )
        if isinstance(fast, FastResult):
            return Planned(build, last, fast.delta, fast)
        why = fast
    else:
        why = "no sidecar, another context, or no change log"
    if changes and changes.full_snapshot is not None:
        full, failed = changes.full_snapshot()
        build = _prepare(full, **{**options, "failed_checks": failed})
        same = last is not None and (last.context, last.images) == (build.keys.context, build.keys.images)
    recorder = build_state.Recorder()
    if same and last is not None:
        delta = build_state.delta_of(last, build.payload(), recorder)
        return Planned(build, last, delta, None, recorder, build.trace, why)
    return Planned(build, None, None, None, recorder, build.trace, why)


def package_delta(
    snapshot: RegionSnapshot, out: str | Path, changes: Changes | None = None, **options
) -> Planned:
    """What a publish of ``snapshot`` into ``out`` would hand the writer, nothing written
    (``options`` as for :func:`make_package`)."""
    return plan_write(
        snapshot, Path(out).absolute(), changes, **{"progress": _noop, "token": None, **options}
    )


def make_package(
    snapshot: RegionSnapshot,
    out: str | Path,
    *,
    base_url: str,
    today: date,
    generated_at: datetime,
    lotse_version: str,
    policy: str | None = None,
    make_zip: bool = False,
    progress=_noop,
    token=None,
    failed_checks: dict | None = None,
    local_preview: bool = False,
    changes: Changes | None = None,
) -> PackageResult:
    """Plan, build, check and write the package for one region (see the module docstring).
    ``changes``: what changed since the live run (a re-publish then writes only that)."""
    out = Path(out).absolute()
    options = dict(
        base_url=base_url,
        today=today,
        generated_at=generated_at,
        lotse_version=lotse_version,
        policy=policy,
        make_zip=make_zip,
        progress=progress,
        token=token,
        failed_checks=failed_checks,
        local_preview=local_preview,
    )
    planned = plan_write(snapshot, out, changes, **options)
    build = planned.build
    languages = max(1, len(build.plan.languages))
    units = languages + (1 if make_zip else 0)

    def write_progress(done: int, total: int, message: str = "") -> None:
        if message.startswith("zip: "):  # the zip comes after every language's files
            progress(languages, units, message)

    def write(payload, delta):
        return write_package(
            out,
            payload,
            build.manifest_of,
            make_zip=make_zip,
            delta=delta,
            token=token,
            progress=write_progress,
            expected=build.expected,
        )

    seq = changes.seq if changes else None
    written, how = None, "full"
    if planned.delta is not None:
        delta = PackageDelta(planned.delta.base_run, planned.delta.changed, planned.delta.removed)
        try:
            written, how = write(None, delta), "fast" if planned.fast is not None else "compared"
        except DeltaUnusable:
            written, how = None, "full"
    if written is not None and planned.fast is not None and planned.last is not None:
        fast = planned.fast
        build.page_counts.update(fast.page_counts)
        build.warnings.extend(fast.warnings)
        _advance(out, written[0], planned.last, seq, fast)
    elif written is not None and planned.recorder is not None:
        _record(out, written[0], build, planned.recorder, seq)
    else:
        if planned.fast is not None and changes and changes.full_snapshot is not None:
            full, failed = changes.full_snapshot()  # the light one cannot give every file
            build = _prepare(full, **{**options, "failed_checks": failed})
        recorder = build_state.Recorder()
        written = write(recorder(build.payload()), None)
        _record(out, written[0], build, recorder, seq)
    manifest, zip_path, total_bytes = written
    progress(units, units, "")
    plan, warnings = build.plan, build.warnings
    return PackageResult(
        Path(out).absolute(),
        zip_path,
        manifest,
        plan,
        len(manifest["files"]) + 1,
        total_bytes,
        plan.omissions,
        warnings,
        written_as=how,
    )
