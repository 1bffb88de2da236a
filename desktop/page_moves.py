"""Moving a page one step with the keyboard: up or down among its siblings, in (under the
sibling above it, as its last subpage) or out (after its parent). Each step is
``content.move_page``: one transaction, texts untouched, a cycle refused."""

from __future__ import annotations

from sqlmodel import select

from models.i18n import N_
from models.tables import ContentKind, Offer

from .content import ContentError, move_page
from .db import Database

STEPS = ("up", "down", "indent", "outdent")


def step_target(
    parents: dict[int, int | None], order: dict[int, int], page_id: int, step: str
) -> tuple[int | None, int] | None:
    """Where one step takes the page (parent, position), or None where it cannot go."""
    parent = parents[page_id]
    siblings = sorted((k for k, p in parents.items() if p == parent), key=lambda k: (order[k], k))
    index = siblings.index(page_id)
    if step == "up":
        return (parent, index - 1) if index > 0 else None
    if step == "down":
        return (parent, index + 1) if index < len(siblings) - 1 else None
    if step == "indent":
        if index == 0:
            return None
        above = siblings[index - 1]
        return above, sum(1 for p in parents.values() if p == above)
    if step == "outdent":
        if parent is None:
            return None
        uncles = sorted((k for k, p in parents.items() if p == parents[parent]), key=lambda k: (order[k], k))
        return parents[parent], uncles.index(parent) + 1
    raise ValueError(f"unknown step {step!r}")


def shift_page(db: Database, page_id: int, step: str, *, author: str) -> bool:
    """Move the page one step; False where it cannot go that way (the first page up, a top
    page out)."""
    with db.transaction() as session:
        row = session.get(Offer, page_id)
        if row is None or row.kind != ContentKind.PAGE.value:
            raise ContentError(N_("Page {id} does not exist.", id=page_id))
        found = session.exec(
            select(Offer.id, Offer.parent_id, Offer.position).where(
                Offer.region_id == row.region_id, Offer.kind == ContentKind.PAGE.value
            )
        ).all()
    ids = {int(oid or 0) for oid, _, _ in found}
    parents = {int(oid or 0): (parent if parent in ids else None) for oid, parent, _ in found}
    target = step_target(parents, {int(oid or 0): pos for oid, _, pos in found}, page_id, step)
    if target is None:
        return False
    move_page(db, page_id, target[0], target[1], author=author)
    return True
