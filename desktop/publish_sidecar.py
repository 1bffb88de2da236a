"""The sidecar of a package folder in SQLite: what the live run was built from, kept beside the
package for the next publish (export/integreat/build_state.py says what it must answer).

The sidecar ``.NAME.build.sqlite`` beside the package folder ``NAME`` (never inside the served
tree, and outside ``.NAME.versions`` so a recycled run never carries a stale one) holds:

- ``meta``: the run it describes (the live run's id, ``.NAME.versions/current``), the context
  key and the keys' version;
- ``items``: each offer's input key (input_keys.py) and shape (build_trace.py);
- ``files``: each file of the run (the manifest aside) with a digest of its bytes;
- ``objects`` and ``refs``: each page and place object (language, kind, path, length, digest)
  and the files that hold it, so a re-publish rewrites only those (republish.py);
- ``clean``: digests of offers' facts that passed the checks (policy.FactsMemo);
- ``records``: each offer's record (lean.records_of: statuses, page order, text dates, what
  was left out), so a re-publish of a few offers need not plan the others (lean.py).

A publish whose live run is the sidecar's run builds its files and hands the writer only those
whose digest differs, and the paths that are gone (:class:`Delta`). The sidecar is replaced
after the switch, in one transaction; a kill before that leaves a sidecar naming an older run,
which the next publish does not trust (it then writes every file). Anything the sidecar cannot
vouch for is rebuilt and compared, never assumed.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from export.integreat.build_state import LastBuild, live_run
from export.integreat.build_trace import Trace
from export.integreat.input_keys import KEYS_VERSION, InputKeys

SCHEMA = "lotse-build-3"


def sidecar_path(out: Path) -> Path:
    return out.parent / f".{out.name}.build.sqlite"


@dataclass
class StoredBuild:
    """The sidecar's view of the live run."""

    run: str
    context: bytes
    images: bytes
    path: Path
    seq: int | None  # the change log's number the run was read at (None: not kept)
    meta: dict[str, Any]  # languages, page counts, untraced languages
    _files: dict[str, bytes] | None = field(default=None, repr=False)

    def files(self) -> dict[str, bytes]:
        """relpath -> digest of every file of the live run (read on first use)."""
        if self._files is None:
            with contextlib.closing(_connect(self.path)) as db:
                self._files = dict(db.execute("SELECT path, digest FROM files"))
        return self._files

    def query(self, sql: str, args: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with contextlib.closing(_connect(self.path)) as db:
            return db.execute(sql, tuple(args)).fetchall()

    def clean(self) -> set[bytes]:
        """Digests of offers' facts the checks found clean (policy.FactsMemo)."""
        try:
            return {bytes(row[0]) for row in self.query("SELECT digest FROM clean")}
        except sqlite3.OperationalError:  # a sidecar from before the table: nothing known clean
            return set()

    def shapes(self, ids: Iterable[int]) -> dict[int, bytes]:
        ids = sorted(ids)
        marks = ",".join("?" * len(ids))
        return dict(self.query(f"SELECT id, shape FROM items WHERE id IN ({marks})", ids)) if ids else {}

    def records(self, ids: Iterable[int]) -> dict[int, str]:
        ids = sorted(ids)
        marks = ",".join("?" * len(ids))
        return dict(self.query(f"SELECT id, record FROM records WHERE id IN ({marks})", ids)) if ids else {}

    def objects(self, keys: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], tuple[int, int, bytes]]:
        """(lang, kind, path) -> (object id, length, digest) of the live run's objects."""
        out: dict[tuple[str, str, str], tuple[int, int, bytes]] = {}
        with contextlib.closing(_connect(self.path)) as db:
            for key in keys:
                row = db.execute(
                    "SELECT id, size, digest FROM objects WHERE lang = ? AND kind = ? AND path = ?", key
                ).fetchone()
                if row is not None:
                    out[key] = (row[0], row[1], bytes(row[2]))
        return out

    def holding(self, object_ids: Iterable[int]) -> dict[str, set[int]]:
        """relpath -> the given objects it holds."""
        ids = sorted(set(object_ids))
        out: dict[str, set[int]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.query(
                f"SELECT refs.object, files.path FROM refs JOIN files ON files.id = refs.file "
                f"WHERE refs.object IN ({marks})",
                chunk,
            )
            for obj, relpath in rows:
                out.setdefault(relpath, set()).add(obj)
        return out

    def digests(self, paths: Iterable[str]) -> dict[str, bytes]:
        wanted = sorted(set(paths))
        out: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            out.update(self.query(f"SELECT path, digest FROM files WHERE path IN ({marks})", chunk))
        return out


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True) if path.exists() else sqlite3.connect(":memory:")


def load(out: Path) -> StoredBuild | None:
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
            facts = json.loads(meta["facts"])
    except (sqlite3.DatabaseError, KeyError, ValueError):
        return None  # a damaged sidecar: the next publish writes every file and a new one
    seq = facts.get("seq")
    return StoredBuild(
        run, bytes(meta["context"]), bytes(meta["images"]), path, seq if isinstance(seq, int) else None, facts
    )


def save(
    out: Path,
    run: str,
    keys: InputKeys,
    digests: list[tuple[str, bytes]],
    *,
    shapes: dict[int, bytes] | None = None,
    trace: Trace | None = None,
    facts: dict[str, Any] | None = None,
    clean: set[bytes] | None = None,
    records: dict[int, str] | None = None,
) -> None:
    """Write the sidecar for the run just switched to (a new file, then one rename)."""
    out = Path(out).absolute()
    path = sidecar_path(out)
    for stale in path.parent.glob(path.name + ".tmp-*"):  # of a publish killed while saving
        stale.unlink(missing_ok=True)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")  # a torn file is refused by load() or rebuilt
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB)")
            db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, shape BLOB)")
            db.execute("CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT UNIQUE, digest BLOB)")
            db.execute(
                "CREATE TABLE objects (id INTEGER PRIMARY KEY, lang TEXT, kind TEXT, path TEXT, "
                "size INTEGER, digest BLOB, UNIQUE (lang, kind, path))"
            )
            db.execute("CREATE TABLE refs (object INTEGER, file INTEGER)")
            db.execute("CREATE TABLE clean (digest BLOB PRIMARY KEY) WITHOUT ROWID")
            db.executemany("INSERT INTO clean VALUES (?)", [(d,) for d in sorted(clean or ())])
            db.executemany("INSERT INTO items VALUES (?, ?)", sorted((shapes or {}).items()))
            db.execute("CREATE TABLE records (id INTEGER PRIMARY KEY, record TEXT)")
            db.executemany("INSERT INTO records VALUES (?, ?)", sorted((records or {}).items()))
            db.executemany(
                "INSERT INTO files VALUES (?, ?, ?)", [(i, p, d) for i, (p, d) in enumerate(digests)]
            )
            if trace is not None:
                db.executemany(
                    "INSERT INTO objects VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (index, *key, trace.sizes[index], trace.digests[index])
                        for key, index in trace.objects.items()
                    ],
                )
                db.executemany(
                    "INSERT INTO refs VALUES (?, ?)", zip(trace.ref_objects, trace.ref_files, strict=True)
                )
                db.execute("CREATE INDEX refs_object ON refs (object)")
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("schema", SCHEMA.encode()),
                    ("keys", str(KEYS_VERSION).encode()),
                    ("context", keys.context),
                    ("images", keys.images),
                    ("facts", json.dumps(facts or {}).encode()),
                    ("run", run.encode()),  # last: a sidecar is only trusted for this run
                ],
            )
            db.commit()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def advance(
    last: LastBuild,
    run: str,
    *,
    seq: int | None,
    files: dict[str, bytes],
    objects: dict[int, tuple[int, bytes]],
    clean: Iterable[bytes] = (),
    records: dict[int, str] | None = None,
    facts: dict[str, Any] | None = None,
    removed: Iterable[str] = (),
    gone_objects: Iterable[int] = (),
    shapes: dict[int, bytes] | None = None,
) -> None:
    """The sidecar of ``last`` made the one of ``run``, a re-publish of it that changed
    ``files`` (relpath -> new digest), ``objects`` (id -> new length and digest), some offers'
    ``records`` and ``shapes``, the ``facts`` given (the manifest's tallies, page counts),
    removed the files ``removed`` and the objects ``gone_objects``, and no path or language:
    one transaction, the run's name last."""
    if not isinstance(last, StoredBuild):
        raise TypeError("not a sidecar of this store")
    with contextlib.closing(sqlite3.connect(last.path)) as db:
        # a removed file's refs are left: holding() joins the files, and no file id is given anew
        db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in sorted(removed)])
        dropped = [(i,) for i in sorted(gone_objects)]
        db.executemany("DELETE FROM refs WHERE object = ?", dropped)
        db.executemany("DELETE FROM objects WHERE id = ?", dropped)
        db.executemany("UPDATE items SET shape = ? WHERE id = ?", [(s, i) for i, s in (shapes or {}).items()])
        db.executemany("UPDATE files SET digest = ? WHERE path = ?", [(d, p) for p, d in files.items()])
        db.executemany(
            "UPDATE objects SET size = ?, digest = ? WHERE id = ?",
            [(n, d, i) for i, (n, d) in objects.items()],
        )
        db.execute("CREATE TABLE IF NOT EXISTS clean (digest BLOB PRIMARY KEY) WITHOUT ROWID")
        db.executemany("INSERT OR IGNORE INTO clean VALUES (?)", [(d,) for d in sorted(clean)])
        db.executemany(
            "UPDATE records SET record = ? WHERE id = ?", [(r, i) for i, r in (records or {}).items()]
        )
        facts = {**last.meta, **(facts or {}), "seq": seq}
        db.execute("UPDATE meta SET value = ? WHERE key = 'facts'", (json.dumps(facts).encode(),))
        db.execute("UPDATE meta SET value = ? WHERE key = 'run'", (run.encode(),))
        db.commit()


def forget(out: Path) -> None:
    """No sidecar (a publish that could not record one must not leave an older one behind)."""
    sidecar_path(Path(out).absolute()).unlink(missing_ok=True)


class SqliteSidecar:
    """The functions above as the ``Sidecar`` a publish is handed."""

    def load(self, out: Path) -> LastBuild | None:
        return load(out)

    def save(
        self, out: Path, run: str, keys: InputKeys, digests: list[tuple[str, bytes]], **more: Any
    ) -> None:
        try:
            save(out, run, keys, digests, **more)
        except (OSError, sqlite3.Error):
            forget(out)  # no sidecar rather than one that could describe another run

    def advance(self, last: LastBuild, run: str, **more: Any) -> None:
        try:
            advance(last, run, **more)
        except (OSError, sqlite3.Error):
            if isinstance(last, StoredBuild):
                last.path.unlink(missing_ok=True)

    def forget(self, out: Path) -> None:
        forget(out)


SIDECAR = SqliteSidecar()
