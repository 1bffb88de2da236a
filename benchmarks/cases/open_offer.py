"""Opening an offer: loading it with all its texts (the editor's load once it exists)."""
from __future__ import annotations

import random

from ..harness import Result, Stats, alternate, ms, timed

WHAT = "open an offer"
BUDGET_MS = 50.0


def missing() -> str | None:
    return None


def run(bench) -> list[Result]:
    from desktop.db import open_database
    from desktop.offers import get_offer

    region = bench.region
    db = open_database(region.url)
    rng = random.Random(3)
    try:
        ours, _ = alternate(lambda: timed(lambda: get_offer(db, rng.randint(1, region.offers))), None,
                            bench.runs["fast"] * 2)
    finally:
        db.dispose()
    return [Result(
        "open_offer", f"{WHAT}: get_offer with {len(region.languages)} texts", "ms",
        Stats.of(ms(ours)), "budget 50 ms", budget=BUDGET_MS,
        notes="the editor's load replaces get_offer here once the editor (issue 3) lands",
    )]
