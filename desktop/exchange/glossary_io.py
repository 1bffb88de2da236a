"""The engine's glossary to and from TBX and CSV files, in one transaction per import."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, select

from export.glossary_files import (
    EVERY,
    GlossaryEntry,
    iter_tbx,
    read_glossary_csv,
    write_glossary_csv,
    write_tbx,
)
from export.safe_archive import check_size
from export.safe_input import MAX_XML_BYTES, InputRejected, atomic_write
from export.table import MAX_TABLE_BYTES
from export.text_files import open_text, text_encoding
from models.i18n import N_, Message
from models.richtext import has_markup
from models.tables import GlossaryTerm

from ..changes import note_settings
from ..db import Database
from ..errors import LotseError
from ..regions import current_region, language_tree

PROBLEMS = {
    "term_missing": N_("The term is missing."),
    "markup": N_("The entry holds markup (such as <script>, <img …>); terms are plain text."),
    "translation_needs_language": N_(
        "A fixed translation is for one target language; please give the language."
    ),
}


@dataclass
class GlossaryImportResult:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, Message]] = field(default_factory=list)  # (line or entry number, why)


def _entries(db: Database) -> list[GlossaryEntry]:
    with db.transaction() as session:
        rows = session.exec(select(GlossaryTerm).order_by(GlossaryTerm.term, GlossaryTerm.target_language))
        return [
            GlossaryEntry(r.term, r.source_language, r.target_language, r.translation, r.note) for r in rows
        ]


def export_glossary(db: Database, path: Path) -> int:
    path = Path(path)
    entries = _entries(db)
    if path.suffix.lower() == ".tbx":
        data = write_tbx(entries)
    elif path.suffix.lower() == ".csv":
        data = write_glossary_csv(entries)
    else:
        raise LotseError(
            N_("“{name}”: please use .tbx or .csv as the file ending.", name=path.name),
        )
    atomic_write(path, data)
    return len(entries)


def _read(path: Path, source: str) -> Iterator[tuple[int, GlossaryEntry | None, str]]:
    """The file's rows as they are read (TBX concept by concept, CSV row by row): the size is
    checked before a byte is read, and neither the file nor its tree is held."""
    if path.suffix.lower() == ".tbx":
        check_size(path, MAX_XML_BYTES)
        with open(path, "rb") as stream:
            yield from ((n, e, "") for n, e in enumerate(iter_tbx(stream, path.name, source), start=1))
    elif path.suffix.lower() == ".csv":
        encoding = text_encoding(path, MAX_TABLE_BYTES)
        with open_text(path, MAX_TABLE_BYTES, encoding) as handle:
            yield from read_glossary_csv(handle, source)
    else:
        raise InputRejected(N_("“{name}”: .tbx and .csv are read.", name=path.name))


def import_glossary(db: Database, path: Path) -> GlossaryImportResult:
    """Add or change the file's terms; rows for languages the region does not have are rejected."""
    path = Path(path)
    if not path.is_file():
        raise LotseError(N_("There is no file “{path}”.", path=path))
    result = GlossaryImportResult()
    with db.transaction() as session:
        region = current_region(session)
        tree = language_tree(session, region.id)
        root = next(c for c, s in tree.items() if s is None)
        try:
            _store(session, _read(path, root), tree, root, result)
        except InputRejected as exc:  # the transaction is rolled back: all or nothing
            raise LotseError(exc.text) from exc
        if result.added or result.changed:
            note_settings(session, region.id)  # the glossary is a setting of the region
    return result


def _store(
    session: Session,
    rows: Iterable[tuple[int, GlossaryEntry | None, str]],
    tree: dict[str, str | None],
    root: str,
    result: GlossaryImportResult,
) -> None:
    """Add or change each row's term as it is read."""
    for number, entry, problem in rows:
        if entry is not None and any(
            has_markup(value) for value in (entry.term, entry.translation, entry.note)
        ):
            entry, problem = None, "markup"  # refused at the door, like markup in a title
        if entry is None:
            result.rejected.append((number, PROBLEMS[problem]))
            continue
        if entry.target_language != EVERY and (
            entry.target_language not in tree or entry.target_language == root
        ):
            result.rejected.append(
                (
                    number,
                    N_(
                        "“{term}”: the region has no language “{target_language}”.",
                        term=entry.term,
                        target_language=entry.target_language,
                    ),
                )
            )
            continue
        row = session.exec(
            select(GlossaryTerm).where(
                GlossaryTerm.source_language == entry.source_language,
                GlossaryTerm.target_language == entry.target_language,
                GlossaryTerm.term == entry.term,
            )
        ).first()
        if row is None:
            session.add(
                GlossaryTerm(
                    source_language=entry.source_language,
                    target_language=entry.target_language,
                    term=entry.term[:200],
                    translation=(entry.translation or None) and entry.translation[:200],
                    note=entry.note[:500],
                )
            )
            result.added += 1
        elif (row.translation or None, row.note) != (entry.translation, entry.note or row.note):
            row.translation = entry.translation
            row.note = entry.note or row.note
            session.add(row)
            result.changed += 1
        else:
            result.unchanged += 1
