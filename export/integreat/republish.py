"""A re-publish after a few offers changed: only their page and place objects are built, and
only the files holding them are rewritten, spliced into the live run's bytes.

Preconditions, each checked (otherwise :func:`fast_delta` answers None and the publish builds
everything): the sidecar describes the live run and its context and pictures are unchanged;
every changed item is an offer (not a page or an event, and no event takes place at it); each
changed offer's shape (build_trace.offer_shape: languages, order, ids, paths, category,
organization, picture) is the one the live run was built with, and so are the published
languages. Then the files that can change are: the files holding the offer's page and place
objects and its category's page (its newest date), the imprint (the region's last change),
and Lotse's side files; every other file is the live run's, byte for byte
(tests/integreat/test_publish_delta.py compares with a full publish after random edits).

An object is found in a live file by its path (it holds it, at most its old length before)
and its old length, and is replaced only when the old bytes have the digest the sidecar
recorded; anything else falls back to the full build.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec

from .app_rules import AppContext, check_file, errors_of
from .build_state import Delta, LastBuild, file_digest
from .build_trace import PAGE, PLACE, object_digest, offer_shape
from .json_bytes import dump, encode
from .objects import Builder
from .package_data import side_files, tallies_of
from .page_tree import PAGE_ID_KEY
from .policy import Plan
from .snapshot import RegionSnapshot
from .validate import PackageProblem, check_imprint, check_pages, check_places

MAX_CHANGED = 200  # more changed offers than this: a full build is as quick


@dataclass
class FastResult:
    delta: Delta
    objects: dict[int, tuple[int, bytes]]  # object id -> new (length, digest)
    digests: dict[str, bytes]  # relpath -> new digest of each changed file
    page_counts: dict[str, tuple[int, int]]
    warnings: list[PackageProblem]
    records: dict[int, str] = field(default_factory=dict)  # the changed offers' new records (lean.py)
    tallies: dict[str, Any] | None = None  # the manifest's counts (package_data.tallies_of)
    lean: bool = False  # built without reading the other offers (lean.py)
    gone_objects: set[int] = field(default_factory=set)  # objects no longer in the run (lean_groups.py)
    shapes: dict[int, bytes] = field(default_factory=dict)  # the changed offers' new shapes, if changed


class Unusable(Exception):
    """The fast path cannot vouch for its result; build everything."""


_P = ParamSpec("_P")


def vouched(
    *errors: type[Exception],
) -> Callable[[Callable[_P, FastResult]], Callable[_P, FastResult | str]]:
    """A delta path answering the delta, or why it cannot vouch for one (one of ``errors``
    raised while it looked)."""

    def wrap(build: Callable[_P, FastResult]) -> Callable[_P, FastResult | str]:
        @functools.wraps(build)
        def answer(*args: _P.args, **kwargs: _P.kwargs) -> FastResult | str:
            try:
                return build(*args, **kwargs)
            except errors as exc:
                return str(exc) or type(exc).__name__

        return answer

    return wrap


def _builder(snapshot: RegionSnapshot, plan: Plan, base_url: str, image_urls: dict[Any, str]) -> Builder:
    thumbnails = {key[1]: url for key, url in image_urls.items() if key[0] == "offer"}
    thumbnails.update({-key[1]: url for key, url in image_urls.items() if key[0] == "org"})
    tiles = {key[1]: url for key, url in image_urls.items() if key[0] == "category"}
    return Builder(snapshot, plan, base_url, thumbnails, tiles)


def shapes_of(
    snapshot: RegionSnapshot,
    plan: Plan,
    base_url: str,
    image_urls: dict[Any, str],
    ids: set[int] | None = None,
) -> dict[int, bytes]:
    builder = _builder(snapshot, plan, base_url, image_urls)
    included = {code: set(plan.included[code]) for code in plan.included}
    return {o.id: offer_shape(o, builder, included) for o in snapshot.offers if ids is None or o.id in ids}


@vouched(Unusable, OSError)
def fast_delta(
    snapshot: RegionSnapshot,
    plan: Plan,
    last: LastBuild,
    changed: set[int],
    *,
    out: Path,
    base_url: str,
    image_urls: dict[Any, str],
    app: AppContext,
) -> FastResult:
    """The delta from the changed offers' own objects (see the module docstring)."""
    offers = {o.id: o for o in snapshot.offers}
    if not changed or len(changed) > MAX_CHANGED or not changed <= set(offers):
        raise Unusable("not only a few offers")
    if any(e.place_id in changed for e in snapshot.events):
        raise Unusable("an event takes place at a changed offer")
    facts = last.meta
    if facts.get("languages") != plan.languages or set(facts.get("untraced", [])) & set(plan.languages):
        raise Unusable("other languages")
    if shapes_of(snapshot, plan, base_url, image_urls, changed) != last.shapes(changed):
        raise Unusable("a changed offer's shape")
    builder = _builder(snapshot, plan, base_url, image_urls)
    warnings: list[PackageProblem] = []
    new: dict[tuple[str, str, str], bytes] = {}
    extra: dict[str, object] = {}  # whole files built again
    for code in plan.languages:
        included = set(plan.included[code])
        mine = [offers[i] for i in sorted(changed & included)]
        pages: list[dict[str, Any]] = []
        for order, (category, group) in enumerate(builder._groups(code) if mine else []):
            touched = [o for o in group if o.id in changed]
            if not touched:
                continue
            page = builder.category_page(category, code, group, order)
            pages.append(page)
            page_id = page[PAGE_ID_KEY]
            for o in touched:
                pages.append(builder.offer_page(o, code, page, page_id, group.index(o)))
        add_language(builder, app, code, mine, pages, new, extra, warnings)
    extra.update(side_files(snapshot, plan))
    known = last.objects(list(new))
    if set(known) != set(new):
        raise Unusable("an object the live run does not have")
    moved = {
        known[key][0]: (known[key][1:], data)
        for key, data in new.items()
        if known[key][2] != object_digest(data)
    }
    kinds = {known[key][0]: (key[1], key[2]) for key in new}
    changed_files: dict[str, bytes] = {}
    for relpath, held in sorted(last.holding(moved).items()):
        data = (out / relpath).read_bytes()
        changed_files[relpath] = _splice(data, [(kinds[i], *moved[i]) for i in sorted(held)])
    built = {relpath: dump(value) for relpath, value in extra.items()}
    old = last.digests([*built, *changed_files])
    for relpath, data in built.items():
        if old.get(relpath) != file_digest(data):
            changed_files[relpath] = data
    digests = {p: file_digest(d) for p, d in changed_files.items()}
    changed_files = {p: d for p, d in changed_files.items() if old.get(p) != digests[p]}
    objects = {i: (len(data), object_digest(data)) for i, (_old, data) in moved.items()}
    counts = {code: (int(n[0]), int(n[1])) for code, n in facts.get("page_counts", {}).items()}
    from .lean import records_of  # (lean.py builds on this module)

    return FastResult(
        Delta(last.run, changed_files, frozenset()),
        objects,
        {p: digests[p] for p in changed_files},
        counts,
        warnings,
        records_of(snapshot, plan, builder, changed),
        tallies_of(snapshot, plan),
    )


def add_language(
    builder: Builder,
    app: AppContext,
    code: str,
    mine: list[Any],
    pages: list[dict[str, Any]],
    new: dict[tuple[str, str, str], bytes],
    extra: dict[str, object],
    warnings: list[PackageProblem],
    *,
    live_parents: bool = False,
) -> None:
    """One language's changed pages and places (of the offers ``mine``) checked as the full build
    checks them and encoded into ``new``, its imprint into ``extra``, warnings kept; a failed check
    makes the fast path unusable. ``live_parents``: the pages' parents are the live run's, checked
    by the caller."""
    region = builder.snapshot.slug
    folder = f"api/v3/{region}/{code}"
    places = [builder.place(o, code) for o in mine if builder.is_place(o)]
    pages = [{k: v for k, v in p.items() if k != PAGE_ID_KEY} for p in pages]
    problems = check_pages(pages, region, code, f"{folder}/pages")
    if live_parents:
        problems = [p for p in problems if p.field != "parent"]
    problems += check_places(places, region, code, f"{folder}/locations")
    imprint = builder.imprint(code)
    problems += check_imprint(imprint, region, code, f"{folder}/imprint")
    for relpath, value in ((f"{folder}/pages/index.json", pages), (f"{folder}/locations/index.json", places)):
        problems += check_file(relpath, value, app)
    if errors_of(problems):
        raise Unusable("a check failed: the full build reports it")
    warnings += problems
    new.update({(code, PAGE, p["path"]): encode(p) for p in pages})
    new.update({(code, PLACE, p["path"]): encode(p) for p in places})
    extra[f"{folder}/imprint/index.json"] = imprint
    extra[f"{folder}/disclaimer/index.json"] = imprint


def _splice(data: bytes, changes: list[tuple[tuple[str, str], tuple[int, bytes], bytes]]) -> bytes:
    """``data`` with each object (kind, path), known by its old length and digest, replaced by
    its new bytes; Unusable when an object is not found exactly as recorded."""
    spans: list[tuple[int, int, bytes]] = []
    for (_kind, path), (size, old_digest), new_bytes in changes:
        marker = b'"path":' + json.dumps(path, ensure_ascii=False).encode("utf-8") + b","
        found = data.find(marker)
        hits = 0
        while found != -1:
            start = data.rfind(b"{", max(0, found - size), found)
            while start != -1:
                if (start == 0 or data[start - 1 : start] in (b"[", b",")) and object_digest(
                    data[start : start + size]
                ) == old_digest:
                    spans.append((start, start + size, new_bytes))
                    hits += 1
                    break
                start = data.rfind(b"{", max(0, found - size), start)
            found = data.find(marker, found + len(marker))
        if hits == 0:
            raise Unusable(f"object {path} not found")
    spans.sort()
    parts, at = [], 0
    for start, end, replacement in spans:
        if start < at:
            raise Unusable("overlapping objects")
        parts += [data[at:start], replacement]
        at = end
    return b"".join([*parts, data[at:]])
