"""PySide6 reads the source of every module imported after it and keeps it.

Its ``__feature__`` support (``from __feature__ import snake_case``) asks, for each module
imported, whether the source mentions "PySide6", through ``inspect.getsource``, which keeps
every line of every file in ``linecache`` for good: at the window's ~750 modules that was
26 MiB of the window's memory, and reading them cost start time (tracemalloc, issue 20 round 4).
``forget_module_sources`` gives PySide6 the same answer without the cache and empties what was
cached until then. Lines are still read when a traceback is printed: linecache reads them anew.
"""

from __future__ import annotations

import linecache
import sys
from types import ModuleType

# Where PySide6 keeps the check (its embedded support package); names checked at run time,
# so another PySide6 version only keeps its own behaviour.
_FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")
_CHECK = "_mod_uses_pyside"


def mentions_pyside(module: ModuleType) -> bool:
    """PySide6's own rule (the word "PySide6" in the module's source), the source read from
    the module's loader and let go."""
    loader = getattr(module, "__loader__", None)
    get_source = getattr(loader, "get_source", None)
    if get_source is None:
        return False
    try:
        source = get_source(module.__name__)
    except (ImportError, OSError, SyntaxError, TypeError, ValueError):
        return False
    return bool(source) and "PySide6" in source


def forget_module_sources() -> bool:
    """Replace PySide6's check where it is found; empty linecache either way. True when the
    check was replaced."""
    replaced = False
    for name in _FEATURE_MODULES:
        feature = sys.modules.get(name)
        if feature is not None and callable(getattr(feature, _CHECK, None)):
            setattr(feature, _CHECK, mentions_pyside)
            replaced = True
    linecache.clearcache()
    return replaced
