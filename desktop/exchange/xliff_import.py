"""Import XLIFF files that come back from a translation agency.

Two steps, so nothing is saved before the user has seen it:

1. :func:`preview_xliff_import` reads the files (1.2 or 2.0, from Lotse,
   Integreat, memoQ, Trados or OmegaT; a single file or a zip) and lists one
   :class:`TextChange` per offer and language with the old and new text, a word
   diff, and what is wrong: unknown offers or units, inline tags that do not
   match the source, the engine's checks, a source that changed since the export
   (the text is then stored as outdated). Files for another region or a language
   the region does not serve are rejected as a whole.
2. :func:`apply_xliff_import` stores the accepted texts as ``approved`` by the
   agency, in one transaction: all accepted texts or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import select

from export.safe_archive import XLIFF_ZIP_LIMITS, SafeArchive, read_bounded, safe_member_name
from export.safe_input import MAX_XML_BYTES, MAX_ZIP_TOTAL_BYTES, InputRejected
from export.xliff import XFile, field_of, parse_file_name, read_xliff
from models.i18n import N_, Text
from models.meaning import DiffSpan, word_diff
from models.richtext import clean_html, clean_plain, fingerprint, html_to_text, normalise_for_fingerprint
from models.status import Status
from models.tables import Offer, OfferText
from models.validation import check_text

from ..db import Database
from ..errors import ConflictError, LotseError
from ..offers import save_translation
from ..regions import current_region, region_languages
from ..tasks import CancelToken, no_progress
from ..translation.checks import check_translation
from ..translation.glossary import terms_for
from ..translation.text_parts import area_index, flat_parts, values_from_flat
from .engine import terms_in
from .xliff_export import part_of_unit

FIELDS = ("title", "summary", "content")
LABELS = {"title": N_("Title"), "summary": N_("Summary"), "content": N_("Content"), "cost": N_("Cost")}


def part_label(name: str) -> Text:
    """A part by its label: "Title", "Cost", "Area of responsibility 2" (the second contact's)."""
    index = area_index(name)
    if index is None:
        return LABELS[name]
    return N_("Area of responsibility {number}", number=index + 1)


XLIFF_SUFFIXES = (".xliff", ".xlf", ".xlf2", ".sdlxliff", ".mqxliff")


class ImportRejected(LotseError):
    pass


@dataclass(frozen=True)
class Finding:
    code: str
    text: Text
    blocking: bool = False  # the text cannot be accepted
    severity: str = "warning"  # "error": not accepted unless the user ticks it

    def message(self, language: str | None = None) -> str:
        return self.text.render(language)

    @property
    def en(self) -> str:
        return self.text.render("en")


@dataclass
class TextChange:
    offer_id: int
    language_code: str
    file_label: str
    offer_title: str = ""
    old: dict[str, str] = field(default_factory=dict)
    new: dict[str, str] = field(default_factory=dict)
    old_version: int = 0
    old_status: str = Status.MISSING.value
    source_current: bool = True
    source_fingerprint: str | None = None
    findings: list[Finding] = field(default_factory=list)
    accepted: bool = True

    @property
    def blocked(self) -> bool:
        return any(f.blocking for f in self.findings)

    @property
    def unchanged(self) -> bool:
        return (
            bool(self.new)
            and all(self.old.get(k, "") == self.new.get(k, "") for k in {*FIELDS, *self.old, *self.new})
            and self.old_status == Status.APPROVED.value
        )

    def diff(self, name: str) -> list[DiffSpan]:
        old, new = self.old.get(name, ""), self.new.get(name, "")
        if name == "content":
            old, new = html_to_text(old), html_to_text(new)
        return word_diff(old, new)


@dataclass
class XliffImportPreview:
    files: list[str]
    changes: list[TextChange]
    untranslated: int = 0  # files or units with no translation in them
    version: str = ""

    @property
    def accepted(self) -> list[TextChange]:
        return [c for c in self.changes if c.accepted and not c.blocked and not c.unchanged]


@dataclass
class XliffImportResult:
    saved: int
    outdated: int
    agency: str


def _reject(text: Text) -> ImportRejected:
    return ImportRejected(text)


def read_documents(path: Path) -> list[tuple[str, object]]:
    """(label, XDocument) for a file or every XLIFF file in a zip; InputRejected becomes ImportRejected.

    Sizes are checked before reading (a 4 GB file is refused at once); a zip goes through the
    one safe-archive reader, and each member is parsed as it is unpacked, so at most one
    member's bytes are in memory beside the documents read so far."""
    path = Path(path)
    try:
        if not path.is_file():
            raise _reject(N_("There is no file “{path}”.", path=path))
        if path.suffix.lower() != ".zip":
            return [(path.name, read_xliff(read_bounded(path, MAX_XML_BYTES), path.name))]
        with SafeArchive(path, XLIFF_ZIP_LIMITS, path_limit=MAX_ZIP_TOTAL_BYTES) as archive:
            documents = [
                (safe_member_name(info.filename, archive.name), read_xliff(archive.read(info), info.filename))
                for info in archive.members(XLIFF_SUFFIXES)
            ]
        if not documents:
            raise _reject(N_("The archive “{name}” holds no XLIFF file.", name=path.name))
        return documents
    except InputRejected as exc:
        raise _reject(exc.text) from exc


def _match_language(tag: str, languages) -> object | None:
    tag = (tag or "").strip()
    low = tag.lower().replace("_", "-")
    for rl in languages:
        if rl.bcp47_tag.lower() == low or rl.code.lower() == low:
            return rl
    head = low.split("-")[0]
    # "ar-MA" (Integreat's Arabic) is ar; "fa-IR" is fa, not Dari (fa-AF), whose code differs.
    for candidates in (
        [rl for rl in languages if rl.code.lower() == head],
        [rl for rl in languages if rl.bcp47_tag.lower().split("-")[0] == head],
    ):
        if len(candidates) == 1:
            return candidates[0]
    return None


def _offer_id(xf: XFile) -> int | None:
    if xf.original.strip().isdigit():
        return int(xf.original.strip())
    parsed = parse_file_name(xf.label)
    return int(parsed["offer"]) if parsed else None


def _check_file(xf: XFile, region, languages, tree) -> str:
    """The target language code of a file, or ImportRejected saying why the file is not for us."""
    file_region = xf.region or (parse_file_name(xf.label) or {}).get("region")
    if file_region and file_region != region.slug:
        raise _reject(
            N_(
                "“{label}” belongs to the region “{file_region}”; this database holds "
                "“{slug}”. Nothing was saved.",
                label=xf.label,
                file_region=file_region,
                slug=region.slug,
            ),
        )
    target = _match_language(xf.target_language, languages)
    if target is None:
        raise _reject(
            N_(
                "“{label}” is a translation into “{value}”, a language the region "
                "does not have. Nothing was saved.",
                label=xf.label,
                value=xf.target_language or "?",
            ),
        )
    if tree.get(target.code) is None:
        raise _reject(
            N_(
                "“{label}” translates into the source language “{code}”; that is "
                "not possible. Nothing was saved.",
                label=xf.label,
                code=target.code,
            ),
        )
    source = _match_language(xf.source_language, languages)
    if source is None or source.code != tree[target.code]:
        raise _reject(
            N_(
                "“{label}” was translated from “{value}”, but “{code}” is translated "
                "from “{value2}”. Nothing was saved.",
                label=xf.label,
                value=xf.source_language or "?",
                code=target.code,
                value2=tree[target.code],
            ),
        )
    return target.code


# Target states that say nobody has finished the unit yet.
OPEN_STATES = frozenset(
    {
        "new",
        "needs-translation",
        "initial",
        "needs-review-translation",
        "needs-adaptation",
        "needs-l10n",
        "needs-review-adaptation",
        "needs-review-l10n",
    }
)


def _untouched(unit, old_value: str, name: str) -> bool:
    """A target nobody worked on: still open, and only a copy of the source or of what we sent."""
    if unit.state not in OPEN_STATES:
        return False
    new = normalise_for_fingerprint(unit.target)
    return new in (normalise_for_fingerprint(unit.source), normalise_for_fingerprint(old_value))


def _clean(name: str, value: str) -> str:
    return clean_html(value) if name == "content" else clean_plain(value)


class _Loaded:
    """The offers and texts an import touches, read in two queries instead of two per file."""

    def __init__(self, session, offer_ids: list[int], language_codes: set[str]):
        ids = sorted(set(offer_ids))
        # id and region are all a preview needs of an offer: plain rows, no ORM objects
        self.offers = (
            {o.id: o for o in session.exec(select(Offer.id, Offer.region_id).where(Offer.id.in_(ids)))}
            if ids
            else {}
        )
        self.texts: dict[int, dict[str, Any]] = {}  # rows with the text's fields as attributes
        # Only the languages in the files and their sources: at 15 languages the others were
        # six rows in seven, and reading them took most of a whole-region preview.
        query = select(
            OfferText.offer_id,
            OfferText.language_code,
            OfferText.title,
            OfferText.summary,
            OfferText.content,
            OfferText.cost,
            OfferText.contact_areas,
            OfferText.version,
            OfferText.status,
            OfferText.fingerprint,
        ).where(OfferText.offer_id.in_(ids), OfferText.language_code.in_(sorted(language_codes)))
        for text in session.exec(query) if ids else []:
            self.texts.setdefault(text.offer_id, {})[text.language_code] = text


def _build_change(
    db, xf: XFile, code: str, source_code: str, region, terms_cache: dict, loaded: _Loaded
) -> TextChange | None:
    offer_id = _offer_id(xf)
    change = TextChange(offer_id=offer_id or 0, language_code=code, file_label=xf.label)
    offer = loaded.offers.get(offer_id) if offer_id else None
    if offer is None or offer.region_id != region.id:
        change.findings.append(
            Finding(
                "unknown_offer",
                N_(
                    "There is no offer “{original}” in this region (file “{label}”).",
                    original=xf.original,
                    label=xf.label,
                ),
                blocking=True,
            )
        )
        change.accepted = False
        return change
    texts = loaded.texts.get(offer.id, {})
    source, target = texts.get(source_code), texts.get(code)
    change.offer_title = source.title if source else ""
    if target is not None:
        change.old = flat_parts(target)
        change.old_version, change.old_status = target.version, target.status
    change.new = dict(change.old) or {name: "" for name in FIELDS}
    stored_source = flat_parts(source)
    file_source = dict(stored_source)
    translated = 0
    for unit in xf.units:
        name = part_of_unit(unit.id) or field_of(unit.id)
        if name is None:
            change.findings.append(
                Finding(
                    "unknown_unit",
                    N_(
                        "Lotse does not know the unit “{id}” "
                        "(expected: title, summary, content, cost, area-1 …).",
                        id=unit.id,
                    ),
                    blocking=True,
                )
            )
            continue
        if unit.problems:
            change.findings.append(
                Finding(
                    "inline_tags",
                    N_(
                        "{field}: the formatting tags do not match the source ({items}).",
                        field=part_label(name),
                        items="; ".join(unit.problems),
                    ),
                    blocking=True,
                )
            )
            continue
        if unit.target is None or not unit.target.strip():
            continue
        if _untouched(unit, change.old.get(name, ""), name):
            continue
        translated += 1
        file_source[name] = _clean(name, unit.source)
        change.new[name] = _clean(name, unit.target)
        current = stored_source.get(name, "")
        if normalise_for_fingerprint(unit.source) != normalise_for_fingerprint(current):
            change.source_current = False
    if translated == 0 and not change.findings:
        return None
    if source is None or not (source.title or source.content):
        change.findings.append(
            Finding(
                "no_source",
                N_(
                    "Offer {id} no longer has a text in “{source_code}”.",
                    id=offer.id,
                    source_code=source_code,
                ),
                blocking=True,
            )
        )
    elif change.source_current:
        change.source_fingerprint = source.fingerprint
    else:
        made_from = values_from_flat(file_source)
        change.source_fingerprint = fingerprint(
            made_from["title"],
            made_from["summary"],
            made_from["content"],
            made_from["cost"],
            made_from["contact_areas"],
        )
        change.findings.append(
            Finding(
                "source_changed",
                N_("The source changed since the export; the text is stored as outdated."),
            )
        )
    for problem in check_text(
        change.new.get("title"), change.new.get("summary"), change.new.get("content"), draft=True
    ):
        change.findings.append(Finding(problem.code, problem.text(), blocking=True))
    if source is not None:
        key = (source_code, code)
        if key not in terms_cache:
            terms_cache[key] = terms_for(db, source_code, code)
        for name in change.new:
            if not change.new.get(name) or change.new.get(name) == change.old.get(name):
                continue
            src_value = stored_source.get(name, "")
            for note in check_translation(
                src_value, change.new[name], code, terms_in(src_value, terms_cache[key])
            ):
                change.findings.append(
                    Finding(
                        note.code,
                        N_("{field}: {finding}", field=part_label(name), finding=note.text),
                        severity=note.severity,
                    )
                )
    change.accepted = (
        not change.blocked
        and not change.unchanged
        and not any(f.severity == "error" for f in change.findings)
    )
    return change


def preview_xliff_import(
    db: Database, path: Path, *, progress=no_progress, token: CancelToken | None = None
) -> XliffImportPreview:
    documents = read_documents(Path(path))
    preview = XliffImportPreview(
        files=[label for label, _ in documents],
        changes=[],
        version=",".join(sorted({d.version for _, d in documents})),
    )
    seen: dict[tuple[int, str], str] = {}
    terms_cache: dict = {}
    with db.transaction() as session:
        region = current_region(session)
        languages = region_languages(session, region.id)
        tree = {rl.code: rl.source_code for rl in languages}
        all_files = [xf for _, doc in documents for xf in doc.files]
        if not all_files:
            raise _reject(N_("The XLIFF file holds no <file> sections."))
        codes = [_check_file(xf, region, languages, tree) for xf in all_files]  # rejects before anything else
        loaded = _Loaded(
            session,
            [i for i in map(_offer_id, all_files) if i is not None],
            set(codes) | {tree[code] for code in codes if tree[code]},
        )
        for index, (xf, code) in enumerate(zip(all_files, codes, strict=True)):
            if token is not None:
                token.raise_if_cancelled()
            change = _build_change(db, xf, code, tree[code], region, terms_cache, loaded)
            progress(index + 1, len(all_files), xf.label)
            if change is None:
                preview.untranslated += 1
                continue
            key = (change.offer_id, code)
            if change.offer_id and key in seen:
                change.findings.append(
                    Finding(
                        "duplicate",
                        N_(
                            "Offer {offer_id} is also in “{value}”; only the first file counts.",
                            offer_id=change.offer_id,
                            value=seen[key],
                        ),
                        blocking=True,
                    )
                )
                change.accepted = False
            else:
                seen[key] = xf.label
            preview.changes.append(change)
    return preview


def apply_xliff_import(
    db: Database,
    preview: XliffImportPreview,
    *,
    author: str,
    agency: str,
    progress=no_progress,
    token: CancelToken | None = None,
) -> XliffImportResult:
    """Store the accepted texts as approved by ``agency``, all in one transaction."""
    agency = (agency or "").strip()
    if not agency:
        raise LotseError(
            N_("Please name the agency or person who translated."),
        )
    chosen = preview.accepted
    saved = outdated = 0
    with db.transaction() as session:
        for index, change in enumerate(chosen):
            if token is not None:
                token.raise_if_cancelled()
            row = session.exec(
                select(OfferText).where(
                    OfferText.offer_id == change.offer_id, OfferText.language_code == change.language_code
                )
            ).first()
            if (row.version if row else 0) != change.old_version:
                raise ConflictError(
                    N_(
                        "The text of offer {offer_id} in “{language_code}”",
                        offer_id=change.offer_id,
                        language_code=change.language_code,
                    ),
                    row.updated_by if row else "?",
                    row.updated_at if row else None,
                )
            text = save_translation(
                session,
                session.get(Offer, change.offer_id),
                change.language_code,
                values_from_flat(change.new),
                author=author,
                review_status=Status.APPROVED.value,
                source_fingerprint=change.source_fingerprint,
                provider=f"xliff:{agency}"[:40],
                reviewed_by=agency[:200],
                overwrite_reviewed=True,
                note=f"XLIFF-Import {change.file_label} ({agency})"[:500],
            )
            saved += 1
            outdated += text.status == Status.OUTDATED.value
            progress(index + 1, len(chosen), change.offer_title)
    return XliffImportResult(saved=saved, outdated=outdated, agency=agency)
