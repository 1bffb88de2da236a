"""A flyer reads its offer, region, policies and names as Core rows (desktop/flyer_reading.py),
not ORM objects: the values must be the ORM's, for every demo offer, on SQLite and PostgreSQL
(JSON facts and names, dates, booleans, a language no longer active)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from desktop.demo import install_demo
from desktop.errors import NotFoundError
from desktop.flyer_reading import read_offer, read_policies, read_region, row_by_id
from desktop.flyers import region_facts
from desktop.offers import get_offer
from models.tables import Category, Municipality, Offer, Organization, Region, RegionLanguage


def test_rows_read_are_the_orms_values(db):
    install_demo(db)
    with db.transaction() as session:
        farsi = session.exec(select(RegionLanguage).where(RegionLanguage.code == "fa")).one()
        farsi.active = False
        session.add(farsi)
    with db.transaction() as session:
        ids = list(session.exec(select(Offer.id).order_by(Offer.id)))
    assert len(ids) > 10
    for offer_id in ids:
        expected = get_offer(db, offer_id)
        with db.transaction() as session:
            offer = read_offer(session, offer_id)
            assert offer == expected
            region = read_region(session, offer.region_id)
            orm_region = session.get(Region, offer.region_id)
            for column in Region.__table__.columns:
                assert getattr(region, column.name) == getattr(orm_region, column.name), column.name
            assert read_policies(session, region) == region_facts(session, offer.region_id).policies
            for model, key in (
                (Category, "category_id"),
                (Organization, "organization_id"),
                (Municipality, "municipality_id"),
            ):
                row = row_by_id(session, model, offer.facts[key])
                orm = session.get(model, offer.facts[key]) if offer.facts[key] else None
                assert (row is None) == (orm is None)
                if orm is not None:
                    assert {c.name: getattr(row, c.name) for c in model.__table__.columns} == orm.model_dump()
    with db.transaction() as session, pytest.raises(NotFoundError):
        read_offer(session, 999_999)


def test_a_first_flyer_maps_no_table(demo_db, tmp_path):
    """The first flyer of a fresh process reads without configuring the ORM's mappers."""
    url = demo_db.engine.url.render_as_string(hide_password=False)
    script = (
        "import json\n"
        "from desktop.db import open_database\n"
        "from desktop.flyers import render_offer_flyer\n"
        "from models.tables import Offer\n"
        f"db = open_database({url!r})\n"
        "with db.engine.connect() as conn:\n"
        "    offer = conn.exec_driver_sql(\"SELECT min(id) FROM offer WHERE kind = 'offer'\").scalar()\n"
        "configured = Offer.__mapper__.configured\n"
        f"render_offer_flyer(db, offer, {str(tmp_path / 'f.pdf')!r}, 'de', policy='machine')\n"
        "print(json.dumps([configured, Offer.__mapper__.configured]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == [False, False]
