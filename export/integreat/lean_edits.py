"""The byte edits of a lean re-publish whose change reaches an offer's siblings
(lean_groups.py): in each file the sidecar says holds them, a category's block (its page and
its offers' pages, side by side in their recorded order) replaced by its new bytes, other
objects replaced, an object gone from a list taken out with one comma. Every object is found by
its path, length and recorded digest, exactly once; anything else is Unusable."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .build_state import LastBuild
from .build_trace import PLACE, object_digest
from .republish import Unusable


@dataclass
class Group:
    """One category's block in one language: its page and its offers' pages, old and new."""

    code: str
    cat_path: str
    cat: tuple[int, int, bytes]  # the live page object: id, length, digest
    old: list[tuple[int, int, bytes]]  # its offers' live page objects in their order
    old_paths: list[str]
    new: bytes  # the block's new bytes (objects joined by ",")
    objects: list[tuple[int, bytes]] = field(default_factory=list)  # object id -> new bytes


class Edits:
    """The byte edits of one re-publish: blocks replaced, objects replaced or taken out."""

    def __init__(
        self,
        groups: list[Group],
        moved: dict[int, tuple[tuple[int, bytes], bytes, str]],
        places: dict[int, tuple[int, bytes] | None],
        last: LastBuild,
        gone_places: list[tuple[str, str]],
    ) -> None:
        self.groups = {g.cat[0]: g for g in groups}
        self.members = {m[0]: g for g in groups for m in g.old}
        self.moved = moved
        self.last = last
        self.paths: dict[int, str] = {g.cat[0]: g.cat_path for g in groups}
        self.sizes: dict[int, tuple[int, bytes]] = {g.cat[0]: g.cat[1:] for g in groups}
        for g in groups:
            for (oid, size, digest), path in zip(g.old, g.old_paths, strict=True):
                self.paths[oid], self.sizes[oid] = path, (size, digest)
        for oid, ((size, digest), _data, path) in moved.items():
            self.paths[oid], self.sizes[oid] = path, (size, digest)
        self.gone = set(places)
        found = {}
        for code, path in gone_places:
            found.update(last.objects([(code, PLACE, path)]))
        for (_c, _k, path), (oid, size, digest) in found.items():
            self.paths[oid], self.sizes[oid] = path, (size, digest)

        # objects whose bytes change or that leave: a file holding none of them stays as it is
        self.dirty = set(moved) | self.gone
        for g in groups:
            new = dict(g.objects)
            for oid, _size, digest in [g.cat, *g.old]:
                if oid not in new or object_digest(new[oid]) != digest:
                    self.dirty.add(oid)

    def holding(self) -> dict[str, set[int]]:
        """relpath -> the objects of this re-publish it holds, for each file that changes."""
        held = self.last.holding([*self.groups, *self.members, *self.moved, *self.gone])
        return {relpath: ids for relpath, ids in held.items() if ids & self.dirty}

    def apply(self, relpath: str, data: bytes, held: set[int]) -> bytes:
        spans: list[tuple[int, int, bytes]] = []
        done: set[int] = set()
        for cat, group in self.groups.items():
            if cat not in held:
                continue
            members = {m[0] for m in group.old}
            inside = held & members
            if inside and inside != members:
                raise Unusable("a file holds part of a block")
            if not inside:
                spans.append((*find(data, self.paths[cat], *self.sizes[cat]), group.objects[0][1]))
                done.add(cat)
                continue
            start, at = find(data, self.paths[cat], *self.sizes[cat])
            for _oid, size, digest in group.old:
                if data[at : at + 1] != b"," or object_digest(data[at + 1 : at + 1 + size]) != digest:
                    raise Unusable("a block's objects not side by side")
                at += 1 + size
            spans.append((start, at, group.new))
            done |= members | {cat}
        for oid in sorted(held - done):
            start, end = find(data, self.paths[oid], *self.sizes[oid])
            if oid in self.gone:  # out of the list, with one comma
                if data[start - 1 : start] == b",":
                    start -= 1
                elif data[end : end + 1] == b",":
                    end += 1
                spans.append((start, end, b""))
            elif oid in self.moved:
                spans.append((start, end, self.moved[oid][1]))
            elif oid in self.members:  # a block member held alone: its own page-tree file
                group = self.members[oid]
                spans.append((start, end, dict(group.objects)[oid]))
            else:
                raise Unusable("an object without its edit")
        spans.sort()
        parts: list[bytes] = []
        at = 0
        for start, end, value in spans:
            if start < at:
                raise Unusable("overlapping objects")
            parts += [data[at:start], value]
            at = end
        return b"".join([*parts, data[at:]])


def find(data: bytes, path: str, size: int, digest: bytes) -> tuple[int, int]:
    """The one place of an object (known by its path, length and digest) in a file's bytes."""
    marker = b'"path":' + json.dumps(path, ensure_ascii=False).encode("utf-8") + b","
    hits: list[int] = []
    found = data.find(marker)
    while found != -1:
        start = data.rfind(b"{", max(0, found - size), found)
        while start != -1:
            if (start == 0 or data[start - 1 : start] in (b"[", b",")) and object_digest(
                data[start : start + size]
            ) == digest:
                hits.append(start)
                break
            start = data.rfind(b"{", max(0, found - size), start)
        found = data.find(marker, found + len(marker))
    if len(hits) != 1:
        raise Unusable(f"object {path} found {len(hits)} times")
    return hits[0], hits[0] + size
