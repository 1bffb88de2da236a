"""Peak memory (resident set) in the steady state a user works in: the region's list loaded
and the search index built, against the bare window."""

from __future__ import annotations

from ..harness import Result, Stats, alternate

WHAT = "peak memory with the region open, the list loaded and the search index built"


def missing() -> str | None:
    return None


def run(bench) -> list[Result]:
    region = bench.region
    mib = 1024.0
    ours, bare = alternate(
        lambda: bench.spawn_probe("lotse", region.url, until="indexed")[1]["maxrss_kb"] / mib,
        lambda: bench.spawn_probe("bare")[1]["maxrss_kb"] / mib,
        max(2, bench.runs["process"] // 2),
        warmup=0,
    )
    return [
        Result(
            "memory",
            f"{WHAT} ({region.offers} × {len(region.languages)})",
            "MiB",
            Stats.of(ours),
            "bare QMainWindow with an empty table",
            Stats.of(bare),
            notes="peak resident memory (VmHWM) once the search index is built, not at the first paint",
        )
    ]
