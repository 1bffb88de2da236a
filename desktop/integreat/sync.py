"""A later import from the CMS into a region that is linked to it: a three-way comparison of
every linked page's, event's and place's texts against what the CMS had at the last import or push
(``CmsBase``), never overwriting a Lotse edit silently:

- changed only in the CMS: taken into Lotse (a new revision, author "Integreat-CMS");
- changed only in Lotse: kept (``lotse integreat push`` or the XLIFF upload carries it over);
- changed on both sides: nothing is written; the CMS's version waits in ``CmsBase.theirs_*``
  until someone decides (``take(db, offer_id, "cms" | "lotse")``).

An item is linked when Lotse knows its path in the CMS (the slugs the import or ``lotse
integreat link`` stored); a page the CMS renamed is still found through its old slugs, and
Lotse follows the new slug. Items the CMS has and Lotse has not are listed, not added.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import and_
from sqlmodel import Session, col, select

from export.integreat.content_mapping import NewEvent, NewPage
from export.integreat.import_plan import ImportPlan, NewOffer
from export.integreat.mapping import build_import_plan
from export.integreat.reader import ReadError, norm_path, read_integreat
from models.i18n import N_, Joined, Message, render
from models.revision_notes import stored_note
from models.tables import CmsBase, ContentKind, Offer, OfferText, Region

from ..changes import Changes, Kind, note
from ..db import Database
from ..errors import LotseError
from ..offers.writing import OfferWrite, write_offer
from ..regions import language_tree
from ..tasks import CancelToken, Progress, no_progress
from .cms_base import bases, remember
from .fetch import fetch_region, parse_cms_url

AUTHOR = "Integreat-CMS"
SYNC_NOTE = stored_note(N_("Taken over from the Integreat CMS"))
Side = Literal["cms", "lotse"]


@dataclass(frozen=True)
class SyncEntry:
    offer_id: int
    language: str
    title: str
    fields: tuple[str, ...] = ()  # what differs: "title", "content"

    def line(self, lang: str | None) -> str:
        what = render(Joined([_FIELD[f] for f in self.fields]), lang) if self.fields else ""
        return f"  [{self.offer_id}] {self.language}: {self.title}" + (f" ({what})" if what else "")


_FIELD: dict[str, Message] = {"title": N_("title"), "content": N_("content")}


@dataclass
class SyncResult:
    cms_changed: list[SyncEntry] = field(default_factory=list)  # taken into Lotse
    lotse_changed: list[SyncEntry] = field(default_factory=list)  # kept
    both: list[SyncEntry] = field(default_factory=list)  # waiting for a decision
    not_linked: list[str] = field(default_factory=list)  # in the CMS, not in Lotse (paths)

    def report(self, lang: str | None = None) -> str:
        sections = (
            (
                N_("Changed in the CMS, taken into Lotse: {count}", count=len(self.cms_changed)),
                self.cms_changed,
            ),
            (N_("Changed in Lotse, kept: {count}", count=len(self.lotse_changed)), self.lotse_changed),
            (
                N_(
                    "Changed on both sides, waiting for your decision (lotse integreat sync --take cms|lotse "
                    "ID): {count}",
                    count=len(self.both),
                ),
                self.both,
            ),
        )
        lines: list[str] = []
        for head, entries in sections:
            lines.append(render(head, lang))
            lines += [entry.line(lang) for entry in entries]
        if self.not_linked:
            lines.append(
                render(N_("In the CMS but not linked in Lotse: {count}", count=len(self.not_linked)), lang)
            )
            lines += [f"  {path}" for path in self.not_linked]
        return "\n".join(lines)


def _differs(a: tuple[str, str], b: tuple[str, str]) -> tuple[str, ...]:
    return tuple(name for name, x, y in (("title", a[0], b[0]), ("content", a[1], b[1])) if x != y)


def _lotse_paths(session: Session, region: Region, root: str, cms_region: str) -> dict[str, int]:
    """Lotse's linked pages and events by their path in the CMS (region ``cms_region``) in the
    root language."""
    rows = session.exec(
        select(Offer.id, Offer.kind, Offer.parent_id, OfferText.slug)
        .join(OfferText, col(OfferText.offer_id) == col(Offer.id))
        .where(
            Offer.region_id == region.id,
            OfferText.language_code == root,
            Offer.kind.in_([ContentKind.PAGE.value, ContentKind.EVENT.value]),  # type: ignore[attr-defined]
        )
    ).all()
    info: dict[int, tuple[str, int | None, str | None]] = {
        oid: (kind, parent, slug) for oid, kind, parent, slug in rows if oid is not None
    }
    out: dict[str, int] = {}
    for oid, (kind, _, slug) in info.items():
        if not slug:
            continue
        if kind == ContentKind.EVENT.value:
            out[norm_path(f"/{cms_region}/{root}/events/{slug}/")] = oid
            continue
        chain = _chain(info, oid)
        if chain:
            out[norm_path(f"/{cms_region}/{root}/" + "/".join(chain) + "/")] = oid
    return out


def _chain(info: dict[int, tuple[str, int | None, str | None]], oid: int) -> list[str] | None:
    """The root-language slugs from the top page down to ``oid``; None if one is missing."""
    chain: list[str] = []
    node: int | None = oid
    seen: set[int] = set()
    while node is not None and node not in seen:
        seen.add(node)
        entry = info.get(node)
        if entry is None or not entry[2]:
            return None
        chain.append(entry[2])
        node = entry[1]
    return list(reversed(chain))


def _candidates(key: str, old_slugs: list[str]) -> list[str]:
    """The item's path and the paths it had under its old slugs (a rename in the CMS)."""
    parent = key.rstrip("/").rsplit("/", 1)[0]
    return [key, *(norm_path(f"{parent}/{slug}/") for slug in old_slugs)]


def read_cms(url: str, progress: Progress = no_progress, token: CancelToken | None = None) -> ImportPlan:
    """The CMS region at ``url`` read as the import reads it (nothing written)."""
    source = parse_cms_url(url)
    with tempfile.TemporaryDirectory(prefix="lotse-cms-") as folder:
        fetch_region(source, folder, progress, token)
        try:
            return build_import_plan(read_integreat(folder), source.region)
        except ReadError as exc:
            raise LotseError(N_("{error} Nothing was changed.", error=exc.text)) from exc


def linked_region(session: Session, plan: ImportPlan, region_slug: str | None) -> Region:
    """The Lotse region linked to the CMS's: ``region_slug``, else the one with the CMS's slug,
    else the database's only (or first) region (the window's)."""
    slug = region_slug or plan.region["slug"]
    region = session.exec(select(Region).where(Region.slug == slug)).first()
    if region is None and region_slug is None:
        region = session.exec(select(Region).order_by(col(Region.id))).first()
    if region is None or region.id is None:
        raise LotseError(
            N_(
                "The database has no region “{region}” to update (import it first, or link one "
                "with lotse integreat link).",
                region=slug,
            )
        )
    return region


def sync_from_cms(
    db: Database,
    url: str,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
    *,
    region_slug: str | None = None,
) -> SyncResult:
    """Read the CMS region at ``url`` and update the linked items of the Lotse region
    ``region_slug`` (default: the one with the CMS's slug) in one transaction (see the
    module's description)."""
    plan = read_cms(url, progress, token)
    result = SyncResult()
    with db.transaction() as session:
        region = linked_region(session, plan, region_slug)
        assert region.id is not None
        tree = language_tree(session, region.id)
        root = next(code for code, source_code in tree.items() if source_code is None)
        ours = _lotse_paths(session, region, root, plan.region["slug"])
        items: list[NewPage | NewEvent] = [*plan.pages, *plan.events]
        matched: dict[int, NewPage | NewEvent | NewOffer] = {}
        for item in items:
            text = item.texts.get(root)
            keys = _candidates(norm_path(item.key), text.old_slugs if text else [])
            oid = next((ours[k] for k in keys if k in ours), None)
            if oid is None:
                result.not_linked.append(item.key)
            else:
                matched[oid] = item
        places = dict(
            session.exec(
                select(Offer.cms_id, Offer.id).where(
                    Offer.region_id == region.id,
                    Offer.kind == ContentKind.OFFER.value,
                    col(Offer.cms_id).is_not(None),
                )
            ).all()
        )
        for offer in plan.offers:  # places: by the CMS's location id the import or link stored
            place_id = places.get(offer.facts.get("cms_id")) if offer.facts.get("cms_id") else None
            if place_id is not None:
                matched[place_id] = offer
            elif offer.facts.get("cms_id") is not None:
                result.not_linked.append(offer.texts[root].title if root in offer.texts else offer.slug)
        known = bases(session, list(matched))
        texts = {
            (t.offer_id, t.language_code): t
            for t in session.exec(select(OfferText).where(OfferText.offer_id.in_(list(matched))))  # type: ignore[attr-defined]
        }
        for oid, found in matched.items():
            _compare(session, oid, found, texts, known, tree, result)
    return result


def _compare(
    session: Session,
    oid: int,
    item: NewPage | NewEvent | NewOffer,
    texts: dict[tuple[int, str], OfferText],
    known: dict[tuple[int, str], CmsBase],
    tree: dict[str, str | None],
    result: SyncResult,
) -> None:
    writes: dict[str, dict[str, str]] = {}
    for code, theirs_text in item.texts.items():
        if code not in tree:
            continue
        theirs = (theirs_text.title, theirs_text.content)
        mine_row: OfferText | None = texts.get((oid, code))
        base: CmsBase | None = known.get((oid, code))
        if mine_row is not None:  # identity follows the CMS (new version id, renamed slug)
            if theirs_text.cms_id is not None:
                mine_row.cms_id = theirs_text.cms_id
            if theirs_text.slug and theirs_text.slug != mine_row.slug:
                mine_row.old_slugs = list(dict.fromkeys([*(mine_row.old_slugs or []), mine_row.slug or ""]))
                mine_row.old_slugs = [s for s in mine_row.old_slugs if s and s != theirs_text.slug]
                mine_row.slug = theirs_text.slug
            session.add(mine_row)
        mine = (mine_row.title, mine_row.content) if mine_row is not None else None
        was = (base.title, base.content) if base is not None else None
        title = (mine_row.title if mine_row is not None else "") or theirs_text.title
        if mine == theirs:
            if was != theirs:
                remember(
                    session, oid, code, title=theirs[0], content=theirs[1], cms_updated=theirs_text.updated_at
                )
            continue
        if was == theirs:  # only Lotse changed
            assert mine is not None
            result.lotse_changed.append(SyncEntry(oid, code, title, _differs(mine, theirs)))
        elif mine is None or mine == was:  # only the CMS changed (or a translation new there)
            writes[code] = {
                "title": theirs[0],
                "summary": mine_row.summary if mine_row is not None else "",
                "content": theirs[1],
            }
            remember(
                session, oid, code, title=theirs[0], content=theirs[1], cms_updated=theirs_text.updated_at
            )
            result.cms_changed.append(SyncEntry(oid, code, title, _differs(was or ("", ""), theirs)))
        else:  # both: the CMS's version waits
            row = base or CmsBase(offer_id=oid, language_code=code)
            row.theirs_title, row.theirs_content = theirs
            row.theirs_updated = theirs_text.updated_at
            session.add(row)
            result.both.append(SyncEntry(oid, code, title, _differs(mine, theirs)))
    if writes:
        offer = session.get(Offer, oid)
        assert offer is not None
        write_offer(
            session,
            oid,
            OfferWrite(AUTHOR, texts=writes, validate=False, note=SYNC_NOTE),
            expected_version=offer.version,
        )


def waiting(db: Database) -> list[tuple[SyncEntry, str, str]]:
    """Texts changed on both sides: (entry, the CMS's title, the CMS's content)."""
    with db.session() as session:
        rows = session.exec(
            select(CmsBase, OfferText)
            .join(
                OfferText,
                and_(
                    col(OfferText.offer_id) == col(CmsBase.offer_id),
                    col(OfferText.language_code) == col(CmsBase.language_code),
                ),
            )
            .where(CmsBase.theirs_content.is_not(None))  # type: ignore[union-attr]
            .order_by(col(CmsBase.offer_id), col(CmsBase.language_code))
        ).all()
        return [
            (
                SyncEntry(
                    base.offer_id,
                    base.language_code,
                    text.title,
                    _differs(
                        (text.title, text.content), (base.theirs_title or "", base.theirs_content or "")
                    ),
                ),
                base.theirs_title or "",
                base.theirs_content or "",
            )
            for base, text in rows
        ]


def take(db: Database, offer_id: int, side: Side, language: str | None = None) -> list[str]:
    """Decide a text changed on both sides: ``cms`` writes the CMS's version into Lotse,
    ``lotse`` keeps Lotse's (the next push sends it). Returns the languages decided."""
    with db.transaction() as session:
        query = select(CmsBase).where(CmsBase.offer_id == offer_id, CmsBase.theirs_content.is_not(None))  # type: ignore[union-attr]
        if language:
            query = query.where(CmsBase.language_code == language)
        rows = list(session.exec(query))
        if not rows:
            raise LotseError(N_("Item {id} has no change waiting for a decision.", id=offer_id))
        writes: dict[str, dict[str, str]] = {}
        for row in rows:
            title, content = row.theirs_title or "", row.theirs_content or ""
            if side == "cms":
                mine = session.exec(
                    select(OfferText).where(
                        OfferText.offer_id == offer_id, OfferText.language_code == row.language_code
                    )
                ).first()
                writes[row.language_code] = {
                    "title": title,
                    "summary": mine.summary if mine is not None else "",
                    "content": content,
                }
            remember(
                session,
                offer_id,
                row.language_code,
                title=title,
                content=content,
                cms_updated=row.theirs_updated,
            )
        if writes:
            offer = session.get(Offer, offer_id)
            assert offer is not None
            write_offer(
                session,
                offer_id,
                OfferWrite(AUTHOR, texts=writes, validate=False, note=SYNC_NOTE),
                expected_version=offer.version,
            )
        else:
            note(session, Changes.of("offer", [offer_id], [Kind.STATUS], [r.language_code for r in rows]))
        return [row.language_code for row in rows]
