"""Hypothesis through every importer on main (CSV, xlsx, XLIFF, TMX; Integreat JSON in tests/integreat): each file ends imported or
rejected with a clear German/English error, never a traceback and never a partial import;
XML entity expansion, external entities, zip bombs and paths leaving the folder are refused."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import func, select

from desktop.errors import LotseError
from desktop.exchange.offer_columns import COLUMNS
from desktop.exchange.offer_import import apply_offer_import, preview_offer_import
from desktop.exchange.xliff_export import export_xliff
from desktop.exchange.xliff_import import apply_xliff_import, preview_xliff_import
from desktop.offers import create_offer
from models.tables import Offer, OfferText, TextRevision
from tests.support.factory import GERMAN, make_region, offer_facts

from . import procs
from .hostile import XSS_VECTORS, html_dangers, plain_dangers

EXAMPLES = procs.scaled(25, 1000)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_HEADERS = (
    [c.label("de") for c in COLUMNS]
    + [c.label("en") for c in COLUMNS]
    + ["", "=cmd|' /C calc'!A0", "Titel", "Titel"]
)
_CELL = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        XSS_VECTORS
        + [
            '=HYPERLINK("http://x")',
            "+1",
            "-1",
            "@SUM(1)",
            "52062",
            "50.77",
            "ja",
            "nein",
            "2026-13-45",
            "0241 123456",
            "a@b",
            "Beratung",
            "Aachen",
            "\ufeff",
            "\x00",
            "\r\n",
        ]
    ),
)


class Counts:
    def __init__(self, db):
        self.db = db

    def __call__(self) -> tuple[int, int, int]:
        with self.db.transaction() as session:
            return tuple(
                session.exec(select(func.count()).select_from(model)).one()
                for model in (Offer, OfferText, TextRevision)
            )


def _stored_is_clean(db) -> list:
    with db.transaction() as session:
        return [
            danger
            for t in session.exec(select(OfferText))
            for danger in html_dangers(t.content) + plain_dangers(t.title) + plain_dangers(t.summary)
        ]


def _import_table(db, path: Path) -> str:
    """Preview, then apply: 'imported', 'rejected' (a LotseError), all or nothing."""
    counts = Counts(db)
    before = counts()
    try:
        preview = preview_offer_import(db, path)
    except LotseError as exc:
        assert exc.de and exc.en
        assert counts() == before
        return "rejected"
    assert counts() == before  # the preview saves nothing
    try:
        result = apply_offer_import(db, preview, author="import")
    except LotseError as exc:
        assert exc.de and exc.en
        assert counts() == before  # nothing half-imported
        return "rejected"
    after = counts()
    assert after[0] == before[0] + len(preview.accepted)
    assert result is not None
    return "imported"


@pytest.fixture
def region_db(sqlite_db):
    make_region(sqlite_db)
    return sqlite_db


@SETTINGS
@given(
    headers=st.lists(st.sampled_from(_HEADERS), min_size=1, max_size=8),
    rows=st.lists(st.lists(_CELL, max_size=9), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_generated_csv_is_imported_or_rejected_never_half(
    region_db, tmp_path_factory, headers, rows, delimiter, record_property
):
    path = tmp_path_factory.mktemp("csv") / "offers.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    _import_table(region_db, path)
    assert _stored_is_clean(region_db) == []


@SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_as_csv_or_xlsx_are_rejected_cleanly(region_db, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("raw")
    for name in ("offers.csv", "offers.xlsx"):
        (folder / name).write_bytes(data)
        _import_table(region_db, folder / name)


@settings(
    max_examples=max(10, EXAMPLES // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(st.lists(_CELL, min_size=1, max_size=6), max_size=5))
def test_generated_xlsx_is_imported_or_rejected_never_half(region_db, tmp_path_factory, rows):
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    path = tmp_path_factory.mktemp("xlsx") / "offers.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["Titel", "Beschreibung", "Kategorie", "Straße", "PLZ", "Ort"])
    for row in rows:
        try:
            sheet.append(row)
        except (
            ValueError,
            IllegalCharacterError,
        ):  # openpyxl refuses control characters: no such file exists
            return
    book.save(path)
    _import_table(region_db, path)
    assert _stored_is_clean(region_db) == []


# --- XLIFF -------------------------------------------------------------------------


@pytest.fixture
def xliff_file(region_db, tmp_path):
    facts = offer_facts({"category_id": None, "municipality_id": None}, state="draft")
    for number in range(2):
        create_offer(
            region_db, facts, {"de": {**GERMAN, "title": f"Beratung {number}"}}, author="t", validate=False
        )
    result = export_xliff(region_db, "ar", None, tmp_path / "out", author="t", single_file=True, mark=False)
    return (
        result.path.read_bytes() if result.path.is_file() else next(result.path.rglob("*.xlf")).read_bytes()
    )


_MUTATIONS = st.sampled_from(
    [
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY '
        b'c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        b"&e;",
        b"<target>&lt;script&gt;</target>",
        b"<target><script>alert(1)</script></target>",
        b"\x00",
        b"</xliff>",
        b"<",
        b"]]>",
        b"<![CDATA[",
        "\u202e".encode(),
        *[v.encode() for v in XSS_VECTORS[:12]],
    ]
)


@SETTINGS
@given(cuts=st.lists(st.tuples(st.floats(0, 1), _MUTATIONS, st.booleans()), max_size=4))
def test_mutated_xliff_is_imported_or_rejected_never_half(region_db, xliff_file, tmp_path_factory, cuts):
    data = xliff_file.replace(b"<target", b"<target").replace(
        b"</source>", b"</source><target>[ar] \xd8\xb9</target>", 1
    )
    for where, piece, replace in cuts:
        at = int(where * len(data))
        data = data[:at] + piece + (data[at + len(piece) :] if replace else data[at:])
    path = tmp_path_factory.mktemp("xlf") / "back.xlf"
    path.write_bytes(data)
    counts = Counts(region_db)
    before = counts()
    try:
        preview = preview_xliff_import(region_db, path)
    except LotseError as exc:
        assert exc.de and exc.en and counts() == before
        return
    try:
        apply_xliff_import(region_db, preview, author="t", agency="Agentur")
    except LotseError as exc:
        assert exc.de and exc.en and counts() == before
        return
    assert _stored_is_clean(region_db) == []
    with region_db.transaction() as session:
        assert not any(
            "root:" in t.content for t in session.exec(select(OfferText))
        )  # no external entity read


def _zip(path: Path, members: dict[str, bytes], compress: bool = True) -> Path:
    with zipfile.ZipFile(
        path, "w", compression=zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    ) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_bombs_and_paths_leaving_the_folder_are_refused(region_db, xliff_file, tmp_path):
    counts = Counts(region_db)
    before = counts()
    _zip(tmp_path / "bomb.zip", {"a.xlf": b"<" + b" " * 25_000_000})
    _zip(tmp_path / "escape.zip", {"../../escaped.xlf": xliff_file, "/abs/escaped.xlf": xliff_file})
    laughs = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><xliff version="1.2"><file><body>&lol9;</body></file></xliff>"""
    (tmp_path / "laughs.xlf").write_bytes(laughs)
    xxe = xliff_file.replace(
        b"<xliff", b'<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xliff', 1
    ).replace(b"</source>", b"</source><target>&xxe;</target>", 1)
    (tmp_path / "xxe.xlf").write_bytes(xxe)
    for name in ("bomb.zip", "escape.zip", "laughs.xlf", "xxe.xlf"):
        with pytest.raises(LotseError) as caught:
            preview_xliff_import(region_db, tmp_path / name)
        assert caught.value.de and caught.value.en, name
    assert not (tmp_path.parent / "escaped.xlf").exists() and not Path("/abs/escaped.xlf").exists()
    csv_bomb = _zip(tmp_path / "offers.xlsx", {"[Content_Types].xml": b"<" + b" " * 25_000_000})
    with pytest.raises(LotseError):
        preview_offer_import(region_db, csv_bomb)
    assert counts() == before


# --- TMX (translation memory) -----------------------------------------------------------

_LANGUAGES = st.sampled_from(
    [
        "de",
        "de-DE",
        "ar",
        "AR-sy",
        "fa",
        "uk",
        "en-GB",
        "",
        "x",
        "*all*",
        "de_DE",
        "a-very-long-language-tag-beyond-twenty",
        "ar\u202e",
        "<b>",
    ]
)
_SEGMENT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        XSS_VECTORS + ["Tel. 0241 123456", "Montag 9:00 Uhr", '<bpt i="1">&lt;b&gt;</bpt>fett', ""]
    ),
)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _tmx_bytes(units, mutations) -> bytes:
    body = "".join(
        f'<tu creationdate="{stamp}" creationid="{_xml(creator)}">'
        + "".join(f'<tuv xml:lang="{_xml(lang)}"><seg>{_xml(text)}</seg></tuv>' for lang, text in variants)
        + "</tu>"
        for variants, stamp, creator in units
    )
    data = (
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="de" datatype="plaintext" '
        f'segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>{body}</body></tmx>'
    )
    raw = data.encode("utf-8", "surrogatepass")
    for where, piece, replace in mutations:
        at = int(where * len(raw))
        raw = raw[:at] + piece + (raw[at + len(piece) :] if replace else raw[at:])
    return raw


_UNITS = st.lists(
    st.tuples(
        st.lists(st.tuples(_LANGUAGES, _SEGMENT), min_size=0, max_size=4),
        st.sampled_from(["20260101T120000Z", "", "gestern", "99999999T999999Z"]),
        st.sampled_from(["", "deepl", "x" * 80, "<script>"]),
    ),
    max_size=6,
)


@SETTINGS
@given(units=_UNITS, mutations=st.lists(st.tuples(st.floats(0, 1), _MUTATIONS, st.booleans()), max_size=2))
def test_generated_tmx_is_imported_or_rejected_never_half(db, tmp_path_factory, units, mutations):
    from desktop.translation.tmx_io import import_memory
    from models.tables import TranslationMemory

    path = tmp_path_factory.mktemp("tmx") / "memory.tmx"
    try:
        path.write_bytes(_tmx_bytes(units, mutations))
    except UnicodeEncodeError:
        return

    def remembered() -> int:
        with db.transaction() as session:
            return session.exec(select(func.count()).select_from(TranslationMemory)).one()

    before = remembered()
    try:
        result = import_memory(db, path)
    except LotseError as exc:
        assert exc.de and exc.en
        assert remembered() == before  # nothing half-imported
        return
    assert remembered() == before + result.added
    with db.transaction() as session:
        for row in session.exec(select(TranslationMemory)):
            assert (
                row.source_language.isalpha()
                and row.source_language.islower()
                and len(row.source_language) <= 3
            )
            assert (
                row.target_language.isalpha()
                and row.target_language.islower()
                and len(row.target_language) <= 3
            )
            assert row.source_language != row.target_language  # "de" and "de-DE" are no pair
