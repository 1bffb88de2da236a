"""The cyclic garbage collector paused while a long build piles up objects that live on.

An XLIFF preview of a whole region keeps ~10,000 changes; each full collection walks all of them
again (three full collections, ~10 % of the preview at 10,000 offers). What such a build makes is
freed by reference counting; the collector runs again once the last build has finished.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0  # builds running now (several threads may run one each)
_was_enabled = False  # the collector's state before the first of them


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block (nor in other threads meanwhile); afterwards the
    collector is as it was before the first of the running blocks."""
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
