"""Writing a package run to disk and switching to it atomically (layout and switch: swap.py).

Kept apart from package.py, which decides what the package holds."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from models.i18n import N_, MessageError

from .delta import DeltaUnusable, PackageDelta, expanded, live_run
from .delta_write import CatchUp, plan_catch_up, write_delta
from .json_bytes import manifest_bytes
from .manifest_parts import listed_files, part_entry, part_path
from .manifest_parts import split as parts_split
from .package_data import FORMAT
from .reuse import CHANGES, ZIP_CODE, ZIP_CODE_FILE, Previous, Spare, ZipReuse, read_changes, record_changes
from .swap import (
    SPARE,
    SYMLINKS,
    SYNCFS,
    cleanup,
    fsync_path,
    link_file,
    locked,
    new_run_id,
    place_links,
    recover,
    remove_old,
    reset_steps,
    step,
    switch,
    sync_filesystem,
    versions_dir,
    write_file,
)
from .zip_patch import INDEX_FILE, patch_zip, write_index
from .zip_pieces import BIG, PIECES_FILE, Row, append_entry, entry_header, write_rows
from .zip_pieces import compress as compress_pieces

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed: the same data gives the same zip
__all__ = ["DeltaUnusable", "PackageDelta", "PackageWriteError", "live_run", "write_package"]


class PackageWriteError(MessageError):
    """Writing failed; nothing was changed."""


def _noop(done: int, total: int, message: str = "") -> None:
    pass


def _check(token) -> None:
    if token is not None:
        token.raise_if_cancelled()


def is_package(folder: Path) -> bool:
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("format") == FORMAT


def _refuse_foreign(out: Path) -> None:
    """``out`` must be ours: missing, empty, a package, or the link of the versioned layout."""
    if out.is_symlink():
        if os.readlink(out) != f"{versions_dir(out).name}/current/package":
            raise PackageWriteError(
                N_(
                    "“{out}” is a link to somewhere else, not a Lotse package. Choose a new folder.",
                    out=str(out),
                )
            )
        return
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not is_package(out))):
        raise PackageWriteError(
            N_("“{out}” exists and is not a Lotse package. Choose an empty or new folder.", out=str(out))
        )


def _write_zip(
    folder: Path, zip_path: Path, entries: list[str], total: int, progress, token, reuse: ZipReuse
) -> None:
    step("write package.zip")
    rows: dict[str, list[Row]] = {}
    try:
        with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for index, relpath in enumerate(entries):
                if index % 10 == 0:
                    _check(token)
                    progress(min(total // 2 + index, total), total, "zip: " + relpath)
                info = zipfile.ZipInfo(relpath, date_time=ZIP_DATE)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                if reuse.copy(archive, info):  # unchanged: its compressed bytes as they were
                    if relpath in reuse.rows:
                        rows[relpath] = reuse.rows[relpath]
                    continue
                if os.path.getsize(folder / relpath) >= BIG:  # in pieces (zip_pieces.py)
                    data = (folder / relpath).read_bytes()
                    compressed, rows[relpath], _reused = compress_pieces(
                        data, reuse.rows.get(relpath), reuse.compressed(relpath)
                    )
                    append_entry(archive, info, entry_header(info, data, compressed), compressed)
                    continue
                with (
                    open(folder / relpath, "rb") as source,
                    archive.open(info, "w", force_zip64=True) as target,
                ):
                    shutil.copyfileobj(source, target, 1 << 20)
    finally:
        reuse.close()
    write_file(zip_path.parent / ZIP_CODE_FILE, ZIP_CODE.encode("utf-8"), durable=SYNCFS is None)
    write_rows(zip_path, rows)
    write_index(zip_path)  # last: a zip with its index is whole (zip_patch.py)
    if SYNCFS is None:
        step("fsync package.zip")
        fsync_path(zip_path)


def write_package(
    out: Path,
    payload: Iterable[tuple[str, bytes]] | None,
    manifest_of: Callable[[], dict],
    *,
    make_zip: bool,
    delta: PackageDelta | None = None,
    progress=_noop,
    token=None,
    expected: int = 0,
) -> tuple[dict, Path | None, int]:
    """Write one run (folder, manifest, zip) beside ``out``, fsync it, then switch to it at once.

    ``payload`` is every file of the run; or ``delta`` gives the run as changes to the live one
    (``payload`` is then not used): :class:`DeltaUnusable` when the live run is not the delta's
    base, and nothing was changed. ``manifest_of()`` gives the manifest's own fields once the
    payload was read; the writer adds the files and the run, and the zip holds the same
    manifest. A failure, a cancel or a kill at any point leaves the previous package at ``out``
    (swap.py has the layout).
    """
    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    reset_steps()
    recover(out)
    _refuse_foreign(out)
    if not SYMLINKS:
        if delta is not None:
            payload, expected = expanded(out, delta)
        assert payload is not None
        return _write_with_renames(out, payload, manifest_of, make_zip, progress, token, expected)
    with locked(out):
        plan = None
        if delta is not None:  # checked under the lock: no other publish moves the live run now
            plan = plan_catch_up(versions_dir(out), delta)
            if plan is None:  # the spare cannot be brought up to date: every file of the run
                payload, expected = expanded(out, delta)
        run = new_run_id()
        run_dir = versions_dir(out) / run
        folder = run_dir / "package"
        try:
            if plan is not None and delta is not None:
                manifest, size = _write_delta_run(
                    out, plan, delta, run, run_dir, manifest_of, make_zip, token
                )
            else:
                assert payload is not None
                previous, spare = Previous.of(out), _recycle(out, run_dir)
                manifest, size = _write_run(
                    folder, run, payload, manifest_of, make_zip, progress, token, expected, previous, spare
                )
            zip_path = run_dir / "package.zip" if make_zip else None
            _check(token)
            sync_filesystem(run_dir)
            switch(out, run)
        except BaseException:
            current = versions_dir(out) / "current"
            if not (current.is_symlink() and os.readlink(current) == run):  # never the live run
                shutil.rmtree(run_dir, ignore_errors=True)
            raise
        place_links(out)
        cleanup(out)
    progress(1, 1, "")
    return manifest, (out.parent / (out.name + ".zip")) if zip_path else None, size


def _write_delta_run(
    out: Path, plan: CatchUp, delta: PackageDelta, run: str, run_dir: Path, manifest_of, make_zip: bool, token
) -> tuple[dict, int]:
    """The spare brought up to the delta's run (delta_write.py), then its zip."""
    manifest, size, differs, linked = write_delta(plan, delta, run, run_dir, manifest_of, token)
    zip_path = run_dir / "package.zip"
    if make_zip:
        code = run_dir / ZIP_CODE_FILE  # the spare's zip, made with these compression settings?
        same_code = code.is_file() and code.read_text(encoding="utf-8") == ZIP_CODE
        live_zip = plan.live / "package.zip"
        live_code = plan.live / ZIP_CODE_FILE
        if not (live_code.is_file() and live_code.read_text(encoding="utf-8") == ZIP_CODE):
            linked = set()  # its entries were compressed otherwise: compress anew
        if not (same_code and patch_zip(zip_path, run_dir / "package", differs, linked, live_zip)):
            _full_zip(out, run_dir, manifest, differs, token)
    else:
        remove_old(run_dir, (INDEX_FILE, "package.zip", ZIP_CODE_FILE, PIECES_FILE))
    return manifest, size


def _full_zip(out: Path, run_dir: Path, manifest: dict, differs: dict, token) -> None:
    """The whole zip written anew, entries of files equal to the live run's copied from its zip."""
    folder = run_dir / "package"
    names = {*listed_files(folder, manifest), *(str(p["path"]) for p in manifest["parts"])}
    remove_old(run_dir, (INDEX_FILE, "package.zip", ZIP_CODE_FILE, PIECES_FILE))
    previous = Previous.of(out)
    record = read_changes(run_dir)
    changed = set(record[1]) if record is not None else names
    reuse = ZipReuse(previous, names - changed)
    entries = sorted([*names, "manifest.json"])
    _write_zip(folder, run_dir / "package.zip", entries, len(entries), _noop, token, reuse)


def _recycle(out: Path, run_dir: Path) -> Spare:
    """The spare run (see reuse.Spare) renamed to ``run_dir``, its manifest and zip removed
    first (a run without a manifest is never recycled again, so a kill half-way is safe)."""
    spare = versions_dir(out) / SPARE
    if not spare.is_dir() or spare.is_symlink():
        return Spare()
    step("recycle spare")
    os.rename(spare, run_dir)
    digests = Spare.digests_of(run_dir / "package")
    if digests is None:
        step("remove unusable spare")
        shutil.rmtree(run_dir, ignore_errors=True)
        return Spare()
    remove_old(
        run_dir, ("package/manifest.json", INDEX_FILE, "package.zip", ZIP_CODE_FILE, PIECES_FILE, CHANGES)
    )
    return Spare(run_dir / "package", digests)


def _write_run(
    folder: Path,
    run: str,
    payload,
    manifest_of,
    make_zip: bool,
    progress,
    token,
    expected: int,
    previous: Previous,
    spare: Spare | None = None,
):
    """Every file, the manifest and (if asked) the zip of one run; returns (manifest, bytes).
    A file with the same bytes as in ``previous`` is linked from there, its zip entry copied;
    in a recycled ``spare`` run (the folder already there) a file with the new bytes stays."""
    spare = spare or Spare()
    digests: dict[str, dict] = {}
    unchanged: set[str] = set()
    total = max(expected, 1) * (2 if make_zip else 1)
    made_dirs: set[str] = set()
    if spare.folder is None:
        step("mkdir run")
        folder.mkdir(parents=True)
    root = str(folder)  # plain strings in the loop: a Path per file cost more than writing it
    sha256 = hashlib.sha256

    def place(relpath: str, data: bytes) -> dict:
        target = f"{root}/{relpath}"
        digest = sha256(data).hexdigest()
        size = len(data)
        if previous.lists(relpath, digest, size):
            unchanged.add(relpath)  # its zip entry can be copied from the previous zip
        if spare.keeps(relpath, digest, size):
            spare.kept += 1  # no look at the previous run's file: a stat each cost minutes at full size
            return {"sha256": digest, "bytes": size}
        source = previous.same(relpath, digest, size) if relpath in unchanged else None
        if spare.holds(relpath):
            step(f"remove old {os.path.basename(target)}")  # maybe a link shared with a live run
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
        else:
            parent = os.path.dirname(target)
            if parent not in made_dirs:
                step(f"mkdir {relpath}")
                os.makedirs(parent, exist_ok=True)
                made_dirs.add(parent)
        if source is None or not link_file(source, target):
            write_file(target, data, durable=SYNCFS is None)
        return {"sha256": digest, "bytes": size}

    for index, (relpath, data) in enumerate(payload):
        if index % 10 == 0:
            _check(token)
            progress(min(index, total), total, relpath)
        digests[relpath] = place(relpath, data)
    parts = []
    for number, (data, count) in parts_split(digests).items():
        place(part_path(number), data)
        parts.append(part_entry(number, data, count))
    names = {*digests, *(str(p["path"]) for p in parts)}
    _remove_leftovers(folder, spare, names)
    size = sum(d["bytes"] for d in digests.values()) + sum(int(str(p["bytes"])) for p in parts)
    manifest = {**manifest_of(), "file_count": len(digests), "file_bytes": size, "parts": parts, "run": run}
    manifest_data = manifest_bytes(manifest)
    if previous.folder is not None and previous.run:
        record_changes(folder.parent, previous.run, previous.digests, names, unchanged)
    write_file(folder / "manifest.json", manifest_data, durable=SYNCFS is None)
    if make_zip:
        entries = sorted([*names, "manifest.json"])
        reuse = ZipReuse(previous, unchanged)
        _write_zip(folder, folder.parent / "package.zip", entries, total, progress, token, reuse)
    progress(total, total, "")
    return manifest, size + len(manifest_data)


def _remove_leftovers(folder: Path, spare: Spare, names: set[str]) -> None:
    """Files of the recycled run the new one does not have, and folders left empty by them."""
    for relpath in sorted(set(spare.digests) - names):
        target = folder / relpath
        step(f"remove old {target.name}")
        target.unlink(missing_ok=True)
        parent = target.parent
        while parent != folder:
            try:
                parent.rmdir()  # only when empty
            except OSError:
                break
            parent = parent.parent


def _write_with_renames(out: Path, payload, manifest_of, make_zip, progress, token, expected):
    """Without symlinks: a temporary folder, then two renames (recover() repairs a kill between)."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes it 0700; a web server's own user must read the package
    try:
        manifest, size = _write_run(
            tmp / "package", "", payload, manifest_of, make_zip, progress, token, expected, Previous.of(out)
        )
        sync_filesystem(tmp)
        zip_path = out.parent / (out.name + ".zip")
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            os.rename(out, old)
            os.rename(tmp / "package", out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp / "package", out)
        if make_zip:
            os.replace(tmp / "package.zip", zip_path)
        fsync_path(out.parent)
        return manifest, zip_path if make_zip else None, size
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
