"""Import an Integreat region (API v3 JSON: a package folder, its zip, or saved API files)
into a new region of the Lotse database, all in one transaction: either everything is
imported or nothing.

    result = import_integreat(db, path, progress, token)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

from export.integreat.import_plan import ImportPlan
from export.integreat.mapping import build_import_plan
from export.integreat.reader import ReadError, read_integreat
from models.contact_keys import with_keys
from models.i18n import N_, Message
from models.revision_notes import stored_note
from models.status import tree_order
from models.tables import (
    Category,
    Municipality,
    Offer,
    OfferRevision,
    Organization,
    Region,
    RegionLanguage,
)

from .db import Database
from .errors import LotseError
from .import_content import _add_texts, write_content
from .offers import jsonable_facts, refresh_statuses
from .tasks import CancelToken, Progress, no_progress

IMPORT_AUTHOR = "Integreat-Import"


class ImportFailed(LotseError):
    """Nothing was imported."""


@dataclass
class ImportResult:
    region_slug: str
    region_name: str
    languages: list[str]
    offers: int
    texts: int
    categories: int
    warnings: list[Message] = field(default_factory=list)
    pages: int = 0
    events: int = 0

    def summary(self, lang: str | None = None) -> str:
        return N_(
            "Imported region “{name}” ({slug}): {offers} offers, {pages} pages, {events} "
            "events, {texts} texts "
            "in {count} languages ({languages}), {categories} categories.",
            name=self.region_name,
            slug=self.region_slug,
            offers=self.offers,
            pages=self.pages,
            events=self.events,
            texts=self.texts,
            count=len(self.languages),
            languages=", ".join(self.languages),
            categories=self.categories,
        ).render(lang)


def _write(db: Database, plan: ImportPlan, progress: Progress, token: CancelToken | None) -> ImportResult:
    with db.transaction() as session:
        spec = plan.region
        if session.exec(select(Region).where(Region.slug == spec["slug"])).first():
            raise ImportFailed(
                N_(
                    "The region “{slug}” already exists in this database. Import into a new database (--db).",
                    slug=spec["slug"],
                ),
            )
        box = spec["bounding_box"]
        region = Region(
            slug=spec["slug"],
            name=spec["name"],
            prefix=spec["prefix"],
            name_without_prefix=spec["name_without_prefix"],
            postcode=spec["postcode"],
            latitude=spec["latitude"],
            longitude=spec["longitude"],
            bbox_lon_min=box[0][0] if box else None,
            bbox_lat_min=box[0][1] if box else None,
            bbox_lon_max=box[1][0] if box else None,
            bbox_lat_max=box[1][1] if box else None,
            imprint_html=plan.imprint_html,
        )
        session.add(region)
        session.flush()
        tree = {lang.code: lang.source_code for lang in plan.languages}
        order = tree_order(tree)
        for position, language in enumerate(plan.languages):
            session.add(
                RegionLanguage(
                    region_id=region.id,
                    code=language.code,
                    bcp47_tag=language.bcp47_tag,
                    native_name=language.native_name,
                    direction=language.direction,
                    source_code=language.source_code,
                    position=position,
                )
            )
        for m in plan.municipalities:
            session.add(Municipality(region_id=region.id, **m))
        category_ids, organization_ids = {}, {}
        for c in plan.categories:
            row = Category(region_id=region.id, **c)
            session.add(row)
            session.flush()
            category_ids[c["slug"]] = row.id
        for o in plan.organizations:
            row = Organization(region_id=region.id, **o)
            session.add(row)
            session.flush()
            organization_ids[o["slug"]] = row.id
        texts = 0
        total = len(plan.offers) + len(plan.pages) + len(plan.events)
        for index, new in enumerate(plan.offers):
            if token is not None and index % 20 == 0:
                token.raise_if_cancelled()
            facts = dict(new.facts)
            facts["contacts"] = with_keys(facts.get("contacts") or [])  # the texts' areas are by key
            offer = Offer(
                region_id=region.id,
                slug=new.slug,
                category_id=category_ids.get(new.category),
                organization_id=organization_ids.get(new.organization),
                updated_by=IMPORT_AUTHOR,
                **facts,
            )
            session.add(offer)
            session.flush()
            texts += _add_texts(session, offer.id, new.texts, order, tree, facts=facts)
            session.add(
                OfferRevision(
                    offer_id=offer.id,
                    offer_version=1,
                    facts=jsonable_facts(facts),
                    author=IMPORT_AUTHOR,
                    note=stored_note(N_("Imported from Integreat")),
                )
            )
            session.flush()
            refresh_statuses(session, offer.id, region.id)
            progress(index + 1, total, new.texts[order[0]].title if order[0] in new.texts else new.slug)
        texts += write_content(
            session,
            region.id,
            plan,
            organization_ids,
            order,
            tree,
            token,
            IMPORT_AUTHOR,
            len(plan.offers),
            total,
            progress,
        )
        if token is not None:
            token.raise_if_cancelled()
        return ImportResult(
            region.slug,
            region.name,
            order,
            len(plan.offers),
            texts,
            len(plan.categories),
            plan.warnings,
            pages=len(plan.pages),
            events=len(plan.events),
        )


def import_integreat(
    db: Database,
    path: str | Path,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
    *,
    region_slug: str | None = None,
) -> ImportResult:
    """Read the Integreat JSON at ``path`` and create its region in ``db`` (one transaction)."""
    progress(0, 1, "reading")
    try:
        data = read_integreat(path)
        plan = build_import_plan(data, region_slug)
    except ReadError as exc:
        raise ImportFailed(N_("{error} Nothing was imported.", error=exc.text)) from exc
    except OSError as exc:
        raise ImportFailed(
            N_(
                "“{path}” cannot be read ({value}). Nothing was imported.",
                path=path,
                value=exc.strerror or exc,
            ),
        ) from exc
    if not plan.offers and not plan.pages and not plan.events:
        raise ImportFailed(
            N_("No offers, pages or events found in the data. Nothing was imported."),
        )
    try:
        tree_order({lang.code: lang.source_code for lang in plan.languages})
    except ValueError as exc:
        raise ImportFailed(N_("The language tree is invalid ({exc}).", exc=exc)) from exc
    from .integreat.thumbnails import media_folder, take_pictures

    # before the transaction: the pictures are checked and copied, a refused one is a warning
    pictures = take_pictures([*plan.pages, *plan.events], Path(path), media_folder(db))
    result = _write(db, plan, progress, token)
    result.warnings.extend(pictures)
    return result
