"""The benchmark suite's parts: statistics, the region generator, a tiny end-to-end run."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from benchmarks.harness import Result, Stats, percentile
from benchmarks.region import build_region
from desktop.db import MIGRATIONS, head_revision, make_engine, open_database
from desktop.offers import get_offer, list_offers, refresh_statuses
from models.contact_keys import KEY
from models.tables import OfferText, TextRevision

ROOT = Path(__file__).resolve().parents[1]


def test_statistics_median_p95_spread_and_ratio():
    values = [float(v) for v in range(1, 21)]
    stats = Stats.of(values)
    assert stats.median == 10.5
    assert percentile(values, 0.95) == 19.0
    assert stats.spread == pytest.approx(19 / 10.5)
    result = Result("x", "x", "ms", stats, "base", Stats.of([5.25, 5.25]))
    assert result.ratio == pytest.approx(2.0)
    budget = Result("x", "x", "ms", stats, "frame", budget=16.0, use_p95=True)
    assert budget.ratio == pytest.approx(19 / 16)


def test_generated_region_is_consistent_with_the_real_operations(tmp_path):
    info = build_region(tmp_path / "region.sqlite", offers=40, languages=6)
    db = open_database(str(info.path))
    try:
        rows = list_offers(db)
        assert len(rows) == 40
        assert all(row.title and row.statuses["de"] == "source" for row in rows)
        seen = {status for row in rows for status in row.statuses.values()}
        assert {"machine", "checked", "approved", "missing", "outdated"} <= seen
        offer = get_offer(db, rows[7].id)
        assert 300 < len(offer.texts["de"].content) < 5000 and offer.facts["contacts"]
        with db.transaction() as session:
            # The stored statuses are exactly what the status rules compute.
            stored = {(t.offer_id, t.language_code): t.status for t in session.exec(select(OfferText))}
            for row in rows:
                refresh_statuses(session, row.id, 1)
            session.flush()
            recomputed = {(t.offer_id, t.language_code): t.status for t in session.exec(select(OfferText))}
            assert stored == recomputed
            assert len(session.exec(select(TextRevision.id)).all()) == len(stored) == info.texts
        assert db.integrity_problems() == []
    finally:
        db.dispose()


def test_tiny_benchmark_run_measures_and_skips_what_is_not_built(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--size", "tiny", "--only", "open_offer", "save"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "open an offer" in result.stdout and "ratio" in result.stdout


def _downgraded_copy(source: Path, target: Path, revision: str) -> None:
    """``source`` brought down to ``revision`` by the real migrations, written to ``target``."""
    from alembic import command
    from alembic.config import Config

    shutil.copyfile(source, target)
    engine = make_engine(f"sqlite:///{target}")
    try:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def _rows(path: Path) -> dict[str, list]:
    """The rows a migration must keep, without what a migration may draw anew: the contacts'
    random keys (4500 gives each contact one) and the fingerprints that count them."""
    with sqlite3.connect(path) as conn:
        tables = {}
        for table in ("offer", "offer_revision", "text_revision"):
            cursor = conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")  # noqa: S608 - our names
            kept = [i for i, d in enumerate(cursor.description) if "fingerprint" not in d[0]]
            tables[table] = [tuple(_keyless(row[i]) for i in kept) for row in cursor.fetchall()]
        return tables | {
            "texts": conn.execute(
                "SELECT offer_id, language_code, content FROM offer_text ORDER BY 1, 2"
            ).fetchall()
        }


def _keyless(value):
    """A JSON cell with every contact's key taken out (other values as they are)."""
    if not isinstance(value, str) or value[:1] not in "[{":
        return value

    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != KEY}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    try:
        return json.dumps(strip(json.loads(value)), sort_keys=True)
    except ValueError:
        return value


def test_growth_region_of_an_older_schema_is_migrated_not_built_again(tmp_path):
    """The 50,000-offer region took 438 s to build: a cached one of an older schema head is
    copied and migrated; the rows are the ones it had, the old file stays, no backup is left."""
    from alembic.script import ScriptDirectory

    from benchmarks import growth

    fresh = build_region(tmp_path / "fresh.sqlite", offers=30, languages=growth.LANGUAGES)
    previous = ScriptDirectory(str(MIGRATIONS)).get_revision(head_revision()).down_revision
    cache = tmp_path / "growth"
    cache.mkdir()
    older = cache / f"growth-30-{growth.LANGUAGES}-{previous}.sqlite"
    _downgraded_copy(fresh.path, older, previous)
    (cache / f"growth-30-{growth.LANGUAGES}-not-ours.sqlite").write_bytes(b"another branch's region")
    before = older.read_bytes()

    region = growth._region(cache, 30)

    assert region.path == cache / f"growth-30-{growth.LANGUAGES}-{head_revision()}.sqlite"
    assert older.read_bytes() == before
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [older.name, region.path.name, f"growth-30-{growth.LANGUAGES}-not-ours.sqlite"]
    )
    assert _rows(region.path) == _rows(fresh.path)
    db = open_database(str(region.path), migrate=False)
    try:
        assert len(list_offers(db)) == 30
        assert db.integrity_problems() == []
    finally:
        db.dispose()
    assert growth._region(cache, 30).path == region.path  # now cached at the head


def test_growth_run_of_some_sizes_replaces_only_those_cells(tmp_path, monkeypatch):
    from benchmarks import growth

    monkeypatch.setattr(growth, "RESULTS", tmp_path / "growth.json")
    table = {
        "sizes": [1000, 10000, 50000],
        "languages": 5,
        "lines": {
            "publish": {"1000": 3.8, "10000": 30.4, "50000": 196.1},
            "brochure, all offers": {"1000": 10.2},
        },
        "units": {"publish": "s", "brochure, all offers": "s"},
        "skipped": {"brochure, all offers": [50000]},
        "seconds": 610,
        "load": "quiet",
    }
    growth.RESULTS.write_text(json.dumps(table), encoding="utf-8")
    run = {
        "sizes": [50000],
        "languages": 5,
        "lines": {"brochure, all offers": {"50000": 700.0}, "brochure, all offers, CPU": {"50000": 520.0}},
        "units": {},
        "skipped": {},
        "seconds": 900,
        "load": "load 12",
    }
    growth._keep_unmeasured(run)
    assert run["sizes"] == [1000, 10000, 50000]
    assert run["lines"] == {
        "publish": {"1000": 3.8, "10000": 30.4, "50000": 196.1},
        "brochure, all offers": {"1000": 10.2, "50000": 700.0},
        "brochure, all offers, CPU": {"50000": 520.0},
    }
    assert run["skipped"] == {}
    assert run["loads"] == {
        "publish": "quiet",
        "brochure, all offers": "quiet; 50000: load 12",
        "brochure, all offers, CPU": "load 12",
    }
    assert "| brochure, all offers | 10.20 s | not run | 700.00 s |" in growth.markdown(run, "x")


def test_growth_brochure_runs_in_a_process_of_its_own_and_gives_its_peak_memory(tmp_path):
    """A process's peak memory only grows: the brochure's line measures a fresh process that
    makes only the brochure, so a size's peak is not the peak of what ran before it."""
    import resource

    from benchmarks import growth

    region = build_region(tmp_path / "region.sqlite", offers=30, languages=growth.LANGUAGES)
    ballast = bytearray(600 * 2**20)  # this process's peak passes 600 MiB; the brochure's does not
    ballast[:: 2**12] = b"x" * len(ballast[:: 2**12])
    ours = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del ballast
    seconds, cpu, printed, peak = growth._brochure(region, tmp_path)
    assert printed > 10 and seconds > 0 and cpu > 0
    assert 40 < peak < 500 < ours
    assert (tmp_path / "brochure.pdf").read_bytes().startswith(b"%PDF")
