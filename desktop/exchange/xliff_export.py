"""Export offers for one target language as XLIFF for a translation agency.

The source is the text in the language the target is translated from (the
region's language tree), the target the current translation where one exists.
One file per offer (zipped when there are several) or one file for all. After
the file is written, the exported texts are marked ``in_translation``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from export.safe_input import atomic_write, zip_bytes
from export.xliff import VERSIONS, XFile, XUnit, file_name, write_xliff
from models.i18n import N_, Message
from models.status import Status
from models.tables import (
    Category,
    Municipality,
    Offer,
    OfferText,
    Organization,
    RegionLanguage,
    TextRevision,
    utcnow,
)

from .. import __version__
from ..db import Database
from ..errors import LotseError
from ..offers import refresh_statuses
from ..regions import current_region, language_tree
from ..tasks import CancelToken, no_progress
from ..translation.glossary import terms_for
from ..translation.text_parts import area_key, area_part, flat_parts
from .engine import Term, describe_term, terms_in

FIELDS = ("title", "summary", "content")


# A unit of a file exported before the contacts had keys: "area-2" was the second contact's.
LEGACY_AREA = "area#"


def unit_id(part: str) -> str:
    """A text part's unit in the file: title, summary, content, cost, area-KEY (the area of
    the contact with that key: it stays that contact's however the contacts move meanwhile)."""
    key = area_key(part)
    return part if key is None else f"area-{key}"


def part_of_unit(unit: str) -> str | None:
    """The text part a unit of :func:`unit_id` stands for (None: not one of these); an older
    file's "area-2" is ``"area#1"``, the contact at that position, found by the importer."""
    name = unit.strip().lower()
    if name == "cost":
        return "cost"
    rest = name[5:] if name.startswith("area-") else ""
    if area_key(area_part(rest)) is not None:
        return area_part(rest)
    if rest.isdigit() and int(rest) >= 1:
        return f"{LEGACY_AREA}{int(rest) - 1}"
    return None


@dataclass
class XliffExportResult:
    path: Path
    files: int
    offers: list[int]
    marked: int
    skipped: list[tuple[int, Message]] = field(default_factory=list)  # (offer id, why)


def region_language(session: Session, region_id: int, code: str) -> RegionLanguage | None:
    return session.exec(
        select(RegionLanguage).where(RegionLanguage.region_id == region_id, RegionLanguage.code == code)
    ).first()


def target_language_or_fail(session: Session, region, code: str) -> tuple[RegionLanguage, RegionLanguage]:
    """The target language and the language it is translated from, or a message why not."""
    tree = language_tree(session, region.id)
    if code not in tree:
        raise LotseError(
            N_(
                "The region “{name}” has no language “{code}”. Languages: {items}.",
                name=region.name,
                code=code,
                items=", ".join(tree),
            ),
        )
    if tree[code] is None:
        raise LotseError(
            N_("“{code}” is the region's source language; it is not translated.", code=code),
        )
    return region_language(session, region.id, code), region_language(session, region.id, tree[code])


class _Context:
    """Names for the unit notes, loaded once for the region (no query per offer)."""

    def __init__(self, session: Session, region_id: int):
        self.categories = {
            c.id: c.name("de") for c in session.exec(select(Category).where(Category.region_id == region_id))
        }
        self.organizations = {
            o.id: o.name
            for o in session.exec(select(Organization).where(Organization.region_id == region_id))
        }
        self.towns = {
            m.id: m.name
            for m in session.exec(select(Municipality).where(Municipality.region_id == region_id))
        }

    def note(self, offer: Any, source_title: str) -> str:  # an Offer or a row of its ids
        parts = [f"Angebot {offer.id}: {source_title}"]
        for label, names, key in (
            ("Kategorie", self.categories, offer.category_id),
            ("Träger", self.organizations, offer.organization_id),
            ("Ort", self.towns, offer.municipality_id),
        ):
            if key in names:
                parts.append(f"{label}: {names[key]}")
        return " · ".join(parts)


def _glossary_note(text: str, terms: list[Term]) -> str | None:
    found = terms_in(text, terms)
    if not found:
        return None
    return "Glossar: " + "; ".join(describe_term(t, "de") for t in found)


def build_files(
    session: Session,
    region,
    target: RegionLanguage,
    source: RegionLanguage,
    offer_ids: list[int],
    terms: list[Term],
    progress=no_progress,
    token: CancelToken | None = None,
):
    """One XFile per offer with a source text, and the offers skipped with the reason."""
    files: list[tuple[str, XFile]] = []
    skipped: list[tuple[int, Message]] = []
    # Plain rows of the columns a file needs: whole ORM objects decoded every offer's JSON facts
    # (contacts, opening hours) and every text's revision fields, a fifth of a region's export.
    # (through the connection: no ORM loading step per row, ~5 % of a region's export)
    offers = {
        o.id: o
        for o in session.connection().execute(
            select(
                Offer.id, Offer.slug, Offer.category_id, Offer.organization_id, Offer.municipality_id
            ).where(Offer.region_id == region.id, Offer.id.in_(offer_ids))
        )
    }
    missing = [i for i in offer_ids if i not in offers]
    if missing:
        raise LotseError(
            N_("There is no offer with id {value} in this region.", value=missing[0]),
        )
    texts: dict[tuple[int, str], Any] = {
        (t.offer_id, t.language_code): t
        for t in session.connection().execute(
            select(
                OfferText.offer_id,
                OfferText.language_code,
                OfferText.title,
                OfferText.summary,
                OfferText.content,
                OfferText.cost,
                OfferText.contact_areas,
                OfferText.version,
                OfferText.review_status,
            ).where(
                OfferText.offer_id.in_(offer_ids), OfferText.language_code.in_([source.code, target.code])
            )
        )
    }
    context = _Context(session, region.id)
    for index, offer_id in enumerate(offer_ids):
        if token is not None and index % 20 == 0:
            token.raise_if_cancelled()
        offer = offers[offer_id]
        src = texts.get((offer_id, source.code))
        if src is None or not (src.title or src.content):
            skipped.append((offer_id, N_("no text in “{code}” to translate from", code=source.code)))
            continue
        tgt = texts.get((offer_id, target.code))
        has_target = tgt is not None and bool(tgt.title or tgt.content)
        note = context.note(offer, src.title)
        units = []
        targets = flat_parts(tgt) if has_target else {}
        for name, value in flat_parts(src).items():
            if not value:
                continue
            glossary = _glossary_note(value, terms)
            units.append(
                XUnit(
                    id=unit_id(name),
                    source=value,
                    target=targets.get(name, "") if has_target else None,
                    notes=[note] + ([glossary] if glossary else []),
                    rich=name == "content",
                    review_status=tgt.review_status if has_target else None,
                )
            )
        xf = XFile(
            original=str(offer_id),
            source_language=source.bcp47_tag,
            target_language=target.bcp47_tag,
            units=units,
            source_dir=source.direction,
            target_dir=target.direction,
            region=region.slug,
        )
        files.append(
            (file_name(region.slug, source.code, target.code, offer_id, src.version, offer.slug), xf)
        )
        progress(index + 1, len(offer_ids), src.title)
    return files, skipped


def _mark_in_translation(session: Session, offer_ids: list[int], code: str, author: str, note: str) -> int:
    marked = 0
    for offer_id in offer_ids:
        row = session.exec(
            select(OfferText).where(OfferText.offer_id == offer_id, OfferText.language_code == code)
        ).first()
        if row is None or not (row.title or row.content) or row.review_status == Status.IN_TRANSLATION.value:
            continue
        before = row.review_status
        row.review_status = Status.IN_TRANSLATION.value
        row.version += 1
        row.updated_at = utcnow()
        row.updated_by = author
        session.add(row)
        session.add(
            TextRevision(
                offer_id=offer_id,
                language_code=code,
                title=row.title,
                summary=row.summary,
                content=row.content,
                cost=row.cost,
                contact_areas=dict(row.contact_areas or {}),
                fingerprint=row.fingerprint,
                review_status=row.review_status,
                source_fingerprint=row.source_fingerprint,
                minor=True,
                author=author,
                note=f"{note} (vorher/before: {before})"[:500],
            )
        )
        refresh_statuses(session, offer_id, session.get(Offer, offer_id).region_id)
        marked += 1
    return marked


def _output_path(
    out: Path, names: list[str], region_slug: str, source: str, target: str, bundle: bool
) -> Path:
    """``out`` itself if it names a file; in a folder Integreat's names: the offer's file for one
    offer, ``{region}_{date}_{src}_{tgt}.zip`` (or ``.xliff`` for one file holding several)."""
    out = Path(out)
    if out.suffix.lower() in (".zip", ".xliff", ".xlf"):
        return out
    if len(names) == 1:
        return out / names[0]
    stamp = datetime.now().strftime("%Y-%m-%d_%H-%M")
    return out / f"{region_slug}_{stamp}_{source}_{target}.{'zip' if bundle else 'xliff'}"


def export_xliff(
    db: Database,
    language_code: str,
    offer_ids: list[int] | None,
    out: Path,
    *,
    author: str,
    version: str = "1.2",
    single_file: bool = False,
    mark: bool = True,
    progress=no_progress,
    token: CancelToken | None = None,
) -> XliffExportResult:
    """Write the XLIFF (a zip when several files) and mark the exported texts in translation.

    ``out`` is a file (``.xliff``/``.xlf``/``.zip``) or a folder to put it in.
    """
    if version not in VERSIONS:
        raise LotseError(
            N_("There is no XLIFF version {version}; use 1.2 or 2.0.", version=version),
        )
    with db.transaction() as session:
        region = current_region(session)
        target, source = target_language_or_fail(session, region, language_code)
        if offer_ids is None:
            offer_ids = list(
                session.exec(
                    select(Offer.id)
                    .where(Offer.region_id == region.id, Offer.state != "archived")
                    .order_by(Offer.id)
                )
            )
        terms = terms_for(db, source.code, target.code)
        files, skipped = build_files(session, region, target, source, list(offer_ids), terms, progress, token)
        region_slug, source_code = region.slug, source.code
    if not files:
        raise LotseError(
            N_(
                "Nothing to export: none of the {count} offers has a text in “{source_code}”.",
                count=len(offer_ids),
                source_code=source_code,
            ),
        )
    names = [name for name, _ in files]
    out = Path(out)
    if single_file or len(files) == 1:
        data = write_xliff([xf for _, xf in files], version, __version__)
        path = _output_path(out, names, region_slug, source_code, language_code, bundle=False)
        if path.suffix.lower() == ".zip":
            data = zip_bytes(
                [
                    (
                        names[0] if len(files) == 1 else f"{region_slug}_{source_code}_{language_code}.xliff",
                        data,
                    )
                ]
            )
    else:
        path = _output_path(out, names, region_slug, source_code, language_code, bundle=True)
        members = [(name, write_xliff([xf], version, __version__)) for name, xf in files]
        if path.suffix.lower() == ".zip":
            data = zip_bytes(members)
        else:
            data = write_xliff([xf for _, xf in files], version, __version__)
    if token is not None:
        token.raise_if_cancelled()
    atomic_write(path, data)
    exported = [int(xf.original) for _, xf in files]
    marked = 0
    if mark:
        with db.transaction() as session:
            marked = _mark_in_translation(
                session, exported, language_code, author, f"XLIFF-Export {path.name}"
            )
    return XliffExportResult(path=path, files=len(files), offers=exported, marked=marked, skipped=skipped)
