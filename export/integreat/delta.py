"""A re-publish given as what changed against the live run (PUBLISH-DELTA in the docs).

The builder (package.py) knows which files of the next run differ from the live one; the writer
(writer.py) applies just those to the live run's state. A delta is only ever applied to the run
it was made against (``base_run``, the ``run`` of the live manifest); anything else raises
:class:`DeltaUnusable` and the caller publishes the full payload instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .manifest_parts import ManifestError, is_part, listed_files


class DeltaUnusable(Exception):
    """The delta cannot be applied to what is at the package folder: publish the full payload."""


def _safe(relpath: str) -> bool:
    parts = relpath.split("/")
    return (
        bool(relpath)
        and not relpath.startswith("/")
        and all(part not in ("", ".", "..") for part in parts)
        and relpath != "manifest.json"
        and not is_part(relpath)
        and "\\" not in relpath
        and "\x00" not in relpath
    )


@dataclass(frozen=True)
class PackageDelta:
    """The next run as changes to the live run ``base_run``: ``changed`` maps a file's path to
    its new bytes (new or changed files; unchanged ones may be given too), ``removed`` names the
    files the next run no longer has. Every other file keeps the live run's bytes."""

    base_run: str
    changed: Mapping[str, bytes]
    removed: frozenset[str]

    def __post_init__(self) -> None:
        bad = [p for p in [*self.changed, *self.removed] if not isinstance(p, str) or not _safe(p)]
        if bad:
            raise ValueError(f"not a package file path: {bad[0]!r}")
        both = self.removed & set(self.changed)
        if both:
            raise ValueError(f"both changed and removed: {sorted(both)[0]!r}")
        if not self.base_run:
            raise ValueError("a delta needs the run it was made against")


def live_manifest(out: Path) -> dict[str, object] | None:
    """The manifest of the package at ``out`` (through its link), or None."""
    try:
        manifest = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def live_run(out: Path) -> str | None:
    """The run id of the package now at ``out`` (what a delta names as its ``base_run``)."""
    manifest = live_manifest(out)
    run = manifest.get("run") if manifest else None
    return run if isinstance(run, str) and run else None


def expanded(out: Path, delta: PackageDelta) -> tuple[Iterator[tuple[str, bytes]], int]:
    """Every file of the next run, (path, bytes) in path order, read from the live run where the
    delta does not change it, and how many there are. O(package): for a writer without a spare."""
    folder = Path(out).resolve()
    manifest = live_manifest(folder)
    if manifest is None or manifest.get("run") != delta.base_run or not delta.base_run:
        raise DeltaUnusable(f"the live run is not {delta.base_run}")
    try:
        listed = listed_files(folder, manifest)
    except ManifestError as exc:
        raise DeltaUnusable(str(exc)) from exc
    names = sorted((set(listed) - delta.removed) | set(delta.changed))

    def files() -> Iterator[tuple[str, bytes]]:
        for relpath in names:
            data = delta.changed.get(relpath)
            yield relpath, data if data is not None else (folder / relpath).read_bytes()

    return files(), len(names)
