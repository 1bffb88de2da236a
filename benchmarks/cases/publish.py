"""Publishing the app package for the whole region, against json.dumps of the same objects
written to the same files (no reading, planning, checking, hashing or atomic swap)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime

from ..harness import Result, Stats, alternate, timed
from ._landing import describe, first_available

WHAT = "publish the app package"
CANDIDATES = [("desktop.publish", "publish_package")]


def missing() -> str | None:
    return None if first_available(CANDIDATES) else describe(CANDIDATES, "the app package (issue 6)")


def _same_objects(db):
    """The files the package holds, as Python objects (built once, outside the timing)."""
    from desktop.publish import DEFAULT_BASE_URL, load_snapshot
    from export.integreat.package import build_files, prepare_media
    from export.integreat.policy import plan_publication

    with db.transaction() as session:
        snapshot = load_snapshot(session)
    plan = plan_publication(snapshot, today=date.today())
    urls, _media, _ = prepare_media(snapshot, plan, DEFAULT_BASE_URL)
    return build_files(snapshot, plan, DEFAULT_BASE_URL, urls)


def run(bench) -> list[Result]:
    from desktop.db import open_database
    from desktop.publish import publish_package

    region = bench.region
    db = open_database(region.url)
    ours_out, plain_out = bench.scratch / "package", bench.scratch / "plain"
    files = _same_objects(db)
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    result = {}

    def ours() -> float:
        return timed(lambda: result.update(r=publish_package(db, ours_out, generated_at=stamp)))

    def plain() -> float:
        def write():
            shutil.rmtree(plain_out, ignore_errors=True)
            for relpath, value in files.items():
                target = plain_out / relpath
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")

        return timed(write)

    try:
        mine, theirs = alternate(ours, plain, bench.runs["slow"])
    finally:
        db.dispose()
    package = result["r"]
    return [
        Result(
            "publish",
            f"{WHAT} ({region.offers} × {len(region.languages)}: {package.file_count} files, "
            f"{package.total_bytes / 2**20:.0f} MiB)",
            "s",
            Stats.of(mine),
            "json.dumps of the same objects to the same files",
            Stats.of(theirs),
            notes="ours reads the database, applies the publishing policy, checks every "
            "file against the format, "
            "hashes it for the manifest and swaps the folder in atomically; the baseline "
            "only dumps and writes",
        )
    ]
