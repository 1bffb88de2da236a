"""Is a feature another issue builds on main yet? Cases that measure it ask here first."""

from __future__ import annotations

import importlib


def first_available(candidates: list[tuple[str, str]]) -> object | None:
    """The first ``module:attribute`` of ``candidates`` that imports, or None."""
    for module_name, attribute in candidates:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        found = getattr(module, attribute, None)
        if found is not None:
            return found
    return None


def describe(candidates: list[tuple[str, str]], issue: str) -> str:
    names = ", ".join(f"{m}.{a}" for m, a in candidates)
    return f"{issue} has not landed on main ({names} not found)"
