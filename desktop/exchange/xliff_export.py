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

from sqlmodel import Session, select

from export.safe_input import atomic_write, zip_bytes
from export.xliff import VERSIONS, XFile, XUnit, file_name, write_xliff
from models.status import Status
from models.tables import Category, Offer, OfferText, Organization, Municipality, RegionLanguage, TextRevision, utcnow

from .. import __version__
from ..db import Database
from ..errors import LotseError
from ..offers import refresh_statuses
from ..regions import current_region, language_tree
from ..tasks import CancelToken, no_progress
from .engine import Term, glossary_terms, terms_in

FIELDS = ("title", "summary", "content")


@dataclass
class XliffExportResult:
    path: Path
    files: int
    offers: list[int]
    marked: int
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (offer id, de, en)


def region_language(session: Session, region_id: int, code: str) -> RegionLanguage | None:
    return session.exec(
        select(RegionLanguage).where(RegionLanguage.region_id == region_id, RegionLanguage.code == code)
    ).first()


def target_language_or_fail(session: Session, region, code: str) -> tuple[RegionLanguage, RegionLanguage]:
    """The target language and the language it is translated from, or a message why not."""
    tree = language_tree(session, region.id)
    if code not in tree:
        raise LotseError(
            f"Die Region „{region.name}“ hat die Sprache „{code}“ nicht. Sprachen: {', '.join(tree)}.",
            f"The region “{region.name}” has no language “{code}”. Languages: {', '.join(tree)}.",
        )
    if tree[code] is None:
        raise LotseError(
            f"„{code}“ ist die Ausgangssprache der Region; sie wird nicht übersetzt.",
            f"“{code}” is the region's source language; it is not translated.",
        )
    return region_language(session, region.id, code), region_language(session, region.id, tree[code])


def _context_note(session: Session, offer: Offer, source_title: str, ui: str = "de") -> str:
    category = session.get(Category, offer.category_id) if offer.category_id else None
    organization = session.get(Organization, offer.organization_id) if offer.organization_id else None
    town = session.get(Municipality, offer.municipality_id) if offer.municipality_id else None
    parts = [f"Angebot {offer.id}: {source_title}"]
    if category:
        parts.append(f"Kategorie: {category.name('de')}")
    if organization:
        parts.append(f"Träger: {organization.name}")
    if town:
        parts.append(f"Ort: {town.name}")
    return " · ".join(parts)


def _glossary_note(text: str, terms: list[Term]) -> str | None:
    found = terms_in(text, terms)
    if not found:
        return None
    return "Glossar: " + "; ".join(t.describe("de") for t in found)


def build_files(session: Session, region, target: RegionLanguage, source: RegionLanguage, offer_ids: list[int],
                terms: list[Term], progress=no_progress, token: CancelToken | None = None):
    """One XFile per offer with a source text, and the offers skipped with the reason."""
    files: list[tuple[str, XFile]] = []
    skipped: list[tuple[int, str, str]] = []
    for index, offer_id in enumerate(offer_ids):
        if token is not None:
            token.raise_if_cancelled()
        offer = session.get(Offer, offer_id)
        if offer is None or offer.region_id != region.id:
            raise LotseError(
                f"Ein Angebot mit der Nummer {offer_id} gibt es in dieser Region nicht.",
                f"There is no offer with id {offer_id} in this region.",
            )
        texts = {t.language_code: t for t in session.exec(select(OfferText).where(OfferText.offer_id == offer_id))}
        src = texts.get(source.code)
        if src is None or not (src.title or src.content):
            skipped.append((offer_id, f"kein Text in „{source.code}“, aus dem übersetzt wird",
                            f"no text in “{source.code}” to translate from"))
            continue
        tgt = texts.get(target.code)
        has_target = tgt is not None and bool(tgt.title or tgt.content)
        context = _context_note(session, offer, src.title)
        units = []
        for name in FIELDS:
            value = getattr(src, name)
            if not value:
                continue
            notes = [context]
            glossary = _glossary_note(value, terms)
            if glossary:
                notes.append(glossary)
            units.append(XUnit(id=name, source=value, target=getattr(tgt, name) if has_target else None,
                               notes=notes, rich=name == "content",
                               review_status=tgt.review_status if has_target else None))
        xf = XFile(original=str(offer_id), source_language=source.bcp47_tag, target_language=target.bcp47_tag,
                   units=units, source_dir=source.direction, target_dir=target.direction, region=region.slug)
        name = file_name(region.slug, source.code, target.code, offer_id, src.version, offer.slug)
        files.append((name, xf))
        progress(index + 1, len(offer_ids), src.title)
    return files, skipped


def _mark_in_translation(session: Session, offer_ids: list[int], code: str, author: str, note: str) -> int:
    marked = 0
    for offer_id in offer_ids:
        row = session.exec(select(OfferText).where(OfferText.offer_id == offer_id, OfferText.language_code == code)).first()
        if row is None or not (row.title or row.content) or row.review_status == Status.IN_TRANSLATION.value:
            continue
        before = row.review_status
        row.review_status = Status.IN_TRANSLATION.value
        row.version += 1
        row.updated_at = utcnow()
        row.updated_by = author
        session.add(row)
        session.add(TextRevision(
            offer_id=offer_id, language_code=code, title=row.title, summary=row.summary, content=row.content,
            fingerprint=row.fingerprint, review_status=row.review_status, source_fingerprint=row.source_fingerprint,
            minor=True, author=author, note=f"{note} (vorher/before: {before})"[:500],
        ))
        refresh_statuses(session, offer_id, session.get(Offer, offer_id).region_id)
        marked += 1
    return marked


def _output_path(out: Path, names: list[str], region_slug: str, source: str, target: str, bundle: bool) -> Path:
    out = Path(out)
    if out.suffix.lower() in (".zip", ".xliff", ".xlf"):
        return out
    if bundle:
        stamp = datetime.now().strftime("%Y-%m-%d_%H-%M")
        return out / f"{region_slug}_{stamp}_{source}_{target}.zip"
    return out / names[0]


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
        raise LotseError(f"XLIFF-Version {version} gibt es nicht; möglich sind 1.2 und 2.0.",
                         f"There is no XLIFF version {version}; use 1.2 or 2.0.")
    with db.transaction() as session:
        region = current_region(session)
        target, source = target_language_or_fail(session, region, language_code)
        if offer_ids is None:
            offer_ids = list(session.exec(
                select(Offer.id).where(Offer.region_id == region.id, Offer.state != "archived").order_by(Offer.id)))
        terms = glossary_terms(db, source.code, target.code)
        files, skipped = build_files(session, region, target, source, list(offer_ids), terms, progress, token)
        region_slug, source_code = region.slug, source.code
    if not files:
        raise LotseError(
            f"Nichts zu exportieren: keines der {len(offer_ids)} Angebote hat einen Text in „{source_code}“.",
            f"Nothing to export: none of the {len(offer_ids)} offers has a text in “{source_code}”.",
        )
    names = [name for name, _ in files]
    out = Path(out)
    if single_file or len(files) == 1:
        data = write_xliff([xf for _, xf in files], version, __version__)
        path = _output_path(out, names, region_slug, source_code, language_code, bundle=False)
        if path.suffix.lower() == ".zip":
            data = zip_bytes([(names[0] if len(files) == 1 else f"{region_slug}_{source_code}_{language_code}.xliff", data)])
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
            marked = _mark_in_translation(session, exported, language_code, author, f"XLIFF-Export {path.name}")
    return XliffExportResult(path=path, files=len(files), offers=exported, marked=marked, skipped=skipped)
