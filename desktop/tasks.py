"""Long work without Qt: a progress callback and a cancel flag.

Domain code (translation batches, publishing, imports) takes a
``progress(done, total, message)`` callable and a :class:`CancelToken`, calls
``token.raise_if_cancelled()`` between steps and stops cleanly with
:class:`Cancelled`, keeping what it has finished. ``ui/task_runner.py`` runs such
work off the GUI thread; the CLI runs it directly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol, TextIO


class Cancelled(Exception):
    """The user cancelled; what was finished before is kept."""


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


def no_progress(done: int, total: int, message: str = "") -> None:
    return None


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


TaskFunction = Callable[[Progress, CancelToken], object]


def print_progress(stream: TextIO) -> Progress:
    """A progress callback for the command line: one updating line on a terminal."""
    is_tty = hasattr(stream, "isatty") and stream.isatty()

    def report(done: int, total: int, message: str = "") -> None:
        if not is_tty:
            return
        stream.write(f"\r{done}/{total} {message[:60]:<60}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return report
