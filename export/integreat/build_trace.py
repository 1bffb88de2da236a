"""What a full build notes for the next re-publish besides the files' digests: where each page
and place object is (which files hold it, its length and digest), and each offer's shape (what
of it other files depend on: whether and where it goes out, its order, its paths).

A page or place object is named by its language, its kind and its path (unique in a language;
a language where two share a path is not traced, so a re-publish rebuilds it in full).
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass, field
from typing import Any

from .input_keys import digest, file_stamp
from .json_bytes import Dumper
from .snapshot import OfferSnap

PAGE, PLACE = "page", "place"


def kind_of(value: dict[str, Any]) -> str | None:
    """A page object has a parent and an order, a place object a location (events have neither)."""
    if "location" in value and "location_on_map" in value:
        return PLACE
    if "parent" in value and "order" in value and "embedded_offers" in value:
        return PAGE
    return None


def object_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass
class Trace:
    """Objects and the files holding them, collected while the payload is dumped."""

    objects: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (lang, kind, path) -> index
    sizes: array[int] = field(default_factory=lambda: array("q"))
    digests: list[bytes] = field(default_factory=list)
    ref_objects: array[int] = field(default_factory=lambda: array("q"))
    ref_files: array[int] = field(default_factory=lambda: array("q"))
    untraced: set[str] = field(default_factory=set)  # languages with two objects of one path

    def reset(self) -> None:
        """Forget what an earlier pass noted (the payload is built again)."""
        self.objects.clear()
        self.sizes, self.digests = array("q"), []
        self.ref_objects, self.ref_files = array("q"), array("q")
        self.untraced.clear()

    def note(self, lang: str, file_index: int, value: dict[str, Any], data: bytes) -> None:
        kind = kind_of(value)
        path = value.get("path")
        if kind is None or not isinstance(path, str):
            return
        key = (lang, kind, path)
        index = self.objects.get(key)
        if index is None:
            index = self.objects[key] = len(self.sizes)
            self.sizes.append(len(data))
            self.digests.append(object_digest(data))
        elif self.sizes[index] != len(data) or self.digests[index] != object_digest(data):
            self.untraced.add(lang)  # two different objects of one path
        self.ref_objects.append(index)
        self.ref_files.append(file_index)


class TracingDumper(Dumper):
    """``Dumper`` that tells a :class:`Trace` which page and place objects each file holds."""

    def __init__(self, trace: Trace) -> None:
        super().__init__()
        self.trace = trace
        self.lang = ""
        self.file_index = 0

    def _one(self, value: Any) -> bytes:
        data = super()._one(value)
        if isinstance(value, dict) and self.lang:
            self.trace.note(self.lang, self.file_index, value, data)
        return data


def language_of(relpath: str, region: str) -> str:
    """The language folder of an API file (``api/v3/{region}/{lang}/…``), "" for any other."""
    prefix = f"api/v3/{region}/"
    if not relpath.startswith(prefix):
        return ""
    parts = relpath[len(prefix) :].split("/", 1)
    return parts[0] if len(parts) == 2 and parts[0] != "languages" else ""


def offer_shape(offer: OfferSnap, builder: Any, included: dict[str, set[int]]) -> bytes:
    """What other files take from an offer: in which languages it goes out, its title there
    (the order in its category), its ids and paths, its category, organization and picture.
    An offer whose shape is unchanged changes only its own page and place objects."""
    per_language: list[tuple[Any, ...]] = []
    for code, ids in included.items():
        text = offer.texts.get(code)
        if offer.id not in ids or text is None:
            per_language.append((code, False))
            continue
        place = builder.item_segments(offer, code, "place") if builder.is_place(offer) else None
        per_language.append((code, True, text.id, text.title, builder.page_segments(offer), place))
    category = offer.category_id if offer.category_id in builder.categories else None
    return digest(
        offer.kind,
        offer.as_page,
        builder.is_place(offer),
        category,
        offer.organization_id,
        offer.image_path,
        file_stamp(offer.image_path),
        builder.offer_slugs.get(offer.id),
        per_language,
    )
