"""The benchmark suite's parts: statistics, the region generator, a tiny end-to-end run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from benchmarks.harness import Result, Stats, percentile
from benchmarks.region import build_region
from desktop.db import open_database
from desktop.offers import get_offer, list_offers, refresh_statuses
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
