"""Translation status: what a reviewer said, and whether the source moved on since.

The stored *review status* records what a person or the machine did
(``machine``, ``checked``, ``approved``, ``in_translation``). Whether a text is
``outdated`` is never stored as a fact of its own: it follows from comparing
the fingerprint of the source the translation was made from with the source's
fingerprint now (not timestamps: Integreat's timestamp rule outdates texts after
whitespace-only saves). A language translated from another language inherits
"outdated" from it. A minor edit of the source carries the children's
fingerprints forward, so it never outdates anything.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache


class Status(StrEnum):
    MISSING = "missing"
    MACHINE = "machine"
    CHECKED = "checked"
    APPROVED = "approved"
    OUTDATED = "outdated"
    IN_TRANSLATION = "in_translation"
    SOURCE = "source"  # the root language's own text

    def __str__(self) -> str:  # pragma: no cover - convenience for f-strings
        return self.value


REVIEW_STATUSES = (Status.MACHINE, Status.CHECKED, Status.APPROVED, Status.IN_TRANSLATION)
# Statuses a machine batch must never overwrite without asking.
HUMAN_REVIEWED = frozenset({Status.CHECKED, Status.APPROVED})
# Order for "worst first" summaries.
SEVERITY = {
    Status.MISSING: 0,
    Status.OUTDATED: 1,
    Status.MACHINE: 2,
    Status.IN_TRANSLATION: 3,
    Status.CHECKED: 4,
    Status.APPROVED: 5,
    Status.SOURCE: 6,
}


def effective_status(
    *,
    is_root: bool,
    has_text: bool,
    review_status: Status | str | None,
    made_from_fingerprint: str | None,
    source_fingerprint: str | None,
    source_status: Status | None,
) -> Status:
    """The status a user sees for one text.

    ``source_fingerprint`` is the current fingerprint of the text in the source
    language; ``source_status`` that text's own effective status (None for root).
    """
    if is_root:
        return Status.SOURCE if has_text else Status.MISSING
    if not has_text:
        return Status.MISSING
    if source_fingerprint is None or source_status in (None, Status.MISSING):
        # The source text is gone: what was translated can no longer be checked against it.
        return Status.OUTDATED
    if made_from_fingerprint != source_fingerprint:
        return Status.OUTDATED
    if source_status is Status.OUTDATED:
        return Status.OUTDATED
    status = Status(review_status) if review_status else Status.MACHINE
    if status in (Status.MISSING, Status.OUTDATED, Status.SOURCE):
        return Status.MACHINE
    return status


def tree_order(parents: dict[str, str | None]) -> list[str]:
    """Language codes so that each comes after the language it is translated from.

    ``parents`` maps code -> source code (None for the root). Raises ValueError on a
    cycle or a source outside the set.
    """
    return list(_tree_order(tuple(parents.items())))


# A region's tree rarely changes and every save orders it: ordered once per tree (an error is
# raised again each time, lru_cache keeps no exceptions).
@lru_cache(maxsize=64)
def _tree_order(items: tuple[tuple[str, str | None], ...]) -> tuple[str, ...]:
    parents = dict(items)
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(code: str, trail: tuple[str, ...]) -> None:
        if state.get(code) == 2:
            return
        if state.get(code) == 1:
            raise ValueError("the language tree has a cycle: " + " -> ".join(trail + (code,)))
        if code not in parents:
            raise ValueError(
                f"language {trail[-1]!r} is translated from {code!r}, which is not in the region"
            )
        state[code] = 1
        parent = parents[code]
        if parent is not None:
            visit(parent, trail + (code,))
        state[code] = 2
        order.append(code)

    for code in sorted(parents):
        visit(code, ())
    roots = [c for c, p in parents.items() if p is None]
    if len(roots) != 1:
        raise ValueError(f"the language tree needs exactly one root language, found {len(roots)}")
    return tuple(order)


def statuses_for_offer(
    parents: dict[str, str | None],
    texts: dict[str, tuple[bool, Status | str | None, str | None, str | None]],
) -> dict[str, Status]:
    """Effective status of every language of one offer.

    ``texts`` maps code -> (has_text, review_status, made_from_fingerprint, own_fingerprint).
    """
    result: dict[str, Status] = {}
    for code in _tree_order(tuple(parents.items())):
        has_text, review, made_from, _own = texts.get(code, (False, None, None, None))
        parent = parents[code]
        parent_entry = texts.get(parent) if parent else None
        result[code] = effective_status(
            is_root=parent is None,
            has_text=has_text,
            review_status=review,
            made_from_fingerprint=made_from,
            source_fingerprint=parent_entry[3] if parent_entry and parent_entry[0] else None,
            source_status=result.get(parent) if parent else None,
        )
    return result
