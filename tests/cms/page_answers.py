"""What the Integreat web app asks about a region's page tree, and the answers in a form two
servers can be compared by (the real CMS and Lotse's package behind ``lotse serve`` or nginx).

For every language: ``children/?depth=1`` and ``?depth=2``; for every page path P:
``children/?url=P&depth=1`` and ``&depth=2``, ``parents/?url=P``, ``page/?url=P``. An answer is
the list, in the server's order, of (path, title, parent path, rank among its siblings); ranks
come from each server's own ``order`` values (the CMS sends nested-set numbers, other servers
any increasing numbers: only the order they give counts). A page's ``parent.id`` must be the
same id for the same parent everywhere in one server's answers (``id_problems``).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, unquote

Fetch = Callable[[str], tuple[int, object]]  # path under /api/v3/{region}/{lang}/ -> (status, JSON)


def queries(paths: list[str]) -> list[str]:
    result = ["children/?depth=1", "children/?depth=2"]
    for path in paths:
        url = quote(path, safe="/")
        result += [
            f"children/?url={url}&depth=1",
            f"children/?url={url}&depth=2",
            f"parents/?url={url}",
            f"page/?url={url}",
        ]
    return result


def sibling_ranks(pages: list[dict]) -> dict[str, int]:
    """Each page's position among its siblings, by ``order`` (ties: the server's list order)."""
    siblings: dict[str | None, list[dict]] = {}
    for page in pages:
        siblings.setdefault(page["parent"]["path"], []).append(page)
    ranks = {}
    for group in siblings.values():
        for rank, page in enumerate(sorted(group, key=lambda p: p["order"])):
            ranks[page["path"]] = rank
    return ranks


def normalise(value, ranks: dict[str, int]):
    items = value if isinstance(value, list) else [value]
    return [(p["path"], p["title"], p["parent"]["path"], ranks.get(p["path"])) for p in items]


def collect(fetch: Fetch, lang: str) -> tuple[dict[str, object], list[dict]]:
    """Every answer the web app may ask for in ``lang``: query -> normalised answer (or the
    HTTP status when it is not 200), and every page object seen (for ``id_problems``)."""
    status, pages = fetch("pages/")
    assert status == 200, f"pages/ answered {status}"
    ranks = sibling_ranks(pages)
    answers: dict[str, object] = {}
    seen: list[dict] = list(pages)
    asked = queries([p["path"] for p in pages])
    with ThreadPoolExecutor(max_workers=4) as pool:  # the server has workers and threads to spare
        replies = list(pool.map(fetch, asked))
    for query, (status, value) in zip(asked, replies, strict=True):
        if status != 200:
            answers[query] = ("HTTP", status)
            continue
        answers[query] = normalise(value, ranks)
        seen += value if isinstance(value, list) else [value]
    return answers, seen


def id_problems(seen: list[dict]) -> list[str]:
    """``parent.id`` is one id per parent path, 0 for a root page (the CMS's rule)."""
    ids: dict[str, set] = {}
    problems = []
    for page in seen:
        parent = page["parent"]
        if parent["path"] is None:
            if parent["id"] != 0:
                problems.append(f"{page['path']}: root page with parent.id {parent['id']!r}")
            continue
        ids.setdefault(parent["path"], set()).add(parent["id"])
    problems += [
        f"{path}: parent.id {sorted(map(str, found))}" for path, found in ids.items() if len(found) != 1
    ]
    return problems


def expected(pages: list[dict], query: str) -> list[tuple]:
    """The answer derived from the flat pages/ list alone, by the CMS's rules (its
    ``api/v3/pages.py``): ``children`` without ``url`` = every page at tree depth ≤ N; with
    ``url`` = that page and its descendants down to N levels below it; ``parents`` = the
    ancestors from the root down; ``page`` = the page. Lists in tree order (depth first, by order)."""
    ranks = sibling_ranks(pages)
    by_path = {p["path"]: p for p in pages}
    kids: dict[str | None, list[dict]] = {}
    for page in pages:
        kids.setdefault(page["parent"]["path"], []).append(page)

    def walk(parent: str | None, levels: int) -> list[dict]:
        out = []
        for page in sorted(kids.get(parent, []), key=lambda p: ranks[p["path"]]):
            out.append(page)
            if levels > 1:
                out += walk(page["path"], levels - 1)
        return out

    endpoint, _, args = query.partition("?")
    params = dict(part.split("=", 1) for part in args.split("&") if part)
    url = unquote(params.get("url", ""))
    depth = int(params.get("depth", 1))
    if endpoint == "children/" and not url:
        chosen = walk(None, depth) if depth > 0 else []
    elif endpoint == "children/":
        chosen = [by_path[url], *walk(url, depth)] if depth > 0 else [by_path[url]]
    elif endpoint == "parents/":
        chain, node = [], by_path[url]
        while node["parent"]["path"] is not None:
            node = by_path[node["parent"]["path"]]
            chain.append(node)
        chosen = list(reversed(chain))
    else:
        chosen = [by_path[url]]
    return normalise(chosen, ranks)
