"""CSV formula injection (OWASP): a cell whose first character is = + - @, a tab or a carriage
return is written with a quote in front, whatever follows; line breaks inside the cell do not
hide a formula. Checked on every column of the offer list export and on the table writer."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import select

from desktop.exchange.offer_export import export_offer_list
from desktop.offers import create_offer
from export.table import FORMULA_START, read_csv, write_csv
from models.tables import Category, Municipality, Organization
from tests.support.factory import make_region, offer_facts

# The probe's cells (imported from a CSV into contact, cost and internal notes), and one per
# dangerous first character, each spread over lines.
HOSTILE = [
    "+1\n+cmd|' /C calc'!A0",
    '-1\n=HYPERLINK("http://evil")',
    "=1+1\nok",
    "@SUM(1)\r\n2",
    "\t=cmd\nx",
    "\r=cmd\nx",
    "+49 241 1234",  # a phone number is quoted too (OWASP); reading it back removes the quote
    "-\n-",
]


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize("value", HOSTILE)
def test_every_risky_first_character_is_neutralised_whatever_follows(value, tmp_path):
    headers = [f"c{i}" for i in range(4)]
    rows = [[value if column == i else "plain" for column in range(4)] for i in range(4)]
    data = write_csv(headers, rows)
    for line in _cells(data)[1:]:
        for cell in line:
            assert not cell.startswith(FORMULA_START), repr(cell)
    assert value.split("\n")[0] not in [c for line in _cells(data) for c in line]
    (tmp_path / "t.csv").write_bytes(data)
    back = read_csv(tmp_path / "t.csv")
    assert [row[i] for i, row in enumerate(back.rows)] == [value] * 4  # our own export reads back


def test_numbers_we_write_stay_numbers():
    assert _cells(write_csv(["a", "b"], [[-12.5, -3]]))[1] == ["-12.5", "-3"]


def test_offer_list_export_quotes_multiline_formulas_in_every_column(sqlite_db, tmp_path):
    ids = make_region(sqlite_db)
    with sqlite_db.transaction() as session:
        session.get(Category, ids["category_id"]).names = {"de": "=cat\n+1", "en": "x"}
        session.get(Municipality, ids["municipality_id"]).name = "-town\n=1"
        organization = Organization(region_id=ids["region_id"], slug="org", name="@org\n=1")
        session.add(organization)
        session.flush()
        organization_id = organization.id
    values = iter(HOSTILE * 4)
    facts = offer_facts(
        ids,
        state="draft",
        organization_id=organization_id,
        street=next(values),
        postcode=next(values),
        town=next(values),
        contacts=[
            {"name": next(values), "email": next(values), "phone": next(values), "website": next(values)}
        ],
        appointment_url=next(values),
        cost=next(values),
        internal_notes=next(values),
        languages_spoken=[next(values)],
    )
    texts = {"de": {"title": next(values), "summary": next(values), "content": "<p>=1+1</p><p>x</p>"}}
    create_offer(sqlite_db, facts, texts, author="tester", validate=False)
    export_offer_list(sqlite_db, tmp_path / "l.csv")
    header, row = _cells((tmp_path / "l.csv").read_bytes())
    risky = [h for h, cell in zip(header, row, strict=True) if cell.startswith(FORMULA_START)]
    assert risky == []
    quoted = {h for h, cell in zip(header, row, strict=True) if cell.startswith("'")}
    for column in ("Kosten", "Interne Notiz", "Ansprechperson"):
        assert any(h.startswith(column) for h in quoted), (column, quoted)
    assert len(quoted) >= 15, quoted
    with sqlite_db.transaction() as session:
        assert session.exec(select(Organization)).first().name == "@org\n=1"
