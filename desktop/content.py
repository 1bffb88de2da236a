"""Information pages and events: the offer operations (``desktop.offers``: texts, statuses,
revisions, locking, translation) plus the facts of their kind: a page's place in the tree,
an event's times. Nothing here copies the offer code; a page or an event is an offer row of
another ``kind``.

    page = create_item(db, "page", {"title": ...} per language, kind_facts={"parent_id": 3})
    move_page(db, page.id, new_parent_id, position, author=...)
    event = create_item(db, "event", texts, kind_facts=timing_facts(Timing(...)))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from models.i18n import N_
from models.page_tree import depths, descendants, move_problem, reorder, walk
from models.recurrence import Timing, expand, problem_messages, zone
from models.tables import ContentKind, Offer, OfferRevision, OfferText, PublicationState, utcnow

from .changes import Changes, Kind, note
from .db import Database, within
from .errors import LotseError
from .offers import create_offer, jsonable_facts
from .regions import current_region, language_tree

PAGE_FIELDS = ("parent_id", "position", "icon")
EVENT_FIELDS = (
    "event_start",
    "event_end",
    "all_day",
    "timezone",
    "rrule",
    "exdates",
    "moved",
    "place_id",
    "meeting_url",
    "ical_uid",
)
KIND_FIELDS = {ContentKind.PAGE.value: PAGE_FIELDS, ContentKind.EVENT.value: EVENT_FIELDS}


class ContentError(LotseError):
    """A page or event operation that cannot be done."""


def timing_facts(timing: Timing) -> dict[str, Any]:
    return {
        "event_start": timing.start,
        "event_end": timing.end,
        "all_day": timing.all_day,
        "timezone": timing.timezone,
        "rrule": timing.rule,
        "exdates": [d.isoformat() for d in timing.exdates],
        "moved": {d.isoformat(): [s.isoformat(), e.isoformat()] for d, (s, e) in timing.moved.items()},
    }


# What an event's occurrences need of its row (list_occurrences reads only these).
_OCCURRENCE_COLUMNS = (
    Offer.id,
    Offer.place_id,
    Offer.town,
    Offer.street,
    Offer.event_start,
    Offer.event_end,
    Offer.timezone,
    Offer.all_day,
    Offer.rrule,
    Offer.exdates,
    Offer.moved,
)


def timing_of_row(row: Any) -> Timing:
    """An event's times from its row: an ``Offer`` or a row with the columns above."""
    start = row.event_start or datetime(2000, 1, 1)
    return Timing(
        start=start,
        end=row.event_end or start,
        timezone=row.timezone or "Europe/Berlin",
        all_day=row.all_day,
        rule=row.rrule or None,
        exdates=tuple(date.fromisoformat(d) for d in row.exdates or []),
        moved={
            date.fromisoformat(d): (datetime.fromisoformat(t[0]), datetime.fromisoformat(t[1]))
            for d, t in (row.moved or {}).items()
        },
    )


def kind_facts_of(row: Offer) -> dict[str, Any]:
    return {name: getattr(row, name) for name in KIND_FIELDS.get(row.kind, ())}


def move_error(
    parents: dict[int, int | None], page_id: int, new_parent_id: int | None, titles: dict[int, str]
) -> ContentError | None:
    """Why the page cannot go under ``new_parent_id`` (itself, its own subpage, too deep), or None."""
    problem = move_problem(parents, page_id, new_parent_id, titles)
    return ContentError(problem.text) if problem else None


def _check_kind_facts(session: Session, row: Offer, facts: dict[str, Any]) -> None:
    if row.kind == ContentKind.PAGE.value and facts.get("parent_id") is not None:
        parents = _page_parents(session, row.region_id)
        parents.setdefault(row.id, None)
        error = move_error(parents, row.id, facts["parent_id"], _titles(session, row.region_id))
        if error:
            raise error
    if row.kind == ContentKind.EVENT.value:
        timing = timing_of_row(row)
        problems = problem_messages(timing)
        if problems:
            raise ContentError(problems[0][1])


def _apply(session: Session, row: Offer, kind_facts: dict[str, Any]) -> None:
    unknown = set(kind_facts) - set(KIND_FIELDS.get(row.kind, ()))
    if unknown:
        raise ValueError(f"unknown {row.kind} fields: {sorted(unknown)}")
    for name, value in kind_facts.items():
        setattr(row, name, value)
    _check_kind_facts(session, row, kind_facts)


def create_item(
    target: Database | Session,
    kind: str,
    texts: dict[str, dict[str, str]],
    *,
    author: str,
    facts: dict[str, Any] | None = None,
    kind_facts: dict[str, Any] | None = None,
    region_slug: str | None = None,
    slug: str | None = None,
) -> int:
    """A new page or event with its texts (through the offer code) and its kind's facts; the
    first revision holds both. Returns its id."""
    if kind not in KIND_FIELDS:
        raise ValueError(f"unknown kind {kind!r}")
    with within(target) as session:
        data = create_offer(
            session, facts or {}, texts, author=author, region_slug=region_slug, slug=slug, validate=False
        )
        row = session.get(Offer, data.id)
        row.kind = kind
        if kind == ContentKind.PAGE.value and "position" not in (kind_facts or {}):
            siblings = _siblings(session, row.region_id, (kind_facts or {}).get("parent_id"))
            kind_facts = {**(kind_facts or {}), "position": len(siblings)}
        _apply(session, row, kind_facts or {})
        revision = session.exec(select(OfferRevision).where(OfferRevision.offer_id == row.id)).one()
        revision.facts = {**revision.facts, "kind": kind, **jsonable_facts(kind_facts_of(row))}
        session.flush()
        return row.id


def _page_parents(session: Session, region_id: int) -> dict[int, int | None]:
    return dict(
        session.exec(
            select(Offer.id, Offer.parent_id).where(
                Offer.region_id == region_id, Offer.kind == ContentKind.PAGE.value
            )
        ).all()
    )


def _titles(session: Session, region_id: int) -> dict[int, str]:
    root = next((c for c, s in language_tree(session, region_id).items() if s is None), "de")
    return dict(
        session.exec(
            select(OfferText.offer_id, OfferText.title)
            .join(Offer, Offer.id == OfferText.offer_id)
            .where(Offer.region_id == region_id, OfferText.language_code == root)
        ).all()
    )


def _siblings(session: Session, region_id: int, parent_id: int | None) -> list[int]:
    rows = session.exec(
        select(Offer.id, Offer.position).where(
            Offer.region_id == region_id, Offer.kind == ContentKind.PAGE.value, Offer.parent_id == parent_id
        )
    ).all()
    return [oid for oid, _ in sorted(rows, key=lambda r: (r[1], r[0]))]


def place_page(session: Session, row: Offer, new_parent_id: int | None, position: int) -> None:
    """Put the page under ``new_parent_id`` at ``position`` among its siblings, renumbering the
    siblings it leaves and joins; refuses a cycle. Texts are not touched."""
    error = move_error(
        _page_parents(session, row.region_id), row.id, new_parent_id, _titles(session, row.region_id)
    )
    if error:
        raise error
    old_parent = row.parent_id
    row.parent_id = new_parent_id
    session.flush()
    for pid, order in reorder(_siblings(session, row.region_id, new_parent_id), row.id, position).items():
        session.get(Offer, pid).position = order
    if old_parent != new_parent_id:
        for order, pid in enumerate(_siblings(session, row.region_id, old_parent)):
            session.get(Offer, pid).position = order


def move_page(db: Database, page_id: int, new_parent_id: int | None, position: int, *, author: str) -> None:
    """Put a page under another (None: the top level) at ``position`` among its new siblings.
    Texts are not touched: moving never makes a translation outdated."""
    with db.transaction() as session:
        row = session.get(Offer, page_id)
        if row is None or row.kind != ContentKind.PAGE.value:
            raise ContentError(N_("Page {page_id} does not exist.", page_id=page_id))
        old_parent = row.parent_id
        place_page(session, row, new_parent_id, position)
        row.version += 1
        row.updated_at, row.updated_by = utcnow(), author
        # The version holds all the facts, as every other does: with only the place in it, the
        # versions dialog read the next save as the state and the rest being set anew.
        latest = session.exec(
            select(OfferRevision).where(OfferRevision.offer_id == row.id).order_by(OfferRevision.id.desc())  # type: ignore[union-attr]
        ).first()
        session.add(
            OfferRevision(
                offer_id=row.id,
                offer_version=row.version,
                facts={
                    **(latest.facts if latest else {}),
                    "kind": row.kind,
                    **jsonable_facts(kind_facts_of(row)),
                },
                author=author,
                note="moved",
            )
        )
        moved = {page_id, *_siblings(session, row.region_id, new_parent_id)}
        moved |= set(_siblings(session, row.region_id, old_parent))
        note(session, Changes.of("offer", sorted(moved), [Kind.STRUCTURE]))


def archive_subtree(db: Database, page_id: int, *, author: str) -> int:
    """Archive a page and every page below it; returns how many."""
    with db.transaction() as session:
        row = session.get(Offer, page_id)
        if row is None or row.kind != ContentKind.PAGE.value:
            raise ContentError(N_("Page {page_id} does not exist.", page_id=page_id))
        ids = [page_id, *descendants(_page_parents(session, row.region_id), page_id)]
        for pid in ids:
            page = session.get(Offer, pid)
            page.state = PublicationState.ARCHIVED.value
            page.version += 1
            page.updated_at, page.updated_by = utcnow(), author
        note(session, Changes.of("offer", ids, [Kind.FACTS]))
        return len(ids)


@dataclass
class PageRow:
    id: int
    parent_id: int | None
    position: int
    depth: int
    title: str
    state: str
    slug: str
    statuses: dict[str, str]


def list_pages(db: Database, *, region_slug: str | None = None) -> list[PageRow]:
    """Every page in tree order (parents first, siblings by order) with its depth."""
    from .offers import list_offers

    rows = {r.id: r for r in list_offers(db, region_slug=region_slug, kind=ContentKind.PAGE.value)}
    with db.transaction() as session:
        region = current_region(session, region_slug)
        facts = {
            oid: (parent, position)
            for oid, parent, position in session.exec(
                select(Offer.id, Offer.parent_id, Offer.position).where(
                    Offer.region_id == region.id, Offer.kind == ContentKind.PAGE.value
                )
            )
        }
    parents = {oid: (p if p in facts else None) for oid, (p, _) in facts.items()}
    level = depths(parents)
    return [
        PageRow(
            oid,
            parents[oid],
            facts[oid][1],
            level[oid],
            rows[oid].title,
            rows[oid].state,
            rows[oid].slug,
            rows[oid].statuses,
        )
        for oid in walk(parents, {oid: pos for oid, (_, pos) in facts.items()})
    ]


@dataclass
class EventOccurrence:
    event_id: int
    title: str
    start: datetime
    end: datetime
    all_day: bool
    rule: str | None
    moved: bool
    place_id: int | None = None  # an offer that is a place
    place: str = ""  # its title, or the free address's town or street


def list_occurrences(
    db: Database, since: date, until: date, *, region_slug: str | None = None, language: str | None = None
) -> list[EventOccurrence]:
    """Every occurrence of every event that is not archived, between two dates (inclusive)."""
    out = []
    with db.transaction() as session:
        region = current_region(session, region_slug)
        root = language or next((c for c, s in language_tree(session, region.id).items() if s is None), "de")
        # the columns the times and places need, as rows: whole ORM objects (every fact, six JSON
        # columns decoded) took 40 % of the events tab's query
        events = session.exec(
            select(*_OCCURRENCE_COLUMNS).where(
                Offer.region_id == region.id,
                Offer.kind == ContentKind.EVENT.value,
                Offer.state != PublicationState.ARCHIVED.value,
            )
        ).all()
        wanted = [e.id for e in events] + [e.place_id for e in events if e.place_id is not None]
        titles = dict(
            session.exec(
                select(OfferText.offer_id, OfferText.title).where(
                    OfferText.offer_id.in_(wanted), OfferText.language_code == root
                )
            ).all()
        )
        for event in events:
            place = titles.get(event.place_id, "") if event.place_id else (event.town or event.street or "")
            timing = timing_of_row(event)
            tz = zone(timing.timezone)
            window = (
                datetime.combine(since, datetime.min.time(), tz),
                datetime.combine(until, datetime.max.time(), tz),
            )
            for o in expand(timing, *window):
                out.append(
                    EventOccurrence(
                        event.id,
                        titles.get(event.id, ""),
                        o.start,
                        o.end,
                        timing.all_day,
                        timing.rule,
                        o.moved,
                        event.place_id,
                        place,
                    )
                )
    return sorted(out, key=lambda o: (o.start, o.event_id))
