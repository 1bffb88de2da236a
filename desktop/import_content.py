"""Writing imported content into the database inside the importer's transaction: texts with
their fingerprints and first revision (any kind), information pages in tree order, events.
Shared by the Integreat import (``integreat_import``) and the iCalendar import."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from export.integreat.import_plan import ImportPlan
from models.contact_keys import KEY, areas_by_key
from models.i18n import N_
from models.revision_notes import stored_note
from models.richtext import clean_plain, fingerprint
from models.tables import ContentKind, Offer, OfferRevision, OfferText, TextRevision

from .content import timing_facts
from .integreat.cms_base import remember
from .offers import jsonable_facts, refresh_statuses
from .offers.texts import clean_areas
from .tasks import CancelToken, Progress

NOTE = stored_note(N_("Imported from Integreat"))


def _utc(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.now(UTC)
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _add_texts(
    session: Session,
    offer_id: int,
    texts: dict,
    order: list[str],
    tree: dict,
    author: str = "Integreat-Import",
    note: str = NOTE,
    facts: dict | None = None,
) -> int:
    """Every language's text of one item with its fingerprint, status and first revision; a
    translation remembers the fingerprint of the source it was made from. The CMS's
    ``last_updated`` stays the text's time of last change. The source language's text gets the
    cost and the contacts' areas of ``facts``; a translation its own areas where it has them."""
    facts = facts or {}
    contacts = facts.get("contacts") or []  # with their keys: the areas are stored by them
    source_areas = {
        str(c.get(KEY) or ""): (c or {}).get("area_of_responsibility") or "" for c in contacts if c
    }
    words: dict[str, tuple[str, dict[str, str]]] = {}
    for code, t in texts.items():
        if tree.get(code, "?") is None:
            words[code] = (clean_plain(facts.get("cost")), clean_areas(source_areas))
        else:
            # The CMS has the areas by position (one per contact); one as the source language
            # has it is no translation.
            own = areas_by_key(list(getattr(t, "contact_areas", None) or []), contacts)
            own = {k: a for k, a in own.items() if a != source_areas.get(k)}
            words[code] = ("", clean_areas(own))
    prints = {code: fingerprint(t.title, t.summary, t.content, *words[code]) for code, t in texts.items()}
    count = 0
    for code in order:
        text = texts.get(code)
        if text is None:
            continue
        source = tree[code]
        review = "machine" if text.status == "source" else text.status
        changed = _utc(getattr(text, "updated_at", None))
        session.add(
            OfferText(
                offer_id=offer_id,
                language_code=code,
                title=text.title,
                summary=text.summary,
                content=text.content,
                cost=words[code][0],
                contact_areas=words[code][1],
                fingerprint=prints[code],
                review_status=review,
                status=review,
                source_fingerprint=prints.get(source) if source else None,
                source_language_code=source,
                provider="integreat" if source else None,
                updated_by=author,
                updated_at=changed,
                slug=getattr(text, "slug", None),
                cms_id=getattr(text, "cms_id", None),
                old_slugs=getattr(text, "old_slugs", None) or None,
            )
        )
        # what the CMS has: the base of the next sync's three-way comparison and of push
        remember(session, offer_id, code, title=text.title, content=text.content, cms_updated=changed)
        session.add(
            TextRevision(
                offer_id=offer_id,
                language_code=code,
                title=text.title,
                summary=text.summary,
                content=text.content,
                cost=words[code][0],
                contact_areas=words[code][1],
                fingerprint=prints[code],
                review_status=review,
                source_fingerprint=prints.get(source) if source else None,
                author=author,
                note=note,
                created_at=changed,
            )
        )
        count += 1
    return count


def add_item(
    session: Session, region_id: int, kind: str, slug: str, facts: dict, author: str, note: str
) -> Offer:
    row = Offer(region_id=region_id, kind=kind, slug=slug, state="published", updated_by=author, **facts)
    session.add(row)
    session.flush()
    session.add(
        OfferRevision(offer_id=row.id, offer_version=1, facts=jsonable_facts(facts), author=author, note=note)
    )
    return row


def write_content(
    session: Session,
    region_id: int,
    plan: ImportPlan,
    organization_ids: dict[str, int],
    order: list[str],
    tree: dict,
    token: CancelToken | None,
    author: str,
    done: int,
    total: int,
    progress: Progress,
) -> int:
    """The plan's pages (parents first) and events; returns the number of texts."""
    root = order[0]
    texts = 0
    page_ids: dict[str, int] = {}
    place_ids = dict(
        session.exec(
            select(Offer.cms_id, Offer.id).where(
                Offer.region_id == region_id, Offer.kind == ContentKind.OFFER.value, Offer.cms_id.is_not(None)
            )
        ).all()
    )
    taken = {o.slug for o in plan.offers}
    for page in plan.pages:
        if token is not None and done % 20 == 0:
            token.raise_if_cancelled()
        slug = _unique(page.texts[root].slug or "seite", taken)
        facts = {
            "parent_id": page_ids.get(page.parent) if page.parent else None,
            "position": page.position,
            "cms_id": page.cms_id,
            "organization_id": organization_ids.get(page.organization) if page.organization else None,
            "image_path": page.image_path,
        }
        row = add_item(session, region_id, ContentKind.PAGE.value, slug, facts, author, NOTE)
        page_ids[page.key] = row.id
        texts += _finish(session, row, page.texts, order, tree, region_id)
        done += 1
        progress(done, total, page.texts[root].title)
    for event in plan.events:
        if token is not None and done % 20 == 0:
            token.raise_if_cancelled()
        slug = _unique(event.texts[root].slug or "veranstaltung", taken)
        facts = {
            **timing_facts(event.timing),
            "cms_id": event.cms_id,
            "place_id": place_ids.get(event.place_cms_id),
            "meeting_url": event.meeting_url,
            "image_path": event.image_path,
            **({} if event.place_cms_id in place_ids else event.address),
        }
        row = add_item(session, region_id, ContentKind.EVENT.value, slug, facts, author, NOTE)
        texts += _finish(session, row, event.texts, order, tree, region_id)
        done += 1
        progress(done, total, event.texts[root].title)
    return texts


def _finish(session: Session, row: Offer, texts: dict, order: list[str], tree: dict, region_id: int) -> int:
    count = _add_texts(session, row.id, texts, order, tree)
    session.flush()
    refresh_statuses(session, row.id, region_id)
    return count


def _unique(slug: str, taken: set[str]) -> str:
    # Lotse's own slug of the item (the per-language slugs are on the texts); unique per region
    base = slug.lower()[:190] or "seite"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
