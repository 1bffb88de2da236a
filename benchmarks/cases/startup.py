"""Cold start to the first painted main window with the region, against a bare QMainWindow."""
from __future__ import annotations

from ..harness import Result, Stats, alternate, ms

WHAT = "cold start to the first painted main window"


def missing() -> str | None:
    return None


def run(bench) -> list[Result]:
    region = bench.region
    ours, bare = alternate(
        lambda: bench.spawn_probe("lotse", region.url)[0],
        lambda: bench.spawn_probe("bare")[0],
        bench.runs["process"],
    )
    return [Result(
        "startup", f"{WHAT} ({region.offers} offers × {len(region.languages)} languages)", "ms",
        Stats.of(ms(ours)), "bare QMainWindow with an empty table, fresh process", Stats.of(ms(bare)),
    )]
