"""The publish folder tidied at the window's start, without importing the publishing code
(desktop.publish loads the package builder, iCalendar and Pillow: a second of start time under
load and a few MiB the window does not need until something is published)."""

from __future__ import annotations

from pathlib import Path

from export.integreat.swap import recover


def tidy_package_folder(folder: str | Path | None) -> None:
    """At the window's start, for the folder the last publish used: a publish killed half-way is
    finished (its links) and what it left is removed, as ``publish``, ``serve`` and ``verify`` do."""
    if not folder:
        return
    try:
        recover(Path(folder))
    except OSError:
        pass  # a folder on a drive that is not there now: the next publish tidies it
