"""The delta of a re-publish against the live run, and what a sidecar beside the package must
answer about that run (what it was built from). The sidecar itself is stored by the caller
(desktop/publish_sidecar.py: SQLite; the export package does not touch a database): it is
handed in as a :class:`Sidecar`, and without one every file is written.

A publish whose live run is the sidecar's run hands the writer only the files whose bytes
change, and the paths that are gone (:class:`Delta`): from a build of every file compared by
digest (:func:`delta_of`), or, for a few changed offers, from the fast path (republish.py).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .build_trace import Trace
from .input_keys import InputKeys
from .swap import versions_dir


def live_run(out: Path) -> str | None:
    """The id of the run ``out`` serves now (None: no versioned package there)."""
    try:
        return os.readlink(versions_dir(out) / "current")
    except OSError:
        return None


def file_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass(frozen=True)
class Delta:
    """The files of a new run against the live run ``base_run``: new or changed bytes, and the
    paths that are no longer there (the manifest is the writer's, never in here)."""

    base_run: str
    changed: dict[str, bytes]
    removed: frozenset[str]


class LastBuild(Protocol):
    """The sidecar's view of the live run."""

    run: str
    context: bytes
    images: bytes
    seq: int | None  # the change log's number the run was read at (None: not kept)
    meta: dict[str, Any]  # languages, page counts, untraced languages, the manifest's tallies

    def files(self) -> dict[str, bytes]: ...  # relpath -> digest of every file
    def clean(self) -> set[bytes]: ...
    def shapes(self, ids: Iterable[int]) -> dict[int, bytes]: ...
    def records(self, ids: Iterable[int]) -> dict[int, str]: ...  # lean.records_of
    def objects(
        self, keys: list[tuple[str, str, str]]
    ) -> dict[tuple[str, str, str], tuple[int, int, bytes]]: ...
    def holding(self, object_ids: Iterable[int]) -> dict[str, set[int]]: ...
    def digests(self, paths: Iterable[str]) -> dict[str, bytes]: ...


class Sidecar(Protocol):
    """Where the sidecar of a package folder is kept."""

    def load(self, out: Path) -> LastBuild | None: ...

    def save(
        self,
        out: Path,
        run: str,
        keys: InputKeys,
        digests: list[tuple[str, bytes]],
        *,
        shapes: dict[int, bytes],
        trace: Trace,
        facts: dict[str, Any],
        clean: set[bytes],
        records: dict[int, str],
    ) -> None: ...

    def advance(
        self,
        last: LastBuild,
        run: str,
        *,
        seq: int | None,
        files: dict[str, bytes],
        objects: dict[int, tuple[int, bytes]],
        clean: Iterable[bytes],
        records: dict[int, str],
        facts: dict[str, Any],
        removed: Iterable[str] = (),
        gone_objects: Iterable[int] = (),
        shapes: dict[int, bytes] | None = None,
    ) -> None: ...

    def forget(self, out: Path) -> None: ...


class Recorder:
    """Passes a payload through, noting each file's digest for the next sidecar."""

    def __init__(self) -> None:
        self.digests: list[tuple[str, bytes]] = []

    def __call__(self, payload: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
        for relpath, data in payload:
            self.digests.append((relpath, file_digest(data)))
            yield relpath, data


def delta_of(last: LastBuild, files: Iterable[tuple[str, bytes]], recorder: Recorder) -> Delta:
    """The files that differ from the live run's (by digest), and those it had that are gone."""
    old = last.files()
    changed: dict[str, bytes] = {}
    seen: set[str] = set()
    for relpath, data in recorder(files):
        seen.add(relpath)
        if old.get(relpath) != recorder.digests[-1][1]:
            changed[relpath] = data
    return Delta(last.run, changed, frozenset(set(old) - seen))
