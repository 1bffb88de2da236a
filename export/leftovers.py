"""What a killed command leaves behind, and the one cheap tidy-up every command runs first.

Every temporary name Lotse makes carries the id of the process that made it: a half-written file
beside its target (``.NAME.PID.xxxx.part``), a temporary folder (``lotse-KIND-PID-xxxx`` in the
system's temporary folder), a SQLite backup being copied (``DB.….bak.PID.part``). A SIGKILL skips
every ``finally``, so such names stay; the next command removes those whose process is gone (a
name of a process still running is left alone: it may be writing it now). A package folder's
half-done switch is finished by :func:`export.integreat.swap.recover`.

The cost is a few directory listings: the folders named on the command line and the system's
temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

_PARTIAL = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]*\.part$")
_FOLDER = re.compile(r"^lotse-[a-z]+-(?P<pid>\d+)-")
_BACKUP = re.compile(r"\.bak\.(?P<pid>\d+)\.part$")


def partial_file(path: Path) -> tuple[int, str]:
    """``mkstemp`` beside ``path`` under a name that says which process writes it."""
    return tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)


def temp_folder(kind: str) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder (removed on exit; by the next command if this one is killed)."""
    return tempfile.TemporaryDirectory(prefix=f"lotse-{kind}-{os.getpid()}-")


def backup_partial(target: Path) -> Path:
    """The name a SQLite backup is copied to before it is renamed to ``target``."""
    return target.with_name(f"{target.name}.{os.getpid()}.part")


def _gone(pid: str) -> bool:
    """True when no process ``pid`` runs (then nobody writes the name any more)."""
    number = int(pid)
    if number == os.getpid() or number <= 0:
        return False
    try:
        os.kill(number, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def _remove(entry: Path) -> None:
    with contextlib.suppress(OSError):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink()


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:  # not there (yet), not a folder, not readable: nothing of ours to remove
        return []


def tidy_temporary_folders() -> int:
    """Remove ``lotse-KIND-PID-…`` folders of processes that are gone; returns how many."""
    removed = 0
    for entry in _entries(Path(tempfile.gettempdir())):
        match = _FOLDER.match(entry.name)
        if match and _gone(match["pid"]):
            _remove(entry)
            removed += 1
    return removed


def tidy_beside(path: Path) -> int:
    """Remove half-written files of gone processes beside ``path`` (any target in its folder, and
    SQLite backups of ``path``); finish a package switch at ``path``. Returns how many were removed."""
    path = Path(path).absolute()
    removed = 0
    for entry in _entries(path.parent):
        match = _PARTIAL.match(entry.name) or (
            _BACKUP.search(entry.name) if entry.name.startswith(path.name + ".") else None
        )
        if match and _gone(match["pid"]):
            _remove(entry)
            removed += 1
    from .integreat.swap import recover, versions_dir

    if versions_dir(path).is_dir() or any(path.parent.glob(f".{path.name}.old-*")):
        with contextlib.suppress(OSError):
            recover(path)
    return removed


def tidy(paths: Iterable[Path]) -> int:
    """What every command runs first: the temporary folders, and beside each of ``paths`` (the
    database file, the files and folders named on the command line)."""
    removed = tidy_temporary_folders()
    for path in paths:
        with contextlib.suppress(OSError, ValueError):
            removed += tidy_beside(Path(path))
    return removed
