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
        return timed(
            lambda: result.update(r=publish_package(db, ours_out, generated_at=stamp, local_preview=True))
        )

    def plain() -> float:
        def write():
            shutil.rmtree(plain_out, ignore_errors=True)
            for relpath, value in files.items():
                target = plain_out / relpath
                target.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(value, bytes):  # the calendars
                    target.write_bytes(value)
                else:
                    target.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")

        return timed(write)

    try:
        mine, theirs = alternate(ours, plain, bench.runs["slow"])
    finally:
        db.dispose()
    package = result["r"]
    return [
        *(_republish(bench) if bench.wants("republish") else []),
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
        ),
    ]


def _republish(bench) -> list[Result]:
    """A publish after one offer changed (the previous run's unchanged files and zip entries
    reused) against a full publish of the same state into a new folder; both with the zip."""
    from desktop.db import open_database
    from desktop.offers import get_offer, list_offers, save_offer
    from desktop.publish import publish_package

    region = bench.private_region("republish")
    db = open_database(region.url)
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    out, fresh = bench.scratch / "re" / "package", bench.scratch / "full" / "package"
    rows = [r for r in list_offers(db) if r.state == "published"]
    counter = [0]

    def publish(folder):
        return publish_package(db, folder, generated_at=stamp, local_preview=True, make_zip=True)

    def change_one() -> None:
        counter[0] += 1
        row = rows[counter[0] % len(rows)]
        offer = get_offer(db, row.id)
        street = f"Benchmarkstraße {counter[0]}"
        save_offer(db, row.id, expected_version=offer.version, author="bench", facts={"street": street})

    def incremental() -> float:
        change_one()
        return timed(lambda: publish(out))

    def full() -> float:
        for leftover in fresh.parent.glob("*"):
            shutil.rmtree(leftover) if leftover.is_dir() and not leftover.is_symlink() else leftover.unlink()
        return timed(lambda: publish(fresh))

    try:
        publish(out)  # the previous run
        incremental(), incremental()  # the writer's spare run (two runs old) exists from here on
        if bench.size == "full":  # a full publish takes ~15 min here: measured once
            theirs = [full()]
            mine = [incremental() for _ in range(3 * bench.runs["slow"])]
        else:
            mine, theirs = alternate(incremental, full, bench.runs["slow"])
    finally:
        db.dispose()
    return [
        Result(
            "republish",
            f"re-publish after one offer changed ({region.offers} × {len(region.languages)}, with the zip)",
            "s",
            Stats.of(mine),
            "a full publish of the same state into a new folder",
            Stats.of(theirs),
            notes="only the changed offer is read and built (export/integreat/lean.py), the files "
            "holding it spliced, the writer's spare run brought up to date and its zip patched; "
            "byte-identical to the full publish (tests/integreat/test_publish_delta.py)"
            + ("; at full size the full publish is measured once" if bench.size == "full" else ""),
        )
    ]
