"""Import offers from a CSV or Excel file: read what people write, name every problem, then save.

:func:`preview_offer_import` reads the file (encoding, delimiter and heading row found),
maps the columns (guessed, then what this provider's last import said, then the user's
changes), reads every row (``cell_reading``) and finds duplicates (``duplicates``). A row
is never refused for a soft reason: the field stays empty and the reason goes with the
offer as a to-do (or, with ``faulty="skip"``, the row is left out). Every problem of every
row comes in one pass. Nothing is saved until :func:`apply_offer_import`, which writes in
batches inside one transaction: a failure or a cancel leaves no half import behind.
"""

from __future__ import annotations

import pickle
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

from export.safe_input import InputRejected
from export.table import Table, read_table
from models.i18n import N_, Joined, Message, Verbatim
from models.i18n import language as current_language
from models.slugs import slugify, unique_slug
from models.stored_text import text_to_json
from models.tables import Offer, OfferTodo, Organization
from models.validation import check_offer_facts

from ..changes import note_settings
from ..db import Database
from ..errors import LotseError
from ..offers import OfferWrite, create_offer, write_offer
from ..regions import current_region, root_language
from ..tasks import CancelToken, no_progress
from . import import_memory
from .cell_reading import EMPTIED, FATAL, KEPT, Issue, Lookups, read_row
from .duplicates import DuplicateFinder, entry
from .import_sources import (  # noqa: F401 (re-exported)
    TableShape,
    header_row,
    inspect_table,
    provider_of,
    region_lookups,
    remembered_mapping,
)
from .offer_columns import BY_KEY, IGNORE, adjust_mapping

CREATE, UPDATE, SKIP = "create", "update", "skip"
DUPLICATE_ACTIONS = (SKIP, UPDATE, "keep")
BATCH = 500


class RowResult:
    """One row as the import read it. What only the save needs (the facts and the texts) is kept
    packed (pickled, compressed) and unpacked when read; the cells are the table's (not copied):
    a preview of 20,000 rows held all of them as dicts at about 8 KB a row, five times the file."""

    __slots__ = (
        "number",
        "_packed",
        "organization_name",
        "issues",
        "unknown_groups",
        "duplicate_of",
        "action",
    )

    def __init__(
        self,
        number: int,  # the line in the file as the user sees it
        facts: dict | None = None,
        text: dict[str, str] | None = None,
        organization_name: str | None = None,
        issues: list[Issue] | None = None,
    ):
        self.number = number
        self._packed = _pack((facts or {}, text or {}))
        self.organization_name = organization_name
        self.issues: list[Issue] = issues if issues is not None else []
        self.unknown_groups: list[str] = []
        # ("offer" | "row", id or row number, score)
        self.duplicate_of: tuple[str, int, int] | None = None
        self.action = CREATE

    def parts(self) -> tuple[dict, dict[str, str]]:
        """(facts, text), unpacked once."""
        return _unpack(self._packed)

    @property
    def facts(self) -> dict:
        return _unpack(self._packed)[0]

    @property
    def text(self) -> dict[str, str]:
        return _unpack(self._packed)[1]

    @property
    def ok(self) -> bool:
        return not any(i.kind == FATAL for i in self.issues)

    @property
    def faulty(self) -> bool:
        return any(i.kind == EMPTIED for i in self.issues)


def _pack(value: object) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(packed: bytes):  # noqa: ANN202 - what _pack was given
    return pickle.loads(zlib.decompress(packed))  # noqa: S301 - our own bytes, made above


@dataclass
class OfferImportPreview:
    file: str
    headers: list[str]
    mapping: dict[int, str]
    table: Table
    header_row: int
    provider: str
    lookups: Lookups
    existing: list  # the region's offers as duplicate entries
    rows: list[RowResult] = field(default_factory=list)
    duplicates: str = SKIP
    faulty: str = "draft"  # or "skip": rows with emptied fields left out
    row_duplicates: dict[int, str] = field(default_factory=dict)  # row number -> its own choice

    @property
    def encoding(self) -> str:
        return self.table.encoding

    @property
    def sample(self) -> list[list[str]]:
        return self.table.rows[:5]

    @property
    def accepted(self) -> list[RowResult]:
        return [r for r in self.rows if r.ok and r.action != SKIP]

    @property
    def rejected(self) -> list[RowResult]:
        return [r for r in self.rows if not r.ok or r.action == SKIP]

    def column_of(self, key: str, language: str | None = None) -> str:
        for index, mapped in self.mapping.items():
            if mapped == key:
                return self.headers[index]
        return BY_KEY[key].label(language or current_language()) if key in BY_KEY else key

    def problems(self, language: str | None = None) -> list[tuple[int, str, str, str, str]]:
        """(row, column, value, what is wrong, what to do) for every problem of every row."""
        return [problem for row in self.rows for problem in self.row_problems(row, language)]

    def row_problems(
        self, row: RowResult, language: str | None = None
    ) -> list[tuple[int, str, str, str, str]]:
        out = [
            (row.number, self.column_of(i.field, language), i.value, i.message(language), i.todo(language))
            for i in row.issues
        ]
        if row.duplicate_of:
            what, todo = _duplicate_words(row)
            out.append((row.number, "", "", what.render(language), todo.render(language)))
        return out

    def report(self, language: str | None = None) -> list[str]:
        lines = []
        for number, column, value, what, todo in self.problems(language):
            where = (
                N_("Row {number}, column “{column}”", number=number, column=column)
                if column
                else N_("Row {number}", number=number)
            )
            head = N_("{where} (“{value}”)", where=where, value=value[:60]) if value else where
            lines.append(f"{head.render(language)}: {what}" + (f" → {todo}" if todo else ""))
        return lines


def _duplicate_words(row: RowResult) -> tuple[Message, Message]:
    kind, ref, score = row.duplicate_of  # type: ignore[misc]
    what = (
        N_("Duplicate: like offer {ref} ({score} % alike).", ref=ref, score=score)
        if kind == "offer"
        else N_("Duplicate: like row {ref} ({score} % alike).", ref=ref, score=score)
    )
    todo = {
        SKIP: N_("Skipped."),
        UPDATE: N_("Updates offer {ref}.", ref=ref),
        CREATE: N_("Created anyway."),
    }[row.action]
    return what, todo


@dataclass
class OfferImportResult:
    created: list[int]
    updated: list[int]
    organizations: int
    skipped: list[int]  # row numbers


def preview_offer_import(
    db: Database,
    path: Path,
    *,
    mapping: dict[int, str] | None = None,
    changes: dict[str, str] | None = None,
    provider: str | None = None,
    encoding: str = "auto",
    sheet: str | None = None,
    duplicates: str = SKIP,
    faulty: str = "draft",
    group_answers: dict[str, str] | None = None,
    progress=no_progress,
    token: CancelToken | None = None,
) -> OfferImportPreview:
    """Read and check every row; nothing is saved."""
    try:
        table = read_table(Path(path), encoding=encoding, sheet=sheet)
    except InputRejected as exc:
        raise LotseError(exc.text) from exc
    headers, rows, numbers, header_number = header_row(table)
    with db.transaction() as session:
        region = current_region(session)
        lookups, existing = region_lookups(session, region)
        if mapping is None:
            guessed, name = remembered_mapping(session, region, headers, rows, provider)
        else:
            guessed, name = (
                dict(mapping),
                provider if provider is not None else provider_of(headers, rows, mapping),
            )
    try:
        final = adjust_mapping(headers, guessed, changes or {})
    except ValueError as exc:
        raise LotseError(Verbatim(f"--map: {exc}")) from exc
    if "title" not in final.values():
        raise LotseError(
            N_(
                "No column is mapped to the title (columns: {columns}). Map one, e.g. --map Offer=title.",
                columns=", ".join(headers),
            )
        )
    lookups.remembered_groups.update(group_answers or {})
    preview = OfferImportPreview(
        file=Path(path).name,
        headers=headers,
        mapping=final,
        table=Table(headers, rows, numbers, table.encoding),
        header_row=header_number,
        provider=name,
        lookups=lookups,
        existing=existing,
        duplicates=duplicates,
        faulty=faulty,
    )
    check_rows(preview, bounding_box=region.bounding_box, progress=progress, token=token)
    return preview


def check_rows(preview: OfferImportPreview, *, bounding_box=None, progress=no_progress, token=None) -> None:
    """(Re)read every row of ``preview.table`` (after a cell was edited, too): no database needed."""
    finder = DuplicateFinder()
    for item in preview.existing:
        finder.add(item)
    preview.rows = []
    table = preview.table
    for index, (number, cells) in enumerate(zip(table.row_numbers, table.rows, strict=False)):
        if token is not None and index % 200 == 0:
            token.raise_if_cancelled()
        values = {key: cells[i].strip() if i < len(cells) else "" for i, key in preview.mapping.items()}
        read = read_row(values, preview.lookups)
        _late_checks(read.facts, read.issues, values, bounding_box)
        row = RowResult(number, read.facts, read.text, read.organization_name, read.issues)
        row.unknown_groups = read.unknown_groups
        if row.ok:
            item = entry(
                -number,
                read.text["title"],
                values.get("organization"),
                read.facts.get("street"),
                read.facts.get("postcode"),
                read.facts.get("town"),
            )
            found = finder.find(item)
            if found:
                other, score = found
                row.duplicate_of = (
                    ("row", -other.ref, score) if other.ref < 0 else ("offer", other.ref, score)
                )
                wanted = preview.row_duplicates.get(number, preview.duplicates)
                if wanted == UPDATE and row.duplicate_of[0] == "row":
                    wanted = SKIP  # the row it repeats is not saved yet: nothing to update
                row.action = {SKIP: SKIP, UPDATE: UPDATE}.get(wanted, CREATE)
            else:
                finder.add(item)
        if row.ok and row.faulty and preview.faulty == "skip":
            row.action = SKIP
        preview.rows.append(row)
        if index % 100 == 0 or index + 1 == len(table.rows):
            progress(index + 1, len(table.rows), read.text.get("title", ""))


def _late_checks(facts: dict, issues: list[Issue], values: dict[str, str], bounding_box) -> None:
    """The editor's own checks on what is left (coordinates outside the region, dates in the
    wrong order): the fields concerned are emptied like any other bad value."""
    for problem in check_offer_facts(facts, bounding_box, draft=True):
        fields = {
            "coordinates": ("latitude", "longitude"),
            "validity": ("valid_from", "valid_until"),
        }.get(problem.field, (problem.field,))
        for name in fields:
            facts.pop(name, None)
        key = fields[0] if fields[0] in BY_KEY else "title"
        issues.append(Issue(key, values.get(key, ""), EMPTIED, problem.text()))


def choose_duplicate(preview: OfferImportPreview, row_number: int, action: str, bounding_box=None) -> None:
    """One duplicate row's own choice (skip / update / keep), over the choice for all."""
    if action not in DUPLICATE_ACTIONS:
        raise ValueError(f"unknown choice {action!r}")
    preview.row_duplicates[row_number] = action
    check_rows(preview, bounding_box=bounding_box)


def edit_cell(
    preview: OfferImportPreview, row_number: int, column: int, text: str, bounding_box=None
) -> None:
    """A cell put right in the dialog: the table changes and every row is read again."""
    index = preview.table.row_numbers.index(row_number)
    cells = preview.table.rows[index]  # a copy: the table keeps its rows joined
    cells += [""] * (column + 1 - len(cells))
    cells[column] = text
    preview.table.rows[index] = cells
    check_rows(preview, bounding_box=bounding_box)


def apply_offer_import(
    db: Database,
    preview: OfferImportPreview,
    *,
    author: str,
    progress=no_progress,
    token: CancelToken | None = None,
) -> OfferImportResult:
    """Create (or update) the accepted rows as drafts: in batches, one transaction for all."""
    rows = preview.accepted
    result = OfferImportResult([], [], 0, [r.number for r in preview.rejected])
    new_orgs: dict[str, int] = {}
    with db.transaction() as session:
        region = current_region(session)
        root = root_language(session, region.id)
        org_slugs = set(session.exec(select(Organization.slug).where(Organization.region_id == region.id)))
        offer_slugs = set(session.exec(select(Offer.slug).where(Offer.region_id == region.id)))
        for index, row in enumerate(rows):
            if index % BATCH == 0:
                if token is not None:
                    token.raise_if_cancelled()
                session.flush()
                for written in list(session):  # written rows leave the session: it holds one batch
                    if written is not region:
                        session.expunge(written)
            facts, text = row.parts()
            if row.organization_name:
                key = row.organization_name.casefold()
                if key not in new_orgs:
                    slug = unique_slug(slugify(row.organization_name, fallback="traeger"), org_slugs)
                    org_slugs.add(slug)
                    org = Organization(region_id=region.id, slug=slug, name=row.organization_name)
                    session.add(org)
                    session.flush()
                    new_orgs[key] = org.id
                facts["organization_id"] = new_orgs[key]
            note = f"import {preview.file}, row {row.number}"
            if row.action == UPDATE and row.duplicate_of:
                offer_id = row.duplicate_of[1]
                current = session.get(Offer, offer_id)
                change = OfferWrite(
                    author,
                    facts={k: v for k, v in facts.items() if k != "state"},
                    texts={root: text},
                    validate=False,
                    note=note,
                )
                write_offer(session, offer_id, change, expected_version=current.version)
                result.updated.append(offer_id)
            else:
                offer = create_offer(
                    session,
                    facts,
                    {root: text},
                    region=region,
                    author=author,
                    note=note,
                    taken_slugs=offer_slugs,
                )
                offer_id = offer.id
                result.created.append(offer_id)
            for issue in row.issues:
                if issue.kind in (EMPTIED, KEPT):
                    session.add(
                        OfferTodo(
                            offer_id=offer_id,
                            field=issue.field,
                            value=issue.value,
                            # the message itself: shown in whatever language the window speaks
                            message=text_to_json(
                                Joined([issue.text, *([issue.to_do] if issue.todo() else [])], " ")
                            ),
                            source=note[:300],
                        )
                    )
            if index % 100 == 0 or index + 1 == len(rows):
                progress(index + 1, len(rows), text["title"])
        answers = {h: preview.mapping.get(i, IGNORE) for i, h in enumerate(preview.headers) if h}
        import_memory.remember(session, region.id, import_memory.COLUMN, answers, preview.provider)
    result.organizations = len(new_orgs)
    return result


def remember_target_groups(db: Database, answers: dict[str, str]) -> None:
    """One-click answers ("Menschen in Kurzarbeit" -> skilled_workers), used from now on."""
    with db.transaction() as session:
        region = current_region(session)
        import_memory.remember(session, region.id, import_memory.TARGET_GROUP, answers)
        note_settings(session, region.id)


def write_report(preview: OfferImportPreview, path: Path, language: str | None = None) -> Path:
    """Every problem, as a text file to send back to whoever made the spreadsheet."""
    from export.safe_input import atomic_write

    lines = [preview.file, ""] + preview.report(language)
    return atomic_write(Path(path), ("\n".join(lines) + "\n").encode("utf-8"))
