"""Writing the package: a full build, or a delta against the live run (the sidecar beside the
package, build_state.py; the fast path for a few changed offers, republish.py), handed to the
writer (writer.py). Kept apart from package.py, which decides what the package holds."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import build_state
from .app_assets import prepare_assets
from .app_rules import AppContext
from .build_trace import Trace, TracingDumper, language_of
from .input_keys import InputKeys, input_keys
from .lean import WholeRegion, lean_delta, records_of
from .lean_groups import categories_of, group_delta
from .package import PackageResult, _check, _noop, iter_files
from .package_data import manifest_for, prepare_media, tallies_of
from .policy import FactsMemo, Plan, plan_publication
from .republish import FastResult, _builder, fast_delta, shapes_of
from .snapshot import RegionSnapshot
from .validate import PackageProblem
from .writer import DeltaUnusable, PackageDelta, write_package

Progress = Callable[..., None]


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
    manifest_of: Callable[[], dict[str, Any]]
    base_url: str
    image_urls: dict[Any, str]
    trace: Trace
    memo: FactsMemo
    tallies: dict[str, Any] | None = None  # the manifest's counts when not the plan's (lean.py)


def _prepare(
    snapshot: RegionSnapshot,
    *,
    base_url: str,
    today: date,
    generated_at: datetime,
    lotse_version: str,
    policy: str | None,
    make_zip: bool,
    progress: Progress,
    token: Any,
    failed_checks: dict[Any, Any] | None,
    local_preview: bool,
    last: build_state.LastBuild | None = None,
    whole: WholeRegion | None = None,
) -> _Build:
    keys = input_keys(
        snapshot,
        base_url=base_url,
        today=today,
        policy=policy,
        local_preview=local_preview,
        lotse_version=lotse_version,
        images=whole.images if whole is not None else None,
    )
    # facts the live run found clean are not checked again (same context: same checks, same box)
    same = last is not None and (last.context, last.images) == (keys.context, keys.images)
    memo = FactsMemo(known=last.clean() if last is not None and same else set())
    plan = plan_publication(snapshot, today=today, override=policy, failed_checks=failed_checks, memo=memo)
    _check(token)
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

    def manifest_of() -> dict[str, Any]:
        return manifest_for(
            snapshot,
            plan,
            base_url=base_url,
            lotse_version=lotse_version,
            generated_at=generated_at,
            page_counts=page_counts,
            local_preview=local_preview,
            tallies=build.tallies,
        )

    build = _Build(
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
        memo,
    )
    return build


@dataclass
class Changes:
    """What the change log says since the live run's sidecar (desktop/publish_changes.py)."""

    seq: int | None  # the log's newest number now (None: no log here, read everything)
    items: set[int] | None = None  # items changed since the sidecar's number (None: unknown)
    # when the snapshot was read light: the full one and its failed checks, read anew
    full_snapshot: Callable[[], tuple[RegionSnapshot, dict[Any, Any]]] | None = None
    sidecar: build_state.Sidecar | None = None  # where the package's sidecar is kept (None: nowhere)
    # when the snapshot holds only the changed items (lean.py): what was read of the others, and
    # the snapshot of every item with only the changed ones' contents (republish.py's fast path)
    whole: WholeRegion | None = None
    light_snapshot: Callable[[], tuple[RegionSnapshot, dict[Any, Any]]] | None = None
    # the changed offers and every offer of the given categories (lean_groups.py), None: not offers
    siblings: Callable[[set[int]], tuple[RegionSnapshot, dict[Any, Any]] | None] | None = None


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


def plan_write(snapshot: RegionSnapshot, out: Path, changes: Changes | None, **options: Any) -> Planned:
    """Decide and build (see the class). A light snapshot is replaced by the full one as soon
    as anything but the fast path is taken."""
    store = changes.sidecar if changes else None
    last = store.load(out) if store is not None else None
    whole = changes.whole if changes else None
    build = _prepare(snapshot, last=last, whole=whole, **options)
    same = last is not None and (last.context, last.images) == (build.keys.context, build.keys.images)
    why = "no sidecar, another context, or no change log"
    if same and last and changes and changes.items is not None and last.seq is not None and whole:
        lean = lean_delta(
            snapshot,
            build.plan,
            last,
            changes.items,
            whole,
            out=out,
            base_url=options["base_url"],
            image_urls=build.image_urls,
            app=build.app,
        )
        if isinstance(lean, FastResult):
            return Planned(build, last, lean.delta, lean)
        why = lean
        touched = categories_of(snapshot, changes.items)
        wider = changes.siblings(touched) if touched and changes.siblings else None
        if wider is not None:
            group_build = _prepare(wider[0], last=last, whole=whole, **{**options, "failed_checks": wider[1]})
            grouped = group_delta(
                wider[0],
                group_build.plan,
                last,
                changes.items,
                whole,
                out=out,
                base_url=options["base_url"],
                image_urls=group_build.image_urls,
                app=group_build.app,
            )
            if isinstance(grouped, FastResult):
                return Planned(group_build, last, grouped.delta, grouped)
            why += "; " + grouped
    if whole is not None and changes and changes.light_snapshot is not None:
        snapshot, failed = changes.light_snapshot()  # every item, the changed ones' contents
        build = _prepare(snapshot, last=last, **{**options, "failed_checks": failed})
        same = last is not None and (last.context, last.images) == (build.keys.context, build.keys.images)
    elif whole is not None:
        same = False  # the snapshot holds only some items: build everything from the full one
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
        why = f"{why}; {fast}" if why else fast
    if changes and changes.full_snapshot is not None:
        full, failed = changes.full_snapshot()
        build = _prepare(full, last=last, **{**options, "failed_checks": failed})
        same = last is not None and (last.context, last.images) == (build.keys.context, build.keys.images)
    recorder = build_state.Recorder()
    if same and last is not None:
        delta = build_state.delta_of(last, build.payload(), recorder)
        return Planned(build, last, delta, None, recorder, build.trace, why)
    return Planned(build, None, None, None, recorder, build.trace, why)


def package_delta(
    snapshot: RegionSnapshot, out: str | Path, changes: Changes | None = None, **options: Any
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
    progress: Progress = _noop,
    token: Any = None,
    failed_checks: dict[Any, Any] | None = None,
    local_preview: bool = False,
    changes: Changes | None = None,
) -> PackageResult:
    """Plan, build, check and write the package for one region (see the module docstring).
    ``changes``: what changed since the live run (a re-publish then writes only that)."""
    out = Path(out).absolute()
    options: dict[str, Any] = dict(
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

    def write(
        payload: Iterator[tuple[str, bytes]] | None, delta: PackageDelta | None
    ) -> tuple[dict[str, Any], Path | None, int]:
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

    written, how = None, "full"
    if planned.fast is not None:  # the manifest counts what the live run has: the shapes are the same
        build.page_counts.update(planned.fast.page_counts)
        build.tallies = planned.fast.tallies
    if planned.delta is not None:
        delta = PackageDelta(planned.delta.base_run, planned.delta.changed, planned.delta.removed)
        try:
            how = "compared" if planned.fast is None else "lean" if planned.fast.lean else "fast"
            written = write(None, delta)
        except DeltaUnusable:
            written, how = None, "full"
    if written is not None and planned.fast is not None and planned.last is not None and changes is not None:
        fast = planned.fast
        build.warnings.extend(fast.warnings)
        _advance(out, written[0], planned.last, changes, fast, build.memo.found)
    elif written is not None and planned.recorder is not None:
        _record(out, written[0], build, planned.recorder, changes)
    else:
        if planned.fast is not None and changes and changes.full_snapshot is not None:
            full, failed = changes.full_snapshot()  # the light one cannot give every file
            build = _prepare(full, **{**options, "failed_checks": failed})
        recorder = build_state.Recorder()
        written = write(recorder(build.payload()), None)
        _record(out, written[0], build, recorder, changes)
    manifest, zip_path, total_bytes = written
    progress(units, units, "")
    plan, warnings = build.plan, build.warnings
    return PackageResult(
        Path(out).absolute(),
        zip_path,
        manifest,
        plan,
        manifest["file_count"] + len(manifest["parts"]) + 1,
        total_bytes,
        plan.omissions,
        warnings,
        written_as=how,
    )


def _record(
    out: Path,
    manifest: dict[str, Any],
    build: _Build,
    recorder: build_state.Recorder,
    changes: Changes | None,
) -> None:
    """The sidecar for the run just switched to; without one (no versioned layout) none is
    left that could describe another run."""
    store = changes.sidecar if changes else None
    if store is None:
        return
    run = manifest.get("run")
    if not (run and build_state.live_run(out) == run):
        store.forget(out)
        return
    facts = {
        "seq": changes.seq if changes else None,
        "languages": build.plan.languages,
        "page_counts": build.page_counts,
        "untraced": sorted(build.trace.untraced),
    }
    shapes = shapes_of(build.snapshot, build.plan, build.base_url, build.image_urls)
    records = records_of(
        build.snapshot, build.plan, _builder(build.snapshot, build.plan, build.base_url, build.image_urls)
    )
    clean = build.memo.known | build.memo.found
    store.save(
        out,
        run,
        build.keys,
        recorder.digests,
        shapes=shapes,
        trace=build.trace,
        facts={**facts, "tallies": tallies_of(build.snapshot, build.plan)},
        clean=clean,
        records=records,
    )


def _advance(
    out: Path,
    manifest: dict[str, Any],
    last: build_state.LastBuild,
    changes: Changes,
    fast: FastResult,
    clean: set[bytes],
) -> None:
    store = changes.sidecar
    if store is None:
        return
    run = manifest.get("run")
    if run and build_state.live_run(out) == run:
        store.advance(
            last,
            run,
            seq=changes.seq,
            files=fast.digests,
            objects=fast.objects,
            clean=clean,
            records=fast.records,
            facts={"tallies": fast.tallies, "page_counts": fast.page_counts},
            removed=fast.delta.removed,
            gone_objects=fast.gone_objects,
            shapes=fast.shapes,
        )
    else:
        store.forget(out)
