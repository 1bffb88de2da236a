"""Where a package lives on disk, and the one atomic switch from the previous run to the next.

Layout for a package folder ``DIR`` (POSIX)::

    .DIR.versions/RUN/package/…        one run's folder (manifest.json says ``"run": RUN``)
    .DIR.versions/RUN/package.zip      the same run's zip, when one was made
    .DIR.versions/current -> RUN       the switch: replaced by one rename
    .DIR.versions/previous -> RUN      the run before, kept for readers still in a request
    DIR     -> .DIR.versions/current/package       fixed links: they never change, so a
    DIR.zip -> .DIR.versions/current/package.zip   reader sees the old run or the new one

A reader (``lotse serve``, ``publish verify``, nginx, any static server) follows ``DIR`` at
every request, so the rename of ``current`` switches folder and zip together. Everything of a
run is written and made durable before the switch (one syncfs(2) of the file system on Linux,
elsewhere an fsync of every file and folder). Files whose bytes did not change are hard links
to the previous run's (reuse.py): a run is never changed after its switch. A kill at any point leaves
``DIR`` with the previous or the new run; :func:`recover`, called by the next start of any
command that touches ``DIR``, fixes the links of a first switch and removes leftovers.

A folder from before this layout (``DIR`` a real folder) is exchanged for the link with
``renameat2(RENAME_EXCHANGE)`` where Linux has it, else with two renames that
:func:`recover` completes after a kill. Without symlinks (Windows) the two renames are used.

``STEP_HOOK(number, what)`` is called before every file operation of a publish; the kill
tests set it in a child process to SIGKILL it between any two operations.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

STEP_HOOK: Callable[[int, str], None] | None = None
_steps = [0]

SYMLINKS = os.name == "posix"
# renameat2(RENAME_EXCHANGE) is tried when True; the kill tests turn it off to exercise the fallback.
EXCHANGE = True


def step(what: str) -> None:
    """One file operation of a publish is about to happen (the kill tests' injection point)."""
    _steps[0] += 1
    if STEP_HOOK is not None:
        STEP_HOOK(_steps[0], what)


def reset_steps() -> None:
    _steps[0] = 0


def versions_dir(out: Path) -> Path:
    return out.parent / f".{out.name}.versions"


def new_run_id() -> str:
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{os.getpid()}-{os.urandom(3).hex()}"


def fsync_path(path: Path) -> None:
    """fsync a file or a folder (a folder's entries are durable only after its own fsync)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """Every folder under ``root`` (the files were fsynced as they were written), deepest first."""
    folders = sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts))
    for folder in [*folders, root]:
        step(f"fsync {folder.relative_to(root)}/")
        fsync_path(folder)


def write_file(path: Path | str, data: bytes, durable: bool = True) -> None:
    """Write ``data``; ``durable`` fsyncs it at once (without: a later sync_filesystem does)."""
    step(f"write {os.path.basename(path)}")
    with open(path, "wb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())


def remove_old(folder: Path, names: tuple[str, ...]) -> None:
    """Remove these files of a recycled run where they are (a step each, there or not: a
    publish takes the same steps whatever a killed one left)."""
    for name in names:
        step(f"remove old {name}")
        (folder / name).unlink(missing_ok=True)


def link_file(source: Path | str, target: Path | str) -> bool:
    """Hard-link an unchanged file of the previous run into this one; False if impossible."""
    step(f"link {os.path.basename(target)}")
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def _syncfs() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    libc_name = ctypes.util.find_library("c")
    function = getattr(ctypes.CDLL(libc_name, use_errno=True), "syncfs", None) if libc_name else None
    return function


SYNCFS = _syncfs()


def sync_filesystem(path: Path) -> None:
    """Make everything written under ``path`` durable: one syncfs(2) of its file system where
    Linux has it (a run of 100,000 files took minutes of one fsync per file and folder), else
    every folder (the files were fsynced as they were written)."""
    if SYNCFS is None:
        fsync_tree(path)
        return
    step("syncfs")
    fd = os.open(path, os.O_RDONLY)
    try:
        if SYNCFS(fd) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code), str(path))
    finally:
        os.close(fd)


# --- the lock: one publish at a time; a recovery never removes a run being written ----------


@contextlib.contextmanager
def locked(out: Path, wait: bool = True) -> Iterator[bool]:
    """Hold ``.DIR.versions/lock``; yields False when ``wait`` is False and another process has it."""
    if not SYMLINKS:
        yield True
        return
    import fcntl

    versions = versions_dir(out)
    versions.mkdir(parents=True, exist_ok=True)
    fd = os.open(versions / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # closing releases the lock


# --- links ----------------------------------------------------------------------------------


def _link_target(out: Path, zip_file: bool = False) -> str:
    return f"{versions_dir(out).name}/current/package" + (".zip" if zip_file else "")


def _exchange(a: Path, b: Path) -> bool:
    """renameat2(a, b, RENAME_EXCHANGE): both names swap in one step. False if unsupported."""
    if not EXCHANGE:
        return False
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _place_link(link: Path, target: str) -> None:
    """Make ``link`` a symlink to ``target`` in one rename, whatever is at ``link`` now."""
    if link.is_symlink() and os.readlink(link) == target:
        return
    temp = link.parent / f".{link.name}.link-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    step(f"symlink {link.name}")
    os.symlink(target, temp)
    if link.is_dir() and not link.is_symlink():  # a package folder from before this layout
        step(f"exchange {link.name}")
        if _exchange(temp, link):
            step(f"remove old {link.name}")
            shutil.rmtree(temp, ignore_errors=True)
            return
        old = link.parent / f".{link.name}.old-{os.getpid()}"
        step(f"rename {link.name} aside")
        os.rename(link, old)
        step(f"rename link {link.name}")
        os.rename(temp, link)
        step(f"remove old {link.name}")
        shutil.rmtree(old, ignore_errors=True)
        return
    step(f"rename link {link.name}")
    os.replace(temp, link)


def place_links(out: Path) -> None:
    """``DIR`` and ``DIR.zip`` as the current run has them (the zip link only if it made a zip)."""
    _place_link(out, _link_target(out))
    zip_link = out.parent / (out.name + ".zip")
    if (versions_dir(out) / "current" / "package.zip").is_file():
        _place_link(zip_link, _link_target(out, zip_file=True))
    elif zip_link.is_symlink() or zip_link.exists():
        step("remove zip of an older run")
        zip_link.unlink()  # a zip of another run would not belong to this folder
    step("fsync parent")
    fsync_path(out.parent)


def switch(out: Path, run: str) -> None:
    """Make ``run`` the current one: ``previous`` first, then one rename of ``current``."""
    versions = versions_dir(out)
    current = versions / "current"
    if current.is_symlink():
        temp = versions / "previous.new"
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        step("symlink previous")
        os.symlink(os.readlink(current), temp)
        step("rename previous")
        os.replace(temp, versions / "previous")
    temp = versions / "current.new"
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    step("symlink current")
    os.symlink(run, temp)
    step("fsync versions")
    fsync_path(versions)
    step("rename current")  # the switch
    os.replace(temp, current)
    step("fsync versions")
    fsync_path(versions)


def _current_run(versions: Path) -> str | None:
    current = versions / "current"
    if not current.is_symlink():
        return None
    run = os.readlink(current)
    return run if (versions / run / "package" / "manifest.json").is_file() else None


SPARE = "spare"  # reuse.SPARE: a run no reader follows, recycled by the next publish


def _spare_from(versions: Path, stale: list[Path]) -> list[Path]:
    """Keep the newest complete stale run as the spare (with its zip, which a publish from a
    delta patches: zip_patch.py); the rest goes."""
    if (versions / SPARE).exists() or (versions / SPARE).is_symlink():
        return stale
    runs = [
        e for e in stale if e.is_dir() and not e.is_symlink() and (e / "package" / "manifest.json").is_file()
    ]
    if not runs:
        return stale
    newest = max(runs, key=lambda e: e.name)
    step("keep spare")
    os.rename(newest, versions / SPARE)
    return [e for e in stale if e != newest]


def cleanup(out: Path) -> None:
    """Drop every run but the current and the previous one (the newest other becomes the
    spare a publish recycles), and half-made links."""
    versions = versions_dir(out)
    if not versions.is_dir():
        return
    keep = {"lock", "current", "previous", SPARE}
    for name in ("current", "previous"):
        if (versions / name).is_symlink():
            keep.add(os.readlink(versions / name))
    stale = _spare_from(versions, [e for e in sorted(versions.iterdir()) if e.name not in keep])
    for entry in stale:
        step(f"remove {entry.name}")
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        else:
            shutil.rmtree(entry, ignore_errors=True)
    for leftover in out.parent.glob(f".{out.name}*.link-*"):
        step(f"remove {leftover.name}")
        if leftover.is_dir() and not leftover.is_symlink():  # the old folder after an exchange
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def _legacy_recover(out: Path) -> None:
    """The two-rename layout: put the last good package back after a kill between the renames."""
    parent = out.parent
    olds = sorted(parent.glob(f".{out.name}.old-*"))
    if not out.exists() and not out.is_symlink() and olds:
        os.rename(olds[-1], out)
        olds = olds[:-1]
    for leftover in olds + sorted(parent.glob(f".{out.name}.tmp-*")):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in parent.glob(f".{out.name}.zip.tmp-*"):
        leftover.unlink(missing_ok=True)


def recover(out: str | Path) -> None:
    """What the next start of a command that touches ``DIR`` does first: complete a switch a
    kill interrupted (the links), and remove leftovers. Skipped while a publish is running."""
    out = Path(out).absolute()
    if not out.parent.is_dir():
        return
    versions = versions_dir(out)
    if not SYMLINKS or not versions.is_dir():
        _legacy_recover(out)  # no publish of the versioned layout ever ran here
        return
    with locked(out, wait=False) as mine:
        if not mine:
            return
        # under the lock: between its two renames a running fallback publish has no DIR either
        _legacy_recover(out)
        if _current_run(versions) is not None:
            place_links(out)
        cleanup(out)
