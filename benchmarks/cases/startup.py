"""Cold start of the window with the region, against a bare QMainWindow in a fresh process:
to the first paint, and on until the offer list shows every row (the program is usable)."""

from __future__ import annotations

from ..harness import Result, Stats, alternate, ms

WHAT = "cold start to the first painted main window"
WHAT_LISTED = "cold start until the list is filled (and usable)"


def missing() -> str | None:
    return None


def run(bench) -> list[Result]:
    region = bench.region
    ours: list[dict] = []

    def spawn_ours() -> float:
        seconds = bench.spawn_probe("lotse", region.url, until="listed")[1]["seconds"]
        ours.append(seconds)
        return seconds["painted"]

    _painted, bare = alternate(spawn_ours, lambda: bench.spawn_probe("bare")[0], bench.runs["process"])
    ours = ours[-len(bare) :]  # without the warm-up run
    size = f"{region.offers} offers × {len(region.languages)} languages"
    label = "bare QMainWindow with an empty table, fresh process"
    return [
        Result(
            "startup",
            f"{WHAT} ({size})",
            "ms",
            Stats.of(ms([s["painted"] for s in ours])),
            label,
            Stats.of(ms(bare)),
        ),
        Result(
            "startup",
            f"{WHAT_LISTED} ({size})",
            "ms",
            Stats.of(ms([s["listed"] for s in ours])),
            label + " (its first paint)",
            Stats.of(ms(bare)),
            notes="from spawning the process until the offer list shows all rows of the region",
        ),
    ]
