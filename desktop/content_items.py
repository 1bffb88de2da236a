"""Duplicating, archiving, deleting and restoring a version of information pages and events:
the offer operations (``desktop.offers``) plus what their kind adds. A copy keeps its kind and
its place in the page tree (right after the original) or its times, never the iCal UID an
import matches by; a page with subpages is archived with them and not deleted without them; a
version brings back the page's place or the event's times too."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from models.i18n import N_
from models.page_tree import descendants
from models.tables import ContentKind, Offer, OfferRevision, OfferText, PublicationState, utcnow

from .changes import Changes, Kind, note
from .content import (
    KIND_FIELDS,
    ContentError,
    _apply,
    _page_parents,
    _siblings,
    kind_facts_of,
    list_pages,
    place_page,
)
from .content_editing import list_places
from .db import Database, within
from .offers import (
    FACT_FIELDS,
    RevisionEntry,
    delete_offers,
    duplicate_offer,
    jsonable_facts,
    load_offer,
    restore,
    restored_note,
    save_offer,
)
from .regions import language_tree

NOT_COPIED = ("ical_uid",)  # an import finds its event again by it: the copy is another event


def _item(session: Session, item_id: int) -> Offer:
    row = session.get(Offer, item_id)
    if row is None or row.kind not in KIND_FIELDS:
        raise ContentError(N_("There is no page or event with the number {id}.", id=item_id))
    return row


def _copy_row(session: Session, copy_id: int | None) -> Offer:
    row = session.get(Offer, copy_id)
    assert row is not None  # made a moment ago in this transaction
    return row


def _title(session: Session, row: Offer) -> str:
    root = next((c for c, s in language_tree(session, row.region_id).items() if s is None), "de")
    text = session.exec(
        select(OfferText.title).where(OfferText.offer_id == row.id, OfferText.language_code == root)
    ).first()
    return text or row.slug


def duplicate_item(target: Database | Session, item_id: int, *, author: str) -> int:
    """A draft copy of a page or an event with its source text (as ``duplicate_offer``), its
    kind and its kind's facts; a page goes right after the original. Returns the copy's id."""
    with within(target) as session:
        original = _item(session, item_id)
        copy = _copy_row(session, duplicate_offer(session, item_id, author=author).id)
        copy.kind = original.kind
        for name, value in kind_facts_of(original).items():
            if name not in NOT_COPIED:
                setattr(copy, name, value)
        moved = []
        if original.kind == ContentKind.PAGE.value:
            place_page(session, copy, original.parent_id, original.position + 1)
            moved = _siblings(session, original.region_id, original.parent_id)
        revision = session.exec(select(OfferRevision).where(OfferRevision.offer_id == copy.id)).one()
        revision.facts = {**revision.facts, "kind": copy.kind, **jsonable_facts(kind_facts_of(copy))}
        session.flush()
        copy_id = int(copy.id or 0)
        note(session, Changes.of("offer", sorted({copy_id, *moved}), [Kind.STRUCTURE]))
        return copy_id


def set_item_state(target: Database | Session, item_id: int, state: str, *, author: str) -> list[int]:
    """Archive a page with every page below it, or an event; or bring one back as a draft.
    Returns the ids that changed."""
    with within(target) as session:
        row = _item(session, item_id)
        ids = [item_id]
        if row.kind == ContentKind.PAGE.value and state == PublicationState.ARCHIVED.value:
            ids += descendants(_page_parents(session, row.region_id), item_id)
        changed = []
        for pid in ids:
            page = session.get(Offer, pid)
            if page is not None and page.state != state:
                page.state = PublicationState(state).value
                page.version += 1
                page.updated_at, page.updated_by = utcnow(), author
                changed.append(pid)
        note(session, Changes.of("offer", changed, [Kind.FACTS]))
        return changed


def delete_items(target: Database | Session, item_ids: list[int]) -> None:
    """Delete pages or events for good (all or none). A page whose subpages are not deleted with
    it is refused: they would lose their place in the tree."""
    with within(target) as session:
        for item_id in item_ids:
            row = _item(session, item_id)
            if row.kind != ContentKind.PAGE.value:
                continue
            below = [p for p in _siblings(session, row.region_id, item_id) if p not in item_ids]
            if below:
                raise ContentError(
                    N_(
                        "“{title}” has {count} subpages: move them elsewhere or archive the page with "
                        "its subpages instead.",
                        title=_title(session, row),
                        count=len(below),
                    )
                )
        delete_offers(session, item_ids)


def restore_item_facts(
    target: Database | Session, revision_id: int, *, author: str, expected_version: int
) -> None:
    """Bring a page's or an event's facts back to a revision: the shared facts through the offer
    code, then the kind's (a page's place in the tree, refused where it would make a cycle; an
    event's times, refused where they give no date)."""
    with within(target) as session:
        revision = session.get(OfferRevision, revision_id)
        if revision is None:
            raise ContentError(N_("This version no longer exists."))
        row = _item(session, revision.offer_id)
        row_id = int(row.id or 0)
        facts: dict[str, Any] = dict(revision.facts)
        save_offer(
            session,
            row_id,
            expected_version=expected_version,
            author=author,
            facts={k: v for k, v in facts.items() if k in FACT_FIELDS},
            validate=False,
            note=restored_note(revision_id),
        )
        kind_facts = {k: facts[k] for k in KIND_FIELDS[row.kind] if k in facts and k not in NOT_COPIED}
        if row.kind == ContentKind.PAGE.value:
            parent, position = kind_facts.pop("parent_id", row.parent_id), kind_facts.pop("position", 0)
            if parent is not None and session.get(Offer, parent) is None:
                parent = None  # the old parent is gone: the page goes to the top
            place_page(session, row, parent, int(position or 0))
        else:
            kind_facts = _timing_values(kind_facts)
        _apply(session, row, kind_facts)
        latest = load_offer(session, row_id)
        newest = session.exec(
            select(OfferRevision).where(OfferRevision.offer_id == row_id).order_by(OfferRevision.id.desc())  # type: ignore[union-attr]
        ).first()
        if newest is not None and newest.offer_version == latest.version:
            newest.facts = {**newest.facts, "kind": row.kind, **jsonable_facts(kind_facts_of(row))}
        note(session, Changes.of("offer", [row_id], [Kind.FACTS, Kind.STRUCTURE]))


def _timing_values(values: dict[str, Any]) -> dict[str, Any]:
    """An event's times as a revision stored them (ISO text) back into the row's types."""
    from datetime import datetime

    out = dict(values)
    for name in ("event_start", "event_end"):
        if isinstance(out.get(name), str):
            out[name] = datetime.fromisoformat(out[name])
    return out


def item_names(db: Database, kind: str) -> dict[str, dict[int, str]]:
    """What a page's or an event's versions name by id: the parent pages' titles, the venues."""
    if kind == ContentKind.PAGE.value:
        return {"parent_id": {row.id: row.title for row in list_pages(db)}}
    if kind == ContentKind.EVENT.value:
        return {"place_id": dict(list_places(db))}
    return {}


def restore_item_version(db: Database, entry: RevisionEntry, *, author: str) -> None:
    """The versions dialog's "restore" for a page or an event: a text as an offer's, the facts
    with the kind's (:func:`restore_item_facts`)."""
    if entry.kind == "text":
        restore(db, entry, author=author)
        return
    with db.transaction() as session:
        revision = session.get(OfferRevision, entry.id)
        if revision is None:
            raise ContentError(N_("This version no longer exists."))
        version = load_offer(session, revision.offer_id).version
        restore_item_facts(session, entry.id, author=author, expected_version=version)
