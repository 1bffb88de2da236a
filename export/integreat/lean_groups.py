"""A lean re-publish of offers whose change reaches their siblings: a changed title (the offer
moves among its category's pages), a text that leaves languages (a new German text makes every
translation outdated: the offer goes out of those languages) or a new text date (the category
page shows the newest). Read are the changed offers and every offer of their categories
(desktop/publish_changes.py), nothing of the others; per language each touched category's
block (its page and its offers' pages, in order) is built again and put in place of the live
block in every file holding it, an offer gone from a language is taken out of the files
holding it and its own page-tree files removed.

Preconditions, each checked (otherwise the publish takes the fast path over every offer): the
changed offers are pages of real categories, no event takes place at one, each one's shape is
the live run's but for the languages it goes out in and its titles there (the recorded shape
is recomputed with the live run's languages and titles), it enters no language and no
category appears or vanishes anywhere, every unchanged sibling's languages are the recorded
ones, every object is found where the sidecar says, with its recorded digest, and a block's
objects lie side by side in the recorded order (tests/integreat/test_publish_delta.py: equal
to a full publish after random edits).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .api_values import CATEGORY_PAGE_BASE, own_id
from .app_rules import AppContext
from .build_state import Delta, LastBuild, file_digest
from .build_trace import PAGE, PLACE, object_digest, offer_shape
from .json_bytes import dump, encode
from .lean import WholeRegion, adjusted, records_of, side_files_edited
from .lean_edits import Edits, Group
from .objects import Builder
from .page_tree import PAGE_ID_KEY, file_key, slugify
from .policy import Plan
from .republish import MAX_CHANGED, FastResult, Unusable, _builder, add_language, vouched
from .snapshot import OfferSnap, RegionSnapshot
from .validate import PackageProblem


def categories_of(snapshot: RegionSnapshot, changed: set[int]) -> set[int] | None:
    """The categories whose offers this path reads, None unless every changed offer is a page
    of one."""
    categories = {c.id for c in snapshot.categories}
    found = {o.category_id for o in snapshot.offers if o.id in changed and o.kind == "offer"}
    if len(changed) > MAX_CHANGED or not found or None in found or not found <= categories:
        return None
    if any(not o.as_page for o in snapshot.offers if o.id in changed):
        return None
    return {c for c in found if c is not None}


@vouched(Unusable, OSError, ValueError, KeyError)
def group_delta(
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
    """The delta from the changed offers' categories rebuilt (see the module docstring)."""
    offers = {o.id: o for o in snapshot.offers}
    touched = categories_of(snapshot, changed)
    if touched is None or not changed <= set(offers):
        raise Unusable("not only pages of categories")
    if set(offers) != {o.id for o in snapshot.offers if o.category_id in touched} | changed:
        raise Unusable("not every offer of the categories read")
    if changed & whole.event_places:
        raise Unusable("an event takes place at a changed offer")
    facts = last.meta
    languages, tallies = facts.get("languages"), facts.get("tallies")
    if not isinstance(languages, list) or not isinstance(tallies, dict):
        raise Unusable("no tallies")
    if set(facts.get("untraced", [])) & set(languages):
        raise Unusable("other languages")
    builder = _builder(snapshot, plan, base_url, image_urls)
    builder.offer_slugs, builder.place_slugs = whole.offer_slugs, {}
    builder.languages, builder._last_change = languages, whole.last_change
    included = {code: set(ids) for code, ids in plan.included.items()}
    if not set(languages) <= set(included):
        raise Unusable("other languages")
    old = {oid: json.loads(r) for oid, r in last.records(offers).items()}
    if not changed <= set(old):
        raise Unusable("an offer without a record")
    before = {oid: set(old[oid]["in"]) if oid in old else set() for oid in offers}
    for oid in offers:
        now = {code for code in languages if oid in included.get(code, set())}
        if oid not in changed and now != before[oid]:
            raise Unusable("an unchanged offer's languages")
        if now - before[oid]:
            raise Unusable("an offer enters a language")
        if before[oid] and not now and _has_media(offers[oid]):
            # its picture, and its organization's logo if no other offer uses it, leave media/
            raise Unusable("an offer with a picture or logo leaves the package")
    region = snapshot.slug
    live_titles = _live_titles(out, region, last, offers, changed, before, builder)
    for oid in changed:
        o = offers[oid]
        if builder.is_place(o) and {t.slug for t in o.texts.values()} - {None, ""}:
            raise Unusable("a place with the CMS's slugs")
        was = {code: ({oid} if code in before[oid] else set()) for code in included}
        titled = replace(
            o, texts={c: replace(t, title=live_titles.get(c, t.title)) for c, t in o.texts.items()}
        )
        if offer_shape(titled, builder, was) != last.shapes([oid]).get(oid):
            raise Unusable("a changed offer's shape beyond its languages and titles")

    warnings: list[PackageProblem] = []
    new: dict[tuple[str, str, str], bytes] = {}
    extra: dict[str, object] = {}
    groups: list[Group] = []
    gone_pages: dict[str, list[OfferSnap]] = {}
    gone_places: list[tuple[str, str, OfferSnap]] = []
    for code in languages:
        mine = [offers[i] for i in sorted(changed & included.get(code, set()))]
        pages: list[dict[str, Any]] = []
        blocks = {c.id if c else None: g for c, g in builder._groups(code)}
        for cid in sorted(touched):
            members = sorted(
                (o for o in offers.values() if o.category_id == cid and code in before[o.id]),
                key=lambda o: old[o.id]["in"][code][1],
            )
            group = blocks.get(cid, [])
            if not members and not group:
                continue
            if not members or not group:
                raise Unusable("a category appears or vanishes in a language")
            if [old[o.id]["in"][code][1] for o in members] != list(range(len(members))):
                raise Unusable("a category's recorded order")
            cat_path = builder.path(code, builder.category_slugs[cid])
            page_id = CATEGORY_PAGE_BASE + cid * 1000
            order = _live_order(out, region, code, page_id, last, cat_path)
            category = builder.categories[cid]
            cat = builder.category_page(category, code, group, order)
            built = [cat] + [builder.offer_page(o, code, cat, page_id, i) for i, o in enumerate(group)]
            pages += built
            keys = [(code, PAGE, p["path"]) for p in built[1:]]
            olds = [(code, PAGE, builder.path(code, *builder.page_segments(o))) for o in members]
            known = last.objects([(code, PAGE, cat_path), *olds, *keys])
            if (code, PAGE, cat_path) not in known or not set(olds) <= set(known):
                raise Unusable("an object the live run does not have")
            if not set(keys) <= set(olds):
                raise Unusable("a page the live run does not have")
            encoded = [encode({k: v for k, v in p.items() if k != PAGE_ID_KEY}) for p in built]
            groups.append(
                Group(
                    code,
                    cat_path,
                    known[(code, PAGE, cat_path)],
                    [known[k] for k in olds],
                    [k[2] for k in olds],
                    b",".join(encoded),
                    [(known[(code, PAGE, cat_path)][0], encoded[0])]
                    + [(known[k][0], data) for k, data in zip(keys, encoded[1:], strict=True)],
                )
            )
            gone_pages.setdefault(code, []).extend(o for o in members if o.id not in included[code])
        for o in changed_offers(offers, changed):
            if code in before[o.id] and o.id not in included[code] and builder.is_place(o):
                gone_places.append((code, builder.path(code, *builder.item_segments(o, code, "place")), o))
        # the pages are checked as the full build checks them; only changed offers' places
        add_language(builder, app, code, mine, pages, new, extra, warnings, live_parents=True)
    new = {k: v for k, v in new.items() if k[1] == PLACE}
    _check_place_categories(builder, offers, changed, included, before, touched)
    return _assemble(
        snapshot, plan, last, changed, out, builder, languages, included, old, tallies, facts,
        groups, gone_pages, gone_places, new, extra, warnings,
    )  # fmt: skip


def _has_media(offer: OfferSnap) -> bool:
    """Whether the offer brings a file into media/: its picture, or its organization's logo
    (a stored one, or the disc app_assets.py draws for an organization without one; whether
    another published offer keeps the logo is not known from the category's offers)."""
    return bool(offer.image_path) or offer.organization_id is not None


def changed_offers(offers: dict[int, OfferSnap], changed: set[int]) -> list[OfferSnap]:
    return [offers[i] for i in sorted(changed)]


def _check_place_categories(
    builder: Builder,
    offers: dict[int, OfferSnap],
    changed: set[int],
    included: dict[str, set[int]],
    before: dict[int, set[str]],
    touched: set[int],
) -> None:
    """A language's place categories stay as they were: an unchanged place of each touched
    category goes out there before and after, or no place of it did and does."""
    for code, ids in included.items():
        for cid in touched:
            places = [o for o in offers.values() if o.category_id == cid and builder.is_place(o)]
            now = any(o.id in ids for o in places)
            was = any(code in before[o.id] for o in places)
            steady = any(o.id in ids and o.id not in changed for o in places)
            if (now or was) and not steady:
                raise Unusable("a place category may appear or vanish")


def _live_titles(
    out: Path,
    region: str,
    last: LastBuild,
    offers: dict[int, OfferSnap],
    changed: set[int],
    before: dict[int, set[str]],
    builder: Builder,
) -> dict[str, str]:
    """The titles the changed offers' live pages show, per language (one offer only: more
    than one with a new title goes the slower way)."""
    titles: dict[str, str] = {}
    if len(changed) != 1:
        return titles
    (oid,) = changed
    for code in sorted(before[oid]):
        data = _read_object(out / f"api/v3/{region}/{code}/page/id/{own_id(oid)}/index.json")
        path = builder.path(code, *builder.page_segments(offers[oid]))
        known = last.objects([(code, PAGE, path)]).get((code, PAGE, path))
        if known is None or known[1:] != (len(data), object_digest(data)):
            raise Unusable("a live page not as recorded")
        titles[code] = json.loads(data)["title"]
    return titles


def _live_order(out: Path, region: str, code: str, page_id: int, last: LastBuild, path: str) -> int:
    """A category page's order among the categories: the live one's (no category appears or
    vanishes)."""
    data = _read_object(out / f"api/v3/{region}/{code}/page/id/{page_id}/index.json")
    known = last.objects([(code, PAGE, path)]).get((code, PAGE, path))
    if known is None or known[1:] != (len(data), object_digest(data)):
        raise Unusable("a live category page not as recorded")
    order = json.loads(data)["order"]
    if not isinstance(order, int):
        raise Unusable("a category page without an order")
    return order


def _read_object(path: Path) -> bytes:
    data = path.read_bytes()
    if not data.endswith(b"\n"):
        raise Unusable("a page file without its newline")
    return data[:-1]


def _own_files(code: str, region: str, path: str, slug: str, page_id: int) -> list[str]:
    """A leaf page's own page-tree files in one language (page_tree.PageTree.static_files)."""
    own = path.strip("/").split("/")[-1]
    slugs = dict.fromkeys(slugify(unquote(s)) for s in (own, slug) if s)
    keys = [f"id/{page_id}"] + [f"url/{file_key(s)}" for s in slugs]
    base = f"api/v3/{region}/{code}"
    return [
        f"{base}/{endpoint}/{key}/index.json" for key in keys for endpoint in ("children", "parents", "page")
    ]


def _assemble(
    snapshot: RegionSnapshot,
    plan: Plan,
    last: LastBuild,
    changed: set[int],
    out: Path,
    builder: Builder,
    languages: list[str],
    included: dict[str, set[int]],
    old: dict[int, dict[str, Any]],
    tallies: dict[str, Any],
    facts: dict[str, Any],
    groups: list[Group],
    gone_pages: dict[str, list[OfferSnap]],
    gone_places: list[tuple[str, str, OfferSnap]],
    new: dict[tuple[str, str, str], bytes],
    extra: dict[str, object],
    warnings: list[PackageProblem],
) -> FastResult:
    region = snapshot.slug
    offers = {o.id: o for o in snapshot.offers}
    removed: set[str] = set()
    emptied: dict[str, bytes] = {}  # children/id/P of a page still in another language: []
    counts = {code: [int(n[0]), int(n[1])] for code, n in facts.get("page_counts", {}).items()}
    page_ids: dict[str, dict[str, None]] = {}
    gone_objects: set[int] = set()
    anywhere = {o.id for o in offers.values() if any(o.id in ids for ids in included.values())}
    for code, gone in gone_pages.items():
        for o in gone:
            path = builder.path(code, *builder.page_segments(o))
            files = _own_files(code, region, path, builder.offer_slugs[o.id], own_id(o.id))
            removed.update(files)
            if o.id in anywhere:
                emptied[files[0]] = b"[]\n"
            page_ids.setdefault(code, {})[path] = None
            counts[code][0] -= 1
            gone_objects.update(v[0] for v in last.objects([(code, PAGE, path)]).values())
    for code in languages:  # a page id gone from every language: its empty answers too
        for oid in changed - anywhere:
            if old[oid]["in"] and code not in old[oid]["in"]:
                removed.add(f"api/v3/{region}/{code}/children/id/{own_id(oid)}/index.json")
    removed -= set(emptied)
    places: dict[int, tuple[int, bytes] | None] = {}  # object id -> old (length, digest); None: gone
    for code, path, _o in gone_places:
        place = last.objects([(code, PLACE, path)]).get((code, PLACE, path))
        if place is None:
            raise Unusable("a place the live run does not have")
        places[place[0]] = None
        gone_objects.add(place[0])
        counts[code][1] -= 1
    keyed = last.objects(list(new))
    if set(keyed) != set(new):
        raise Unusable("an object the live run does not have")
    moved = {
        keyed[k][0]: (keyed[k][1:], data, k[2])
        for k, data in new.items()
        if keyed[k][2] != object_digest(data)
    }
    live = last.digests([*removed, *emptied])
    if set(live) != removed | set(emptied):
        raise Unusable("a page-tree file the live run does not have")
    edits = Edits(groups, moved, places, last, [(c, p) for c, p, _o in gone_places])
    changed_files: dict[str, bytes] = {}
    for relpath, held in sorted(edits.holding().items()):
        if relpath in removed or relpath in emptied:
            continue
        changed_files[relpath] = edits.apply(relpath, (out / relpath).read_bytes(), held)
    changed_files.update(emptied)
    built = {relpath: dump(value) for relpath, value in extra.items()}
    built.update(side_files_edited(snapshot, builder, languages, included, out, old, changed))
    for code, paths in page_ids.items():
        relpath = f"lotse/page-ids/{code}.json"
        ids = json.loads((out / relpath).read_bytes())
        if not set(paths) <= set(ids):
            raise Unusable("a page id file without the page")
        built[relpath] = dump({k: v for k, v in ids.items() if k not in paths})
    old_digests = last.digests([*built, *changed_files])
    for relpath, data in built.items():
        if old_digests.get(relpath) != file_digest(data):
            changed_files[relpath] = data
    digests = {p: file_digest(d) for p, d in changed_files.items()}
    changed_files = {p: d for p, d in changed_files.items() if old_digests.get(p) != digests[p]}
    records = records_of(snapshot, plan, builder)
    fresh = {oid: json.loads(r) for oid, r in records.items()}
    new_records = {oid: r for oid, r in records.items() if oid in changed or fresh[oid] != old.get(oid)}
    objects = {i: (len(d), object_digest(d)) for g in groups for i, d in g.objects}
    objects.update({i: (len(data), object_digest(data)) for i, (_o, data, _p) in moved.items()})
    return FastResult(
        Delta(last.run, changed_files, frozenset(removed)),
        {i: v for i, v in objects.items() if i not in gone_objects},
        {p: digests[p] for p in changed_files},
        {code: (n[0], n[1]) for code, n in counts.items()},
        warnings,
        records=new_records,
        tallies=adjusted(tallies, [old[i] for i in changed], [fresh[i] for i in changed]),
        lean=True,
        gone_objects=gone_objects,
        shapes={oid: offer_shape(offers[oid], builder, included) for oid in changed},
    )
