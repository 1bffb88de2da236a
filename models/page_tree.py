"""The rules of the information-page tree, on plain ids: parents, order among siblings, depth,
no cycles, no parent that is not there, no move of a page into its own subtree.

    parents = {1: None, 2: 1, 3: 2}
    tree_problems(parents)            -> []
    move_problem(parents, 1, 3)       -> ("cycle", ...): 3 lies below 1
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

from .i18n import N_, MessageError

K = TypeVar("K", bound=Hashable)

# Deeper than any real region (Integreat's deepest are about 6); bounds the recursion of clients.
MAX_DEPTH = 20


class TreeError(MessageError, ValueError):
    """What is wrong with the page tree; the message names the pages."""


def _name(key, names: Mapping | None) -> str:
    return str((names or {}).get(key) or key)[:80]


def tree_problems(parents: Mapping[K, K | None], names: Mapping[K, str] | None = None) -> list[TreeError]:
    """Every page whose parent does not exist, every cycle, every page deeper than MAX_DEPTH."""
    problems: list[TreeError] = []
    bad: set = set()
    done: set = set()
    for key in parents:
        path: list[K] = []
        on_path: dict[K, int] = {}
        node: K | None = key
        while node is not None and node not in done:
            if node not in parents:
                child = path[-1]
                problems.append(
                    TreeError(
                        N_(
                            "Page “{name}”: its parent page “{node}” does not exist.",
                            name=_name(child, names),
                            node=node,
                        )
                    )
                )
                bad.update(path)
                break
            if node in on_path:
                shown = " › ".join(_name(k, names) for k in path[on_path[node] :][:6])
                problems.append(
                    TreeError(
                        N_(
                            "The pages {shown} are their own ancestors (a cycle in the page tree).",
                            shown=shown,
                        )
                    )
                )
                bad.update(path)
                break
            on_path[node] = len(path)
            path.append(node)
            node = parents[node]
        else:
            if node is not None and node in bad:
                bad.update(path)  # below a broken part of the tree
        done.update(path)
    good = {k: p for k, p in parents.items() if k not in bad}
    for key, depth in depths(good).items():
        if depth == MAX_DEPTH:  # the first level too deep; the pages below it follow from it
            problems.append(
                TreeError(
                    N_(
                        "Page “{name}” lies deeper than {max_depth} levels.",
                        name=_name(key, names),
                        max_depth=MAX_DEPTH,
                    )
                )
            )
    return problems


def check_tree(parents: Mapping[K, K | None], names: Mapping[K, str] | None = None) -> None:
    problems = tree_problems(parents, names)
    if problems:
        raise problems[0]


def depths(parents: Mapping[K, K | None]) -> dict[K, int]:
    """Depth of every page, 0 for a top-level page (the tree must be valid)."""
    out: dict[K, int] = {}

    def depth(key: K) -> int:
        chain = []
        node: K | None = key
        while node is not None and node not in out:
            chain.append(node)
            node = parents[node]
        base = -1 if node is None else out[node]
        for offset, k in enumerate(reversed(chain)):
            out[k] = base + 1 + offset
        return out[key]

    for key in parents:
        depth(key)
    return out


def children(parents: Mapping[K, K | None], order: Mapping[K, int]) -> dict[K | None, list[K]]:
    """Each page's children (None: the top level), sorted by order, then id."""
    out: dict[K | None, list[K]] = {}
    for key, parent in parents.items():
        out.setdefault(parent, []).append(key)
    for siblings in out.values():
        siblings.sort(key=lambda k: (order.get(k, 0), str(k)))
    return out


def walk(parents: Mapping[K, K | None], order: Mapping[K, int]) -> list[K]:
    """Every page, depth first: a parent before its children, siblings in their order."""
    below = children(parents, order)
    out: list[K] = []
    stack = list(reversed(below.get(None, [])))
    while stack:
        key = stack.pop()
        out.append(key)
        stack.extend(reversed(below.get(key, [])))
    return out


def descendants(parents: Mapping[K, K | None], key: K) -> list[K]:
    below = children(parents, {})
    out, stack = [], list(below.get(key, []))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(below.get(node, []))
    return out


def ancestors(parents: Mapping[K, K | None], key: K) -> list[K]:
    """From the parent up to the root (like the CMS's parents/ endpoint)."""
    out, node = [], parents.get(key)
    while node is not None and len(out) <= MAX_DEPTH:
        out.append(node)
        node = parents.get(node)
    return out


def move_problem(
    parents: Mapping[K, K | None], key: K, new_parent: K | None, names: Mapping[K, str] | None = None
) -> TreeError | None:
    """Why ``key`` cannot be moved under ``new_parent``, or None."""
    if new_parent is None:
        return None
    if new_parent not in parents:
        return TreeError(N_("The target page “{new_parent}” does not exist.", new_parent=new_parent))
    if new_parent == key or new_parent in descendants(parents, key):
        return TreeError(
            N_("“{name}” cannot be moved below itself or one of its own subpages.", name=_name(key, names))
        )
    deepest = max((depths(parents)[d] for d in descendants(parents, key)), default=depths(parents)[key])
    new_depth = depths(parents)[new_parent] + 1 + deepest - depths(parents)[key]
    if new_depth > MAX_DEPTH:
        return TreeError(
            N_(
                "There “{name}” and its subpages would lie deeper than {max_depth} levels.",
                name=_name(key, names),
                max_depth=MAX_DEPTH,
            )
        )
    return None


def reorder(siblings: list[K], key: K, position: int) -> dict[K, int]:
    """New order values after putting ``key`` at ``position`` among ``siblings``."""
    rest = [k for k in siblings if k != key]
    position = max(0, min(position, len(rest)))
    rest.insert(position, key)
    return {k: index for index, k in enumerate(rest)}
