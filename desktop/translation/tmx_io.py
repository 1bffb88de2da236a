"""The translation memory as TMX: exported for other tools, imported from them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from export.tmx import TmxError, TranslationUnit, read_tmx, write_tmx
from models.i18n import N_
from models.richtext import has_markup

from .. import __version__
from ..db import Database
from ..errors import LotseError
from . import memory
from .protect import find_protected


def export_memory(db: Database, path, *, source: str | None = None, target: str | None = None) -> int:
    rows = memory.all_entries(db, source, target)
    units = [
        TranslationUnit(
            r.source_language,
            r.target_language,
            r.source_text or r.source_masked,
            r.target_text or r.target_masked,
            r.created_at,
            r.provider,
            {"x-lotse-provider": r.provider} if r.provider else {},
        )
        for r in rows
    ]
    try:
        write_tmx(path, units, source_language=source or "de", tool_version=__version__)
    except OSError as exc:
        raise LotseError(
            N_("The TMX file could not be written: {value}.", value=exc.strerror or exc),
        ) from None
    return len(units)


@dataclass
class ImportResult:
    added: int = 0
    known: int = 0
    skipped: int = 0  # protected values of the source not found in the target
    unusable: int = 0  # no language tag Lotse can use, or the same language on both sides
    markup: int = 0  # source or target held markup (<script>, <img …>): refused at the door


_LANGUAGE = re.compile(r"[a-z]{2,3}")


def base_language(tag: str) -> str | None:
    """'de-DE', 'de_DE', 'DE' -> 'de'; None for what is not a language tag ('', '*all*', '<b>')."""
    base = tag.replace("_", "-").split("-")[0].strip().lower()
    return base if _LANGUAGE.fullmatch(base) else None


def _mask_pair(source: str, target: str) -> tuple[str, str] | None:
    """The same placeholders in both, or None if a protected value is missing in the target."""
    masked_source, masked_target, number = [], target, 0
    position = 0
    for match in find_protected(source):
        number += 1
        token = f"⟦{number}⟧"
        masked_source.append(source[position : match.start] + token)
        position = match.end
        if match.value not in masked_target:
            return None
        masked_target = masked_target.replace(match.value, token, 1)
    masked_source.append(source[position:])
    return "".join(masked_source), masked_target


def _group(
    unit: TranslationUnit, result: ImportResult, grouped: dict[tuple[str, str], list[memory.Entry]]
) -> tuple[str, str] | None:
    """One unit into the entries to store per pair of languages (which pair), or counted as left out."""
    source, target = base_language(unit.source_language), base_language(unit.target_language)
    if source is None or target is None or source == target:
        result.unusable += 1
        return None
    if has_markup(unit.source) or has_markup(unit.target):
        # A TMX segment is plain text (inline codes are elements, dropped when read); markup
        # written as text would come out of the memory into translations, visibly broken.
        result.markup += 1
        return None
    pair = _mask_pair(unit.source.strip(), unit.target.strip())
    if pair is None or not pair[1]:
        result.skipped += 1
        return None
    provider = unit.properties.get("x-lotse-provider") or unit.creator or "tmx"
    grouped.setdefault((source, target), []).append(
        memory.Entry(pair[0], pair[1], unit.source.strip(), unit.target.strip(), provider[:40])
    )
    return (source, target)


# Entries stored per statement: a whole file's rows at once cost ten times the file in memory.
BATCH = 2000


def _store(session, pair: tuple[str, str], entries: list[memory.Entry], result: ImportResult) -> None:
    added = memory.store_in(session, pair[0], pair[1], entries)
    result.added += added
    result.known += len({memory.memory_key(e.source_masked) for e in entries}) - added
    entries.clear()


def import_memory(db: Database, path) -> ImportResult:
    """Store a TMX file's pairs in the memory, all or none (one transaction). The file is read as
    a stream, unit by unit, and stored in batches: memory holds one batch per pair of languages,
    not the file, its tree or all its entries."""
    result = ImportResult()
    grouped: dict[tuple[str, str], list[memory.Entry]] = {}
    try:
        with db.transaction() as session:
            for unit in read_tmx(path):
                pair = _group(unit, result, grouped)
                if pair is not None and len(grouped[pair]) >= BATCH:
                    _store(session, pair, grouped[pair], result)
            for pair, entries in grouped.items():
                _store(session, pair, entries, result)
    except TmxError as exc:
        raise LotseError(N_("The TMX file cannot be read: {reason}", reason=exc.text)) from None
    except OSError as exc:
        raise LotseError(N_("The TMX file cannot be read: {exc}.", exc=str(exc))) from None
    return result
