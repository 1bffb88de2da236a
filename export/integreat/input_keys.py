"""The inputs of a publish that are not items, as one key (the context): the region, its
languages, categories, organizations and places' names, the settings, the day and the code. Two
publishes with the same context and no changed item (desktop/publish_changes.py) build the same
bytes. The key is a digest of the values themselves (every field of the snapshot's dataclasses
but the items, files by size and time), so such an input cannot reach the package without
reaching the key (tests/integreat/test_republish_inputs.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from .snapshot import RegionSnapshot

# Bumped when what a key covers changes (an older sidecar is then not used).
KEYS_VERSION = 2


def _canon(value: Any) -> Any:
    """A value as nested tuples with a fixed order (dicts sorted, dataclasses by field)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *[_canon(getattr(value, f.name)) for f in dataclasses.fields(value)])
    if isinstance(value, dict):
        return ("{", *sorted((repr(k), _canon(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return ("[", *[_canon(v) for v in value])
    return value


def digest(*values: Any) -> bytes:
    return hashlib.blake2b(repr(_canon(values)).encode("utf-8"), digest_size=16).digest()


def file_stamp(path: str | None) -> tuple[object, ...] | None:
    """An image file as a key sees it: its size and modification time (a changed image gets both
    new; the builder reads it again whenever the stamp differs)."""
    if not path:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return (path, None)
    return (path, st.st_size, st.st_mtime_ns)


@cache
def code_version() -> str:
    """The package code itself: a digest of this folder's sources and the modules it builds
    with, so a changed builder never reuses bytes an older one made."""
    here = Path(__file__).resolve().parent
    root = here.parent.parent
    used = ["bidi", "confirmation", "hours", "page_tree", "recurrence", "richtext", "slugs", "validation"]
    sources = sorted(here.glob("*.py")) + [root / "models" / f"{name}.py" for name in used]
    sources += sorted((root / "export").glob("ical*.py"))
    h = hashlib.blake2b(digest_size=16)
    for path in sources:
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@dataclasses.dataclass(frozen=True)
class InputKeys:
    context: bytes  # region, languages, categories, organizations, settings, the day, the code
    images: bytes  # every item's picture file: its path, size and time


ITEMS = ("offers", "pages", "events")


def input_keys(
    snapshot: RegionSnapshot,
    *,
    base_url: str,
    today: date,
    policy: str | None,
    local_preview: bool,
    lotse_version: str,
    images: Iterable[tuple[int, str | None]] | None = None,
) -> InputKeys:
    """The context key and the pictures' stamps. What an item holds (its fields, texts,
    confirmations) is not in here: the change log says which items changed
    (desktop/publish_changes.py); without it every item is read and built. ``images``: every
    item's (id, picture path) when the snapshot holds only some items (a lean re-publish)."""
    region = {f.name: getattr(snapshot, f.name) for f in dataclasses.fields(snapshot) if f.name not in ITEMS}
    context = digest(
        KEYS_VERSION,
        code_version(),
        lotse_version,
        base_url,
        today,
        policy,
        local_preview,
        region,
        [file_stamp(org.logo_path) for org in snapshot.organizations],
    )
    if images is None:
        items = [*snapshot.offers, *snapshot.pages, *snapshot.events]
        images = [(item.id, item.image_path) for item in items]
    return InputKeys(context, digest(sorted((i, file_stamp(path)) for i, path in images if path)))
