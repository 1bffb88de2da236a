"""Import offers from a CSV or Excel file: map the columns, check every row, then save.

:func:`preview_offer_import` reads the file and checks every row with the
editor's validation (``models.validation``), finds duplicates (same title and
address, in the database or earlier in the file) and says for each rejected row
why. Nothing is saved until :func:`apply_offer_import` runs, which creates the
accepted offers as drafts in one transaction.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

from export.safe_input import InputRejected
from export.table import Table, read_table
from models.richtext import clean_html
from models.slugs import slugify, unique_slug
from models.tables import Category, ContentKind, Municipality, Offer, OfferText, Organization
from models.validation import check_offer_facts, check_text

from ..db import Database
from ..errors import LotseError
from ..offers import create_offer
from ..regions import current_region, root_language
from ..tasks import CancelToken, no_progress
from .offer_columns import (
    BY_KEY,
    BadValue,
    guess_mapping,
    parse_bool,
    parse_date,
    parse_float,
    parse_languages,
    parse_target_groups,
)


@dataclass(frozen=True)
class Note:
    de: str
    en: str

    def message(self, language: str = "de") -> str:
        return self.en if language == "en" else self.de


@dataclass
class RowResult:
    number: int  # the line in the file (1 = headings)
    values: dict[str, str]  # field key -> text as read
    facts: dict = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    organization_name: str | None = None  # a new organization to create
    errors: list[Note] = field(default_factory=list)
    warnings: list[Note] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class OfferImportPreview:
    file: str
    headers: list[str]
    mapping: dict[int, str]
    sample: list[list[str]]
    rows: list[RowResult]

    @property
    def accepted(self) -> list[RowResult]:
        return [r for r in self.rows if r.ok]

    @property
    def rejected(self) -> list[RowResult]:
        return [r for r in self.rows if not r.ok]

    def report(self, language: str = "de") -> list[str]:
        """One line per rejected row: the line number and every reason."""
        word = "Zeile" if language == "de" else "Row"
        return [
            f"{word} {r.number}: " + "; ".join(e.message(language) for e in r.errors) for r in self.rejected
        ]


@dataclass
class OfferImportResult:
    created: list[int]
    organizations: int


def _key(title: str, street: str | None, postcode: str | None) -> tuple[str, str]:
    norm = lambda s: re.sub(r"\s+", " ", (s or "").casefold()).strip()  # noqa: E731
    address = norm(street).replace("straße", "str").replace("strasse", "str").replace("str.", "str")
    return norm(title), f"{address}|{norm(postcode)}"


def _content_html(text: str) -> str:
    if re.search(r"</?(p|ul|ol|li|br|strong|em|b|i|a)\b", text, re.IGNORECASE):
        return clean_html(text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\r\n\s*\r\n", text) if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


class _Lookups:
    def __init__(self, session, region):
        self.categories = {}
        for c in session.exec(select(Category).where(Category.region_id == region.id)):
            for name in [c.slug, *c.names.values()]:
                self.categories[name.casefold().strip()] = c.id
        self.organizations = {}
        for o in session.exec(select(Organization).where(Organization.region_id == region.id)):
            for name in (o.slug, o.name):
                self.organizations[name.casefold().strip()] = o.id
        self.municipalities = {
            m.name.casefold(): m.id
            for m in session.exec(select(Municipality).where(Municipality.region_id == region.id))
        }
        self.category_names = sorted(
            {c.name("de") for c in session.exec(select(Category).where(Category.region_id == region.id))}
        )
        root = root_language(session, region.id)
        self.existing: dict[tuple[str, str], int] = {}
        query = (
            select(Offer.id, OfferText.title, Offer.street, Offer.postcode)
            .join(OfferText, (OfferText.offer_id == Offer.id) & (OfferText.language_code == root))
            .where(Offer.region_id == region.id, Offer.kind == ContentKind.OFFER.value)
        )
        for offer_id, title, street, postcode in session.exec(query):
            self.existing.setdefault(_key(title, street, postcode), offer_id)


def _row(number: int, values: dict[str, str], lookups: _Lookups, bbox) -> RowResult:
    row = RowResult(number=number, values=values)
    facts: dict = {"state": "draft"}

    def label(key: str) -> str:
        return BY_KEY[key].de

    try:
        for key, parse in (
            ("latitude", parse_float),
            ("longitude", parse_float),
            ("valid_from", parse_date),
            ("valid_until", parse_date),
            ("barrier_free", parse_bool),
            ("target_groups", parse_target_groups),
            ("languages_spoken", parse_languages),
        ):
            if values.get(key):
                facts[key] = parse(values[key], label(key))
    except BadValue as exc:
        row.errors.append(Note(exc.de, exc.en))
    for key in ("street", "postcode", "town", "appointment_url", "cost", "internal_notes"):
        if values.get(key):
            facts[key] = values[key]
    contact = {
        k: values.get(src) or None
        for k, src in (
            ("name", "contact_name"),
            ("email", "email"),
            ("phone", "phone"),
            ("website", "website"),
        )
    }
    if any(contact.values()):
        facts["contacts"] = [contact]
    category = values.get("category", "")
    if category:
        facts["category_id"] = lookups.categories.get(category.casefold())
        if facts["category_id"] is None:
            row.errors.append(
                Note(
                    f"Kategorie „{category}“ gibt es nicht (vorhanden: {', '.join(lookups.category_names)}).",
                    f"There is no category “{category}” (known: {', '.join(lookups.category_names)}).",
                )
            )
    organization = values.get("organization", "")
    if organization:
        facts["organization_id"] = lookups.organizations.get(organization.casefold())
        if facts["organization_id"] is None:
            row.organization_name = organization
            row.warnings.append(
                Note(
                    f"Neuer Träger „{organization}“ wird angelegt.",
                    f"A new organization “{organization}” will be created.",
                )
            )
    municipality = values.get("municipality") or ""
    if municipality:
        facts["municipality_id"] = lookups.municipalities.get(municipality.casefold())
        if facts["municipality_id"] is None:
            row.warnings.append(
                Note(
                    f"Kommune „{municipality}“ ist nicht in der Region; das Feld bleibt leer.",
                    f"The municipality “{municipality}” is not in the region; the field stays empty.",
                )
            )
    row.text = {
        "title": values.get("title", ""),
        "summary": values.get("summary", ""),
        "content": _content_html(values.get("content", "")),
    }
    from ..offers import normalise_facts

    try:
        row.facts = normalise_facts(facts)
    except ValueError as exc:
        row.errors.append(Note(f"Ungültiger Wert: {exc}", f"Invalid value: {exc}"))
        return row
    problems = check_offer_facts(row.facts, bbox, draft=True) + check_text(
        row.text["title"], row.text["summary"], row.text["content"], draft=True
    )
    row.errors += [Note(p.message("de"), p.message("en")) for p in problems]
    return row


@dataclass
class TableShape:
    headers: list[str]
    sample: list[list[str]]
    mapping: dict[int, str]
    rows: int


def inspect_table(path: Path, *, encoding: str = "auto", sheet: str | None = None) -> TableShape:
    """The headings, the first rows and a guessed mapping, for the mapping step."""
    try:
        table = read_table(Path(path), encoding=encoding, sheet=sheet)
    except InputRejected as exc:
        raise LotseError(exc.de, exc.en) from exc
    return TableShape(
        headers=table.headers,
        sample=table.rows[:5],
        mapping=guess_mapping(table.headers),
        rows=len(table.rows),
    )


def preview_offer_import(
    db: Database,
    path: Path,
    *,
    mapping: dict[int, str] | None = None,
    encoding: str = "auto",
    sheet: str | None = None,
    progress=no_progress,
    token: CancelToken | None = None,
) -> OfferImportPreview:
    """Read and check every row; nothing is saved."""
    try:
        table: Table = read_table(Path(path), encoding=encoding, sheet=sheet)
    except InputRejected as exc:
        raise LotseError(exc.de, exc.en) from exc
    mapping = dict(guess_mapping(table.headers) if mapping is None else mapping)
    if "title" not in mapping.values():
        raise LotseError(
            f"Keine Spalte ist dem Titel zugeordnet (Spalten: {', '.join(table.headers)}). Ordnen Sie die Spalten zu.",
            f"No column is mapped to the title (columns: {', '.join(table.headers)}). Map the columns.",
        )
    preview = OfferImportPreview(
        file=Path(path).name, headers=table.headers, mapping=mapping, sample=table.rows[:5], rows=[]
    )
    with db.transaction() as session:
        region = current_region(session)
        lookups = _Lookups(session, region)
        seen: dict[tuple[str, str], int] = {}
        for index, (number, cells) in enumerate(zip(table.row_numbers, table.rows)):
            if token is not None and index % 50 == 0:
                token.raise_if_cancelled()
            values = {key: cells[i].strip() if i < len(cells) else "" for i, key in mapping.items()}
            row = _row(number, values, lookups, region.bounding_box)
            key = _key(row.text["title"], row.facts.get("street"), row.facts.get("postcode"))
            if row.text["title"]:
                if key in lookups.existing:
                    row.errors.append(
                        Note(
                            f"Doppelt: gleicher Titel und gleiche Adresse wie Angebot {lookups.existing[key]}.",
                            f"Duplicate: same title and address as offer {lookups.existing[key]}.",
                        )
                    )
                elif key in seen:
                    row.errors.append(
                        Note(
                            f"Doppelt: gleicher Titel und gleiche Adresse wie Zeile {seen[key]}.",
                            f"Duplicate: same title and address as row {seen[key]}.",
                        )
                    )
                else:
                    seen[key] = number
            preview.rows.append(row)
            progress(index + 1, len(table.rows), row.text["title"])
    return preview


def apply_offer_import(
    db: Database,
    preview: OfferImportPreview,
    *,
    author: str,
    progress=no_progress,
    token: CancelToken | None = None,
) -> OfferImportResult:
    """Create the accepted rows as draft offers, all in one transaction."""
    rows = preview.accepted
    created: list[int] = []
    new_orgs: dict[str, int] = {}
    with db.transaction() as session:
        region = current_region(session)
        root = root_language(session, region.id)
        taken = set(session.exec(select(Organization.slug).where(Organization.region_id == region.id)))
        for index, row in enumerate(rows):
            if token is not None:
                token.raise_if_cancelled()
            facts = dict(row.facts)
            if row.organization_name:
                name = row.organization_name
                if name.casefold() not in new_orgs:
                    slug = unique_slug(slugify(name, fallback="traeger"), taken)
                    taken.add(slug)
                    org = Organization(region_id=region.id, slug=slug, name=name)
                    session.add(org)
                    session.flush()
                    new_orgs[name.casefold()] = org.id
                facts["organization_id"] = new_orgs[name.casefold()]
            offer = create_offer(
                session,
                facts,
                {root: row.text},
                region=region,
                author=author,
                note=f"import {preview.file}, row {row.number}",
            )
            created.append(offer.id)
            progress(index + 1, len(rows), row.text["title"])
    return OfferImportResult(created=created, organizations=len(new_orgs))


def write_report(preview: OfferImportPreview, path: Path, language: str = "de") -> Path:
    """The rejected rows with their reasons, as a text file to send back to whoever made the spreadsheet."""
    from export.safe_input import atomic_write

    lines = [preview.file, ""] + preview.report(language)
    return atomic_write(Path(path), ("\n".join(lines) + "\n").encode("utf-8"))
