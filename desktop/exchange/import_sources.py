"""Where an import's rows come from and what it knows before reading them: the heading row,
the region's names (categories, organizations, municipalities, postcodes, offers for the
duplicate check) and the mapping this provider's last import used."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from export.safe_input import InputRejected
from export.table import Table, read_table
from models.tables import Category, ContentKind, Municipality, Offer, OfferText, Organization

from ..db import Database
from ..errors import LotseError
from ..regions import current_region, root_language
from . import import_memory
from .cell_reading import Lookups
from .duplicates import entry
from .offer_columns import adjust_mapping, guess_mapping


def remembered_mapping(
    session, region, headers, rows, provider: str | None = None
) -> tuple[dict[int, str], str]:
    """The guessed mapping with what this provider's last import said on top, and the provider."""
    mapping = guess_mapping(headers)
    name = provider if provider is not None else provider_of(headers, rows, mapping)
    kept = import_memory.remembered(session, region.id, import_memory.COLUMN, name)
    try:
        mapping = adjust_mapping(headers, mapping, {h: kept[h] for h in headers if h in kept})
    except ValueError:
        pass  # a remembered field that no longer exists: the guess stands
    return mapping, name


def header_row(table: Table) -> tuple[list[str], list[list[str]], list[int], int]:
    """The heading row is the one among the first ten with the most known headings (a title line
    such as "Angebote Caritas 2026" may come first)."""
    lines = [table.headers, *table.rows[:9]]
    best = max(range(len(lines)), key=lambda i: (len(guess_mapping(lines[i])), -i))
    if best == 0 or len(guess_mapping(lines[best])) <= len(guess_mapping(table.headers)):
        first = table.row_numbers[0] - 1 if table.row_numbers else 1
        return table.headers, table.rows, table.row_numbers, first
    number = table.row_numbers[best - 1]
    return lines[best], table.rows[best:], table.row_numbers[best:], number


def region_lookups(session, region) -> tuple[Lookups, list]:
    categories, names = {}, []
    for c in session.exec(select(Category).where(Category.region_id == region.id)):
        names.append(c.name("de"))
        for name in [c.slug, *c.names.values()]:
            categories[name.casefold().strip()] = c.id
    organizations, org_names = {}, {}
    for o in session.exec(select(Organization).where(Organization.region_id == region.id)):
        org_names[o.id] = o.name
        for name in (o.slug, o.name):
            organizations[name.casefold().strip()] = o.id
    municipalities, postcodes = {}, set()
    for m in session.exec(select(Municipality).where(Municipality.region_id == region.id)):
        municipalities[m.name.casefold()] = m.id
        if m.postcode:
            postcodes.add(m.postcode)
    groups = import_memory.remembered(session, region.id, import_memory.TARGET_GROUP)
    root = root_language(session, region.id)
    query = (
        select(Offer.id, OfferText.title, Offer.organization_id, Offer.street, Offer.postcode, Offer.town)
        .join(OfferText, (OfferText.offer_id == Offer.id) & (OfferText.language_code == root))
        .where(Offer.region_id == region.id, Offer.kind == ContentKind.OFFER.value)
    )
    existing = [
        entry(offer_id, title, org_names.get(org), street, postcode, town)
        for offer_id, title, org, street, postcode, town in session.exec(query)
    ]
    lookups = Lookups(categories, sorted(names), organizations, municipalities, postcodes, groups)
    return lookups, existing


def provider_of(headers: list[str], rows: list[list[str]], mapping: dict[int, str]) -> str:
    """The one organization a file is from, if its Träger column names only one."""
    column = next((i for i, k in mapping.items() if k == "organization"), None)
    if column is None:
        return ""
    names = {r[column].strip() for r in rows if column < len(r) and r[column].strip()}
    return names.pop() if len(names) == 1 else ""


@dataclass
class TableShape:
    headers: list[str]
    sample: list[list[str]]
    mapping: dict[int, str]
    rows: int
    encoding: str


def inspect_table(
    db: Database, path: Path, *, encoding: str = "auto", sheet: str | None = None
) -> TableShape:
    """The headings, the first rows and the mapping (guessed, then as this provider's last import
    had it), for the mapping step."""
    try:
        table = read_table(Path(path), encoding=encoding, sheet=sheet)
    except InputRejected as exc:
        raise LotseError(exc.text) from exc
    headers, rows, _numbers, _first = header_row(table)
    with db.session() as session:
        mapping, _name = remembered_mapping(session, current_region(session), headers, rows)
    return TableShape(headers, rows[:5], mapping, len(rows), table.encoding)
