"""The glossary as files other tools read: TBX (the ``martif`` form of TBX-Basic, as
translate-toolkit, memoQ and Trados read it) and a plain CSV.

An entry is a source term and, per target language, its fixed translation. A term
kept as it is in every language is an entry with only the source language; kept
in one language only, that language repeats the source term.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree as lx

from models.i18n import N_

from .safe_input import InputRejected, Readable, forget, stream_xml
from .table import write_csv

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EVERY = "*"


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    source_language: str = "de"
    target_language: str = EVERY  # "*": every language
    translation: str | None = None  # None: keep as is
    note: str = ""


def write_tbx(entries: list[GlossaryEntry], source_language: str = "de") -> bytes:
    root = lx.Element("martif", {"type": "TBX-Basic", XML_LANG: source_language})
    header = lx.SubElement(root, "martifHeader")
    source = lx.SubElement(lx.SubElement(header, "fileDesc"), "sourceDesc")
    lx.SubElement(source, "p").text = "Lotse glossary"
    body = lx.SubElement(lx.SubElement(root, "text"), "body")
    grouped: dict[tuple[str, str], list[GlossaryEntry]] = {}
    for entry in entries:
        grouped.setdefault((entry.source_language, entry.term), []).append(entry)
    for number, ((language, term), group) in enumerate(sorted(grouped.items()), start=1):
        concept = lx.SubElement(body, "termEntry", {"id": f"t{number}"})
        notes = sorted({e.note for e in group if e.note})
        if notes:
            lx.SubElement(concept, "descrip", {"type": "definition"}).text = "; ".join(notes)
        lang_set = lx.SubElement(concept, "langSet", {XML_LANG: language})
        lx.SubElement(lx.SubElement(lang_set, "tig"), "term").text = term
        for entry in sorted(group, key=lambda e: e.target_language):
            if entry.target_language == EVERY and not entry.translation:
                continue
            lang_set = lx.SubElement(concept, "langSet", {XML_LANG: entry.target_language})
            lx.SubElement(lx.SubElement(lang_set, "tig"), "term").text = entry.translation or term
    return lx.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_tbx(data: bytes, name: str, source_language: str = "de") -> list[GlossaryEntry]:
    """Entries from TBX bytes (see :func:`iter_tbx`)."""
    return list(iter_tbx(io.BytesIO(data), name, source_language))


def iter_tbx(stream: Readable, name: str, source_language: str = "de") -> Iterator[GlossaryEntry]:
    """Entries from TBX (martif, TBX-Basic/-Min; also TBX v3 ``tbx``/``conceptEntry``), read as a
    stream: each concept is dropped once its entries are out, so memory holds one concept, not
    the file and its tree."""
    checked = False
    for element in stream_xml(stream, name):
        if not checked:
            root = _local(element.getroottree().getroot().tag)
            if root not in ("martif", "tbx"):
                raise InputRejected(
                    N_("“{name}” is not a TBX file (root element <{local}>).", name=name, local=root),
                )
            checked = True
        if _local(element.tag) in ("termEntry", "conceptEntry"):
            yield from _concept(element, source_language)
            forget(element)


def _concept(concept, source_language: str) -> list[GlossaryEntry]:
    terms: dict[str, str] = {}
    for lang_set in concept:
        if _local(lang_set.tag) not in ("langSet", "langSec"):
            continue
        language = (lang_set.get(XML_LANG) or "").split("-")[0].lower()
        for element in lang_set.iter():
            if _local(element.tag) == "term" and "".join(element.itertext()).strip():
                terms.setdefault(language, "".join(element.itertext()).strip())
                break
    note = "; ".join(
        "".join(d.itertext()).strip()
        for d in concept
        if _local(d.tag) in ("descrip", "note") and "".join(d.itertext()).strip()
    )
    term = terms.pop(source_language, None)
    if not term:
        return []
    entries = []
    if not terms:
        entries.append(GlossaryEntry(term, source_language, EVERY, None, note))
    for language, translation in sorted(terms.items()):
        entries.append(
            GlossaryEntry(term, source_language, language, None if translation == term else translation, note)
        )
    return entries


CSV_HEADERS = ("term", "target_language", "translation", "note")


def write_glossary_csv(entries: list[GlossaryEntry]) -> bytes:
    return write_csv(
        list(CSV_HEADERS), [[e.term, e.target_language, e.translation or "", e.note] for e in entries]
    )


def read_glossary_csv(
    text: str | Iterable[str], source_language: str = "de"
) -> Iterator[tuple[int, GlossaryEntry | None, str]]:
    """(line, entry, problem code) per row, as the rows are read (``text`` may be a text stream);
    a row with a problem has no entry."""
    if isinstance(text, str):
        text = io.StringIO(text, newline="")
    lines = iter(text)
    first = next(lines, "")
    if not first:
        return
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    header = next(rows, None)
    if header is None:
        return
    headers = [h.strip().lstrip("\ufeff").lower() for h in header]
    aliases = {
        "begriff": "term",
        "term": "term",
        "sprache": "target_language",
        "target_language": "target_language",
        "language": "target_language",
        "übersetzung": "translation",
        "translation": "translation",
        "notiz": "note",
        "note": "note",
    }
    index = {aliases[h]: i for i, h in enumerate(headers) if h in aliases}
    if "term" not in index:
        raise InputRejected(
            N_("The glossary table needs a column “term”."),
        )
    for number, row in enumerate(rows, start=2):
        get = lambda key, row=row: row[index[key]].strip() if key in index and index[key] < len(row) else ""  # noqa: E731
        if not any(cell.strip() for cell in row):
            continue
        term, language, translation = (
            get("term"),
            (get("target_language") or EVERY).lower(),
            get("translation"),
        )
        if not term:
            yield number, None, "term_missing"
        elif language == EVERY and translation:
            yield number, None, "translation_needs_language"
        else:
            yield number, GlossaryEntry(term, source_language, language, translation or None, get("note")), ""
