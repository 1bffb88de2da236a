"""Writing a run from a :class:`PackageDelta` in O(changed files): the recycled spare run brought
up to date.

Every run records in ``RUN/changes.json`` which files (manifest parts included) differ from the
run it was made from (reuse.record_changes). The spare (the newest run no reader follows,
swap.py) is some runs behind the live one; following those records from the live run back to
the spare gives every file where the spare differs from the live run. Those and the delta's own
files are the only ones touched: each is removed, written with the delta's bytes or hard-linked
from the live run. Of the manifest only the parts holding a touched file are written again
(manifest_parts.py). Files are never written in place (a spare's file may be a hard link shared
with a live run). When the records do not reach the spare, the caller writes the full run.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .delta import DeltaUnusable, PackageDelta
from .json_bytes import manifest_bytes
from .manifest_parts import (
    ManifestError,
    is_part,
    part_bytes,
    part_count,
    part_entry,
    part_of,
    parts_of,
    read_part,
)
from .reuse import CHANGES, read_changes, write_changes
from .swap import SPARE, SYNCFS, link_file, remove_old, step, write_file

MAX_HOPS = 4  # runs between the spare and the live one followed at most


@dataclass
class CatchUp:
    """What bringing the spare up to the next run takes (found before anything is changed)."""

    spare: Path  # the spare's run folder (``.DIR.versions/spare``)
    live: Path  # the live run's folder (``.DIR.versions/RUN``)
    manifest: dict[str, object]  # the live manifest
    parts: list[dict[str, object]]  # the live manifest's parts
    touched: set[str]  # files (no parts) where the next run differs from the spare
    entries: dict[str, dict[str, object]] = field(default_factory=dict)  # the live parts read, by file
    read_parts: dict[int, dict[str, dict[str, object]]] = field(default_factory=dict)


def _manifest(folder: Path) -> dict[str, object] | None:
    try:
        value = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def plan_catch_up(versions: Path, delta: PackageDelta) -> CatchUp | None:
    """The catch-up of the spare to ``delta``'s next run, or None when the records do not
    reach the spare (no spare, a run without its record, parts of another count). Raises
    DeltaUnusable when the live run is not the delta's base."""
    current = versions / "current"
    live_run = os.readlink(current) if current.is_symlink() else ""
    live = versions / live_run
    manifest = _manifest(live / "package") if live_run else None
    if manifest is None or manifest.get("run") != delta.base_run:
        raise DeltaUnusable(f"the live run is not {delta.base_run}")
    parts = parts_of(manifest)
    spare = versions / SPARE
    spare_manifest = _manifest(spare / "package") if spare.is_dir() and not spare.is_symlink() else None
    if parts is None or spare_manifest is None:
        return None
    spare_parts = parts_of(spare_manifest)
    if spare_parts is None or len(spare_parts) != len(parts):
        return None
    spare_run = spare_manifest.get("run")
    touched: set[str] = set()
    run = live_run
    for _hop in range(MAX_HOPS):
        record = read_changes(versions / run)
        if record is None:
            return None
        base, changed, removed = record
        touched.update(p for p in [*changed, *removed] if not is_part(p))
        if base == spare_run:
            break
        run = base
        if not base or not (versions / base).is_dir():
            return None
    else:
        return None
    touched |= set(delta.changed) | delta.removed
    plan = CatchUp(spare, live, manifest, parts, touched)
    count = len(parts)
    try:
        for number in sorted({part_of(p, count) for p in touched}):
            files = read_part(live / "package", parts[number])
            plan.read_parts[number] = files
            plan.entries.update(files)
    except (ManifestError, IndexError):
        return None
    added = sum(1 for p in delta.changed if p not in plan.entries)
    gone = sum(1 for p in delta.removed if p in plan.entries)
    files_now = manifest.get("file_count")
    if not isinstance(files_now, int) or part_count(files_now + added - gone) != count:
        return None  # the number of parts changes: every part is new, a full write
    return plan


def _remove(target: str, root: str) -> None:
    if os.path.lexists(target):
        step(f"remove old {os.path.basename(target)}")
        os.unlink(target)
    parent = os.path.dirname(target)
    while parent != root:
        try:
            os.rmdir(parent)  # only when empty
        except OSError:
            break
        parent = os.path.dirname(parent)


def _put(target: str, data: bytes | None, source: str | None) -> None:
    """``target`` anew (whatever was there removed first): a link to ``source`` or ``data``."""
    if os.path.lexists(target):
        step(f"remove old {os.path.basename(target)}")
        os.unlink(target)
    else:
        parent = os.path.dirname(target)
        if not os.path.isdir(parent):
            step(f"mkdir {os.path.basename(parent)}")
            os.makedirs(parent, exist_ok=True)
    if source is not None and link_file(source, target):
        return
    if data is None:
        assert source is not None
        with open(source, "rb") as handle:
            data = handle.read()
    write_file(target, data, durable=SYNCFS is None)


def write_delta(
    plan: CatchUp,
    delta: PackageDelta,
    run: str,
    run_dir: Path,
    manifest_of: Callable[[], dict[str, object]],
    token: object,
) -> tuple[dict[str, object], int, dict[str, bytes | None], set[str]]:
    """Recycle the spare as ``run_dir`` and bring it to the delta's run: folder and manifest.
    Returns the manifest, the bytes of the package's files, every file of the package that
    differs from the spare (path -> its bytes, None: gone) and which of those have the live
    run's bytes (their value is ``b""``: the zip copies the live zip's entry or reads the file)."""
    step("recycle spare")
    os.rename(plan.spare, run_dir)
    folder = run_dir / "package"
    step("remove old manifest.json")  # from here on the run is unusable as a spare: a kill loses it
    (folder / "manifest.json").unlink()
    remove_old(run_dir, (CHANGES,))
    root, live_root = str(folder), str(plan.live / "package")
    count = len(plan.parts)
    changed: list[str] = []
    removed: list[str] = []
    differs: dict[str, bytes | None] = {}  # against the spare, for the zip
    linked: set[str] = set()  # of those, the files with the live run's bytes
    written = 0
    grown = 0  # bytes of the package's files (parts included) now, less those of the live run
    new_entries: dict[int, dict[str, dict[str, object]]] = {n: dict(f) for n, f in plan.read_parts.items()}
    for index, relpath in enumerate(sorted(plan.touched)):
        if index % 10 == 0 and token is not None:
            token.raise_if_cancelled()  # type: ignore[attr-defined]
        target = f"{root}/{relpath}"
        old = plan.entries.get(relpath)
        old_size = int(str(old.get("bytes", 0))) if old is not None else 0
        part = new_entries[part_of(relpath, count)]
        data = delta.changed.get(relpath)
        if data is not None:
            entry: dict[str, object] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            if (
                old is not None
                and old.get("sha256") == entry["sha256"]
                and old.get("bytes") == entry["bytes"]
            ):
                _put(target, data, f"{live_root}/{relpath}")  # the live run's bytes: shared
            else:
                _put(target, data, None)
                changed.append(relpath)
                written += len(data)
            part[relpath] = entry
            differs[relpath] = data
            grown += len(data) - old_size
        elif relpath in delta.removed or old is None:
            _remove(target, root)
            if relpath in delta.removed and old is not None:
                removed.append(relpath)
                part.pop(relpath, None)
                grown -= old_size
            differs[relpath] = None
        else:
            _put(target, None, f"{live_root}/{relpath}")
            differs[relpath] = b""  # the live run's bytes: its zip entry is copied, or read from the folder
            linked.add(relpath)
    parts = list(plan.parts)
    for number, files in sorted(new_entries.items()):
        data = part_bytes(files.items())
        entry = part_entry(number, data, len(files))
        path = str(entry["path"])
        _put(f"{root}/{path}", data, None)
        differs[path] = data
        if entry["sha256"] != parts[number].get("sha256"):
            changed.append(path)
        grown += len(data) - int(str(parts[number].get("bytes", 0)))
        parts[number] = entry
    files_now = plan.manifest.get("file_count")
    assert isinstance(files_now, int)
    file_count = (
        files_now + sum(1 for p in changed if not is_part(p) and p not in plan.entries) - len(removed)
    )
    live_bytes = plan.manifest.get("file_bytes")
    size = live_bytes + grown if isinstance(live_bytes, int) else written
    manifest = {**manifest_of(), "file_count": file_count, "file_bytes": size, "parts": parts, "run": run}
    manifest_data = manifest_bytes(manifest)
    write_changes(run_dir, delta.base_run, sorted(changed), sorted(removed))
    write_file(folder / "manifest.json", manifest_data, durable=SYNCFS is None)
    differs["manifest.json"] = manifest_data
    return manifest, size + len(manifest_data), differs, linked
