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

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from export.xliff import XFile
from models.i18n import N_
from models.revision_notes import stored_note
from models.status import Status
from models.tables import Offer, OfferText

from ..db import Database
from ..errors import ConflictError, LotseError
from ..gc_pause import gc_paused
from ..offers import save_translation
from ..regions import current_region, region_languages
from ..tasks import CancelToken, no_progress
from ..translation.text_parts import values_from_flat
from .xliff_changes import Finding, Loaded, TextChange, build_change
from .xliff_documents import ImportRejected, _reject, check_file, iter_files, offer_id, read_documents

__all__ = ["ImportRejected", "Finding", "TextChange", "read_documents"]


# Files whose offers' texts are read in one query: one query per batch, and the rows of one batch
# in memory beside the changes (all at once, a whole region's texts doubled the peak).
BATCH = 500


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


def preview_xliff_import(
    db: Database, path: Path, *, progress=no_progress, token: CancelToken | None = None
) -> XliffImportPreview:
    """What importing ``path`` would change, one :class:`TextChange` per offer and language.

    Files are read one by one and turned into changes in batches: memory holds the changes and
    one batch of files and texts, not the documents (see :func:`iter_files`). A file for another
    region or language rejects the whole import (ImportRejected), wherever it is."""
    preview = XliffImportPreview(files=[], changes=[])
    versions: set[str] = set()
    seen: dict[tuple[int, str], str] = {}
    terms_cache: dict = {}
    read = 0
    with gc_paused(), db.transaction() as session:  # the changes pile up: see gc_pause
        region = current_region(session)
        languages = region_languages(session, region.id)
        tree = {rl.code: rl.source_code for rl in languages}
        pending: list[tuple[XFile, str]] = []

        def build_batch() -> None:
            codes = {code for _xf, code in pending}
            needed = codes | {source for code in codes if (source := tree[code])}
            loaded = Loaded(session, [i for xf, _code in pending if (i := offer_id(xf)) is not None], needed)
            for xf, code in pending:
                change = build_change(db, xf, code, tree[code], region, terms_cache, loaded)
                xf.units = []  # read: the change holds what it needs
                if change is None:
                    preview.untranslated += 1
                    continue
                _note_duplicate(change, code, xf.label, seen)
                preview.changes.append(change)
            pending.clear()

        for label, document, xf in iter_files(Path(path)):
            if token is not None:
                token.raise_if_cancelled()
            if not preview.files or preview.files[-1] != label:
                preview.files.append(label)
            versions.add(document.version)
            pending.append((xf, check_file(xf, region, languages, tree)))  # rejects the whole import
            read += 1
            progress(read, 0, xf.label)  # how many files there are is known only at the end
            if len(pending) >= BATCH:
                build_batch()
        build_batch()
        if not read:
            raise _reject(N_("The XLIFF file holds no <file> sections."))
    preview.version = ",".join(sorted(versions))
    return preview


def _note_duplicate(change: TextChange, code: str, label: str, seen: dict[tuple[int, str], str]) -> None:
    """A second file for the same offer and language is blocked: only the first counts."""
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
        seen[key] = label


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
                # copies: sqlite3 leaves a UTF-8 copy inside each non-ASCII string it binds, and
                # the preview's strings would carry it for as long as the preview lives
                values_from_flat({name: "".join((value, "")) for name, value in change.new.items()}),
                author=author,
                review_status=Status.APPROVED.value,
                source_fingerprint=change.source_fingerprint,
                provider=f"xliff:{agency}"[:40],
                reviewed_by=agency[:200],
                overwrite_reviewed=True,
                note=stored_note(N_("XLIFF import {file} ({agency})", file=change.file_label, agency=agency)),
            )
            saved += 1
            outdated += text.status == Status.OUTDATED.value
            progress(index + 1, len(chosen), change.offer_title)
            if saved % BATCH == 0:  # written rows leave the session: memory holds one batch of them
                session.flush()
                session.expunge_all()
    return XliffImportResult(saved=saved, outdated=outdated, agency=agency)
