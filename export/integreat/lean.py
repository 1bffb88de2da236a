"""A re-publish of a few changed offers that reads nothing of the others: the snapshot holds
only the changed offers (their rows, texts and confirmations), and what the package takes from
the other offers comes from the sidecar (each offer's record: its statuses, page order and
text dates per language, its omissions; the manifest's tallies) or from a few plain columns
read for all of them (:class:`WholeRegion`: path slugs, pictures, the newest text's date, the
places of events).

Preconditions, each checked (otherwise the publish takes republish.py's fast path over every
offer): every changed item is an offer that still exists, no event takes place at one, each
one's shape is the live run's (so every other file that names it is unchanged, and so is its
order in its category), its texts' dates are the recorded ones wherever it has a page (its
category page shows the newest), no place of it carries the CMS's own slugs, and each side-file
entry is found exactly once. The result is the fast path's: the changed page and place objects
spliced into the live files, the imprint and Lotse's side files (their changed entries spliced)
compared by digest, the manifest's tallies adjusted by the changed offers' records
(tests/integreat/test_publish_delta.py: equal to a full publish after random edits).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .api_values import CATEGORY_PAGE_BASE
from .app_rules import AppContext
from .build_state import Delta, LastBuild, file_digest
from .build_trace import PAGE, object_digest, offer_shape
from .item_paths import _UNSAFE
from .json_bytes import dump, encode
from .objects import Builder
from .package_data import side_entry, text_entry
from .policy import Plan
from .republish import MAX_CHANGED, FastResult, Unusable, _builder, _splice, add_language, vouched
from .snapshot import RegionSnapshot
from .validate import PackageProblem


@dataclass
class WholeRegion:
    """What a lean re-publish reads of every offer (a few plain columns)."""

    offer_slugs: dict[int, str]  # every offer's path slug (item_paths.path_slugs)
    images: list[tuple[int, str | None]]  # every item's (id, picture path)
    last_change: datetime  # the newest date of an offer's text in the region's languages
    event_places: set[int]  # the offers some event takes place at


def records_of(
    snapshot: RegionSnapshot, plan: Plan, builder: Builder, ids: Iterable[int] | None = None
) -> dict[int, str]:
    """Each offer's part in what the package says beyond its own objects, as JSON: per language
    where it goes out its status, its order among its category's pages and its text's date
    ("in"); its omissions per language ("left") and in every language ("all")."""
    wanted = {o.id for o in snapshot.offers} if ids is None else set(ids)
    offers = {o.id: o for o in snapshot.offers if o.id in wanted}
    records: dict[int, dict[str, Any]] = {oid: {"in": {}, "left": {}, "all": 0} for oid in offers}
    for code, included in plan.included.items():
        order = {
            o.id: i for _c, group in builder._groups(code) for i, o in enumerate(group) if o.id in wanted
        }
        for oid in included:
            if oid in offers:
                text = offers[oid].texts[code]
                records[oid]["in"][code] = [text.status, order.get(oid), text.updated_at.isoformat()]
    for o in plan.omissions:
        record = records.get(o.offer_id) if o.offer_id is not None else None
        if record is None:
            continue
        if o.language == "*":
            record["all"] += o.reason != "no_coordinates"
        elif o.reason != "language_empty":
            record["left"][o.language] = record["left"].get(o.language, 0) + 1
    return {oid: json.dumps(r, sort_keys=True) for oid, r in records.items()}


def adjusted(
    tallies: dict[str, Any], old: Iterable[dict[str, Any]], new: Iterable[dict[str, Any]]
) -> dict[str, Any]:
    """The manifest's tallies with some offers' records replaced (old out, new in)."""
    t: dict[str, Any] = json.loads(json.dumps(tallies))
    for sign, records in ((-1, old), (1, new)):
        for record in records:
            for code, (status, _order, _date) in record["in"].items():
                t["offers"][code] = t["offers"].get(code, 0) + sign
                review = t["review"].setdefault(code, {})
                review[status] = review.get(status, 0) + sign
            for code, n in record["left"].items():
                t["left_out"][code] = t["left_out"].get(code, 0) + sign * n
            t["everywhere"] += sign * record["all"]
    t["review"] = {c: dict(sorted((s, n) for s, n in r.items() if n)) for c, r in t["review"].items()}
    t["left_out"] = {c: n for c, n in t["left_out"].items() if n}
    return t


@vouched(Unusable, OSError)
def lean_delta(
    snapshot: RegionSnapshot,
    plan: Plan,
    last: LastBuild,
    changed: set[int],
    whole: WholeRegion,
    *,
    out: Path,
    base_url: str,
    image_urls: dict[Any, str],
    app: AppContext,
) -> FastResult:
    """The delta from only the changed offers read (see the module docstring)."""
    offers = {o.id: o for o in snapshot.offers}
    if not changed or len(changed) > MAX_CHANGED or set(offers) != changed:
        raise Unusable("not only a few offers that exist")
    if changed & whole.event_places:
        raise Unusable("an event takes place at a changed offer")
    facts = last.meta
    languages = facts.get("languages")
    tallies = facts.get("tallies")
    if not isinstance(languages, list) or not isinstance(tallies, dict):
        raise Unusable("no tallies")
    if set(facts.get("untraced", [])) & set(languages):
        raise Unusable("other languages")
    old = {oid: json.loads(r) for oid, r in last.records(changed).items()}
    if set(old) != changed:
        raise Unusable("an offer without a record")
    builder = _builder(snapshot, plan, base_url, image_urls)
    builder.offer_slugs, builder.place_slugs = whole.offer_slugs, {}
    builder.languages, builder._last_change = languages, whole.last_change
    for o in offers.values():
        own = {_UNSAFE.sub("-", t.slug or "").strip("-").lower() for t in o.texts.values()}
        if builder.is_place(o) and own - {"", whole.offer_slugs.get(o.id)}:
            raise Unusable("a place with the CMS's slugs")
    included = {code: set(ids) for code, ids in plan.included.items()}
    shapes = {oid: offer_shape(o, builder, included) for oid, o in offers.items()}
    if shapes != last.shapes(changed):
        raise Unusable("a changed offer's shape")
    new_records = records_of(snapshot, plan, builder)
    fresh = {oid: json.loads(r) for oid, r in new_records.items()}
    for oid, record in fresh.items():  # the order among the others: the live run's (same shape)
        for code, entry in record["in"].items():
            before = old[oid]["in"].get(code)
            if before is None:
                raise Unusable("a language the record lacks")
            if offers[oid].as_page and entry[2] != before[2]:
                raise Unusable("a text's date (its category page shows the newest)")
            entry[1] = before[1]
        new_records[oid] = json.dumps(record, sort_keys=True)
    warnings: list[PackageProblem] = []
    new: dict[tuple[str, str, str], bytes] = {}
    parents: set[tuple[str, str, str]] = set()
    extra: dict[str, object] = {}  # whole files built again
    for code in languages:
        mine = [offers[i] for i in sorted(changed & included.get(code, set()))]
        pages = []
        for o in mine:
            if not o.as_page:
                continue
            category = o.category_id if o.category_id in builder.categories else None
            path = builder.path(code, builder.category_slugs[category])
            parent = {"url": builder.url(path), "path": path}
            parents.add((code, PAGE, path))
            order = fresh[o.id]["in"][code][1]
            pages.append(
                builder.offer_page(o, code, parent, CATEGORY_PAGE_BASE + (category or 0) * 1000, order)
            )
        # each page's parent is its category's page, unchanged: the live run's (checked below)
        add_language(builder, app, code, mine, pages, new, extra, warnings, live_parents=True)
    known = last.objects([*new, *parents])
    if set(known) != set(new) | parents:
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
    built.update(_side_files(snapshot, builder, languages, included, out))
    old_digests = last.digests([*built, *changed_files])
    for relpath, data in built.items():
        if old_digests.get(relpath) != file_digest(data):
            changed_files[relpath] = data
    digests = {p: file_digest(d) for p, d in changed_files.items()}
    changed_files = {p: d for p, d in changed_files.items() if old_digests.get(p) != digests[p]}
    counts = {code: (int(n[0]), int(n[1])) for code, n in facts.get("page_counts", {}).items()}
    return FastResult(
        Delta(last.run, changed_files, frozenset()),
        {i: (len(data), object_digest(data)) for i, (_old, data) in moved.items()},
        {p: digests[p] for p in changed_files},
        counts,
        warnings,
        records=new_records,
        tallies=adjusted(tallies, old.values(), fresh.values()),
        lean=True,
    )


def _side_files(
    snapshot: RegionSnapshot, builder: Builder, languages: list[str], included: dict[str, set[int]], out: Path
) -> dict[str, bytes]:
    """Lotse's side files of the live run with the changed offers' entries replaced."""
    return side_files_edited(
        snapshot, builder, languages, included, out, None, {o.id for o in snapshot.offers}
    )


def side_files_edited(
    snapshot: RegionSnapshot,
    builder: Builder,
    languages: list[str],
    included: dict[str, set[int]],
    out: Path,
    old: dict[int, dict[str, Any]] | None,
    changed: set[int],
) -> dict[str, bytes]:
    """Lotse's side files of the live run with the ``changed`` offers' entries replaced, and
    (given their ``old`` records) taken out where an offer no longer goes out."""
    live = out / "lotse"
    offers = sorted((o for o in snapshot.offers if o.id in changed), key=lambda o: o.id)
    files: dict[str, bytes] = {}

    def was_in(oid: int, code: str | None) -> bool:
        record = (old or {}).get(oid)
        return bool(record and (record["in"] if code is None else code in record["in"]))

    entries: dict[str, bytes | None] = {
        builder.offer_slugs[o.id]: encode(side_entry(o, snapshot))
        for o in offers
        if _published(o.id, included)
    }
    entries.update(
        {
            builder.offer_slugs[o.id]: None
            for o in offers
            if not _published(o.id, included) and was_in(o.id, None)
        }
    )
    if entries:
        data = (live / "offers.json").read_bytes()
        files["lotse/offers.json"] = _replace_entries(data, b',"offers":{', entries)
    for code in languages:
        texts: dict[str, bytes | None] = {
            builder.offer_slugs[o.id]: encode(text_entry(o.texts[code]))
            for o in offers
            if o.id in included[code]
        }
        texts.update(
            {
                builder.offer_slugs[o.id]: None
                for o in offers
                if o.id not in included[code] and was_in(o.id, code)
            }
        )
        if texts:
            data = (live / "texts" / f"{code}.json").read_bytes()
            files[f"lotse/texts/{code}.json"] = _replace_entries(data, b"{", texts)
    return files


def _published(oid: int, included: dict[str, set[int]]) -> bool:
    return any(oid in ids for ids in included.values())


_DECODER = json.JSONDecoder()


def _replace_entries(data: bytes, opening: bytes, entries: dict[str, bytes | None]) -> bytes:
    """``data`` (an object in deterministic JSON) with the values of the entries of the object
    that ``opening`` begins replaced (None: the entry taken out, with one comma); Unusable
    unless each key is found exactly once."""
    text = data.decode("utf-8")
    base = text.find(opening.decode("utf-8"))
    if base == -1:
        raise Unusable("a side file without its object")
    spans: list[tuple[int, int, str]] = []
    for key, encoded in entries.items():
        marker = json.encoder.encode_basestring(key) + ":"
        at = text.find(marker, base)
        if at == -1 or text.find(marker, at + 1) != -1 or text[at - 1] not in "{,":
            raise Unusable("a side file's entry not found once")
        start = at + len(marker)
        _value, end = _DECODER.raw_decode(text, start)
        if encoded is not None:
            spans.append((start, end, encoded.decode("utf-8")))
        elif text[at - 1] == ",":
            spans.append((at - 1, end, ""))
        elif text[end] == ",":
            spans.append((at, end + 1, ""))
        else:
            spans.append((at, end, ""))
    spans.sort()
    parts: list[str] = []
    at = 0
    for start, end, value in spans:
        parts += [text[at:start], value]
        at = end
    return "".join([*parts, text[at:]]).encode("utf-8")
