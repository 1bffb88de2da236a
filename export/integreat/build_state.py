"""What the live run was built from, kept beside the package for the next publish: the delta.

The sidecar ``.NAME.build.sqlite`` beside the package folder ``NAME`` (never inside the served
tree, and outside ``.NAME.versions`` so a recycled run never carries a stale one) holds:

- ``meta``: the run it describes (the live run's id, ``.NAME.versions/current``), the context
  key and the keys' version;
- ``items``: each offer's input key (input_keys.py);
- ``files``: each file of the run (the manifest aside) with a digest of its bytes.

A publish whose live run is the sidecar's run builds its files and hands the writer only those
whose digest differs, and the paths that are gone (:class:`Delta`). The sidecar is replaced
after the switch, in one transaction; a kill before that leaves a sidecar naming an older run,
which the next publish does not trust (it then writes every file). Anything the sidecar cannot
vouch for is rebuilt and compared, never assumed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .input_keys import KEYS_VERSION, InputKeys
from .swap import versions_dir

SCHEMA = "lotse-build-1"


def sidecar_path(out: Path) -> Path:
    return out.parent / f".{out.name}.build.sqlite"


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


@dataclass
class LastBuild:
    """The sidecar's view of the live run."""

    run: str
    context: bytes
    offers: dict[int, bytes]
    path: Path
    _files: dict[str, bytes] | None = field(default=None, repr=False)

    def files(self) -> dict[str, bytes]:
        """relpath -> digest of every file of the live run (read on first use)."""
        if self._files is None:
            with contextlib.closing(_connect(self.path)) as db:
                self._files = dict(db.execute("SELECT path, digest FROM files"))
        return self._files

    def changed_offers(self, keys: InputKeys) -> set[int] | None:
        """Offers whose key differs (new and gone ones too); None when the context changed."""
        if keys.context != self.context:
            return None
        gone = set(self.offers) - set(keys.offers)
        return gone | {oid for oid, key in keys.offers.items() if self.offers.get(oid) != key}


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True) if path.exists() else sqlite3.connect(":memory:")


def load(out: Path) -> LastBuild | None:
    """The sidecar of the package at ``out`` if it describes the run served now, else None."""
    out = Path(out).absolute()
    path = sidecar_path(out)
    run = live_run(out)
    if run is None or not path.is_file():
        return None
    try:
        with contextlib.closing(_connect(path)) as db:
            meta = dict(db.execute("SELECT key, value FROM meta"))
            if meta.get("schema") != SCHEMA.encode() or meta.get("keys") != str(KEYS_VERSION).encode():
                return None
            if meta.get("run") != run.encode():
                return None
            offers = dict(db.execute("SELECT id, key FROM items"))
    except sqlite3.DatabaseError:
        return None  # a damaged sidecar: the next publish writes every file and a new one
    return LastBuild(run, bytes(meta["context"]), offers, path)


def save(out: Path, run: str, keys: InputKeys, digests: Iterable[tuple[str, bytes]]) -> None:
    """Write the sidecar for the run just switched to (a new file, then one rename)."""
    out = Path(out).absolute()
    path = sidecar_path(out)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")  # a torn file is refused by load() or rebuilt
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB)")
            db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, key BLOB)")
            db.execute("CREATE TABLE files (path TEXT PRIMARY KEY, digest BLOB) WITHOUT ROWID")
            db.executemany("INSERT INTO items VALUES (?, ?)", sorted(keys.offers.items()))
            db.executemany("INSERT INTO files VALUES (?, ?)", digests)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("schema", SCHEMA.encode()),
                    ("keys", str(KEYS_VERSION).encode()),
                    ("context", keys.context),
                    ("run", run.encode()),  # last: a sidecar is only trusted for this run
                ],
            )
            db.commit()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def forget(out: Path) -> None:
    """No sidecar (a publish that could not record one must not leave an older one behind)."""
    sidecar_path(Path(out).absolute()).unlink(missing_ok=True)


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
