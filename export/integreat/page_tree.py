"""The page-tree endpoints ``children/``, ``parents/`` and ``page/`` with the CMS's semantics.

The Integreat web app builds its Information tab from these three endpoints, not from
``pages/``. This module answers them from a language's flat page list, as the Integreat
CMS does (``integreat_cms/api/v3/pages.py``, release 2026.10):

- ``children/?depth=N`` without ``url``/``id``: every page whose depth in the tree is at most
  N (the root pages have depth 1), in tree order (depth first, siblings by ``order``);
- ``children/?url=PATH&depth=N`` or ``?id=PAGE_ID&depth=N``: that page and its descendants
  down to N levels below it (``depth`` defaults to 1; ``depth=0`` is the page alone);
- ``parents/?url=PATH`` or ``?id=PAGE_ID``: its ancestors, the root first, the parent last;
- ``page/?url=PATH`` or ``?id=PAGE_ID``: the page itself.

``url`` is matched by its last segment (the slug, as Django's ``slugify`` makes it) against
the page's slugs in this language, old ones (``slug_history``) included; ``id`` is the page's
own id, the one its children carry as ``parent.id`` (the item's ``id`` is its translation's).

The same answers are written into the package as files (:meth:`PageTree.static_files`) that
a web server maps the query string to (README: nginx), and ``lotse serve`` computes them with
:meth:`PageTree.answer`. Pure: no files, no database.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

# The builder puts each page's own id under this key; package.py moves it into
# lotse/page-ids/{lang}.json (the API object has no field for it).
PAGE_ID_KEY = "_page_id"
ENDPOINTS = ("children", "parents", "page")
MAX_DEPTH_PARAM = 999

NOT_FOUND = {"error": "No matching page translation found for url."}
NEEDS_KEY = {"error": "Either the id or the url parameter is required."}
AMBIGUOUS = {"error": "This page translation slug is not unique, please contact your server administrator."}


def slugify(value: str) -> str:
    """Django's ``slugify(value, allow_unicode=True)``, which the CMS applies to ``url``."""
    value = unicodedata.normalize("NFKC", value)
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


def url_slug(url: str) -> str:
    """The slug the CMS looks up for ``?url=``: the last path segment, slugified."""
    return slugify(url.strip("/").split("/")[-1])


def file_key(slug: str) -> str:
    """A slug as a file name: percent-encoded UTF-8 with upper-case hex, the way browsers send
    a query string, so a web server can use the raw query value as the file name."""
    return quote(slug, safe="-._~")


@dataclass
class _Node:
    page: dict
    path: str
    page_id: int | None
    parent_path: str | None
    order: int
    index: int
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None
    depth: int = 1  # roots are 1, as in the CMS's tree


class Answer(Exception):
    """A non-200 answer: status and JSON body (what the CMS sends)."""

    def __init__(self, status: int, body: dict):
        super().__init__(status, body)
        self.status, self.body = status, body


def _norm(path: str | None) -> str | None:
    return unquote(path).lower() if isinstance(path, str) and path else None


class PageTree:
    """One language's pages as the CMS's tree. ``page_ids`` maps a page's path to its own id
    (taken from ``PAGE_ID_KEY`` in the page objects when not given). ``other_page_ids`` are
    pages of the region that have no translation in this language: the CMS answers
    ``children/?id=`` for them with an empty list rather than 404."""

    def __init__(
        self,
        pages: list[dict],
        page_ids: Mapping[str, int] | None = None,
        other_page_ids: set[int] | frozenset[int] = frozenset(),
    ):
        ids = {_norm(k): v for k, v in (page_ids or {}).items()}
        self.nodes: list[_Node] = []
        by_path: dict[str, _Node] = {}
        for index, page in enumerate(pages):
            if not isinstance(page, dict) or not isinstance(page.get("path"), str):
                continue
            path = _norm(page["path"])
            parent = page.get("parent") if isinstance(page.get("parent"), dict) else {}
            pid = ids.get(path, page.get(PAGE_ID_KEY))
            order = page.get("order") if isinstance(page.get("order"), int) else 0
            node = _Node(
                {k: v for k, v in page.items() if k != PAGE_ID_KEY} if PAGE_ID_KEY in page else page,
                path,
                pid,
                _norm(parent.get("path")),
                order,
                index,
            )
            if path in by_path:  # the app keeps the last of two equal paths; so does the tree
                self.nodes.remove(by_path[path])
            by_path[path] = node
            self.nodes.append(node)
        self.roots: list[_Node] = []
        for node in self.nodes:
            parent = by_path.get(node.parent_path) if node.parent_path else None
            if node.parent_path is None:
                self.roots.append(node)
            elif parent is not None and parent is not node:
                node.parent = parent
                parent.children.append(node)
            # a page whose parent is not in the list is unreachable, as in the CMS
        key = lambda n: (n.order, n.index)  # noqa: E731 - the siblings' order
        self.roots.sort(key=key)
        for node in self.nodes:
            node.children.sort(key=key)
        self.ordered: list[_Node] = []
        self._walk(self.roots, 1, set())
        self.by_id = {n.page_id: n for n in self.ordered if n.page_id is not None}
        self.by_slug: dict[str, list[_Node]] = {}
        for node in self.ordered:
            for slug in self._slugs(node):
                bucket = self.by_slug.setdefault(slug, [])
                if node not in bucket:
                    bucket.append(node)
        self.other_page_ids = set(other_page_ids) - set(self.by_id)

    def _walk(self, nodes: list[_Node], depth: int, seen: set[int]) -> None:
        for node in nodes:
            if id(node) in seen:  # a cycle cannot come from one parent per page, but be safe
                continue
            seen.add(id(node))
            node.depth = depth
            self.ordered.append(node)
            self._walk(node.children, depth + 1, seen)

    @staticmethod
    def _slugs(node: _Node) -> list[str]:
        own = node.path.strip("/").split("/")[-1]
        history = node.page.get("slug_history")
        slugs = [own] + [s for s in history if isinstance(s, str)] if isinstance(history, list) else [own]
        return list(dict.fromkeys(slugify(unquote(s)) for s in slugs if s))

    # --- lookups --------------------------------------------------------------------
    def find(self, *, url: str | None = None, page_id: str | int | None = None) -> _Node:
        """The page for ``id`` (wins, as in the CMS) or ``url``; Answer(400/404/500) otherwise."""
        if page_id not in (None, ""):
            try:
                node = self.by_id.get(int(page_id))
            except (TypeError, ValueError):
                node = None
            if node is None:
                raise Answer(404, {"error": "No Page matches the given query."})
            return node
        if url:
            found = self.by_slug.get(url_slug(url), [])
            if len(found) > 1:
                raise Answer(500, AMBIGUOUS)
            if not found:
                raise Answer(404, NOT_FOUND)
            return found[0]
        raise Answer(400, NEEDS_KEY)

    def children(self, *, url: str | None = None, page_id=None, depth: int = 1) -> list[dict]:
        if page_id not in (None, "") or url:
            try:
                root = self.find(url=url, page_id=page_id)
            except Answer as answer:
                if (
                    answer.status == 404
                    and page_id not in (None, "")
                    and _int(page_id) in self.other_page_ids
                ):
                    return []
                raise
            return [n.page for n in self._subtree(root, depth)]
        return [n.page for n in self.ordered if n.depth <= depth]

    def _subtree(self, root: _Node, depth: int) -> list[_Node]:
        if depth < 0:
            return []
        out = [root]
        if depth > 0:
            for child in root.children:
                out.extend(self._subtree(child, depth - 1))
        return out

    def parents(self, *, url: str | None = None, page_id=None) -> list[dict]:
        node = self.find(url=url, page_id=page_id)
        chain = []
        while node.parent is not None:
            node = node.parent
            chain.append(node.page)
        return chain[::-1]

    def page(self, *, url: str | None = None, page_id=None) -> dict:
        return self.find(url=url, page_id=page_id).page

    def answer(self, endpoint: str, query: Mapping[str, str]) -> tuple[int, object]:
        """(HTTP status, JSON body) for ``endpoint`` (children, parents, page) and the decoded
        query parameters, as the CMS answers them."""
        url, page_id = query.get("url") or None, query.get("id") or None
        try:
            if endpoint == "children":
                raw = query.get("depth", "1")
                try:
                    depth = int(raw)
                except ValueError:
                    return 400, {"error": f"depth must be a number, not {raw!r}"}  # the CMS answers 500
                return 200, self.children(url=url, page_id=page_id, depth=min(depth, MAX_DEPTH_PARAM))
            if endpoint == "parents":
                return 200, self.parents(url=url, page_id=page_id)
            if endpoint == "page":
                return 200, self.page(url=url, page_id=page_id)
        except Answer as answer:
            return answer.status, answer.body
        return 404, {"error": "Not found."}

    # --- the static tree ----------------------------------------------------------------
    def height(self, node: _Node | None = None) -> int:
        """Levels below ``node`` (0 for a leaf); without a node, the depth of the deepest page."""
        if node is None:
            return max((n.depth for n in self.ordered), default=0)
        return max((1 + self.height(c) for c in node.children), default=0)

    def static_files(self) -> Iterator[tuple[str, object]]:
        """(path relative to the language folder, JSON value) for every answer a client can ask
        for. Layout: ``{endpoint}/{key}/{depth}.json`` and ``{endpoint}/{key}/index.json``
        where key is ``all``, ``url/{slug}`` or ``id/{page id}``; ``index.json`` is the answer
        for any depth from the height of the subtree on (so a server falls back to it), and
        ``children/index.json`` the answer without any query (depth 1)."""
        yield "children/index.json", self.children(depth=1)
        height = self.height()
        for depth in range(height):
            yield f"children/all/{depth}.json", self.children(depth=depth)
        yield "children/all/index.json", self.children(depth=max(height, 1))
        keys: list[tuple[str, _Node]] = [
            (f"id/{n.page_id}", n) for n in self.ordered if n.page_id is not None
        ]
        keys += [
            (f"url/{file_key(slug)}", nodes[0])
            for slug, nodes in sorted(self.by_slug.items())
            if len(nodes) == 1
        ]
        for key, node in keys:
            below = self.height(node)
            for depth in range(below):
                yield f"children/{key}/{depth}.json", [n.page for n in self._subtree(node, depth)]
            yield f"children/{key}/index.json", [n.page for n in self._subtree(node, below)]
            chain, up = [], node
            while up.parent is not None:
                up = up.parent
                chain.append(up.page)
            yield f"parents/{key}/index.json", chain[::-1]
            yield f"page/{key}/index.json", node.page
        for other in sorted(self.other_page_ids):
            yield f"children/id/{other}/index.json", []

    def page_ids(self) -> dict[str, int]:
        return {n.page["path"]: n.page_id for n in self.ordered if n.page_id is not None}

    @classmethod
    def from_package(cls, folder: str | Path, region: str, lang: str) -> PageTree:
        """The tree of one language of a written package (pages and Lotse's page-id file)."""
        root = Path(folder)
        pages = json.loads((root / f"api/v3/{region}/{lang}/pages/index.json").read_text(encoding="utf-8"))
        ids, others = _read_ids(root, lang)
        return cls(pages if isinstance(pages, list) else [], ids, others)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _read_ids(root: Path, lang: str) -> tuple[dict[str, int], set[int]]:
    folder = root / "lotse" / "page-ids"
    ids: dict[str, int] = {}
    every: set[int] = set()
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if not isinstance(data, dict):
                continue
            clean = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int)}
            every.update(clean.values())
            if path.stem == lang:
                ids = clean
    return ids, every - set(ids.values())


def split_page_ids(pages: list[dict]) -> tuple[list[dict], dict[str, int]]:
    """The builder's pages without their ``PAGE_ID_KEY``, and path -> page id."""
    ids = {p["path"]: p[PAGE_ID_KEY] for p in pages if isinstance(p.get(PAGE_ID_KEY), int)}
    return [{k: v for k, v in p.items() if k != PAGE_ID_KEY} for p in pages], ids
