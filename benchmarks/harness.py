"""Measuring: several runs, the median, the spread and the ratio to a baseline of the same run.

A case gives two callables (ours and the baseline doing the same work) and the
harness runs them alternately, so a noisy neighbour on the machine slows both
alike. A case without a fair baseline compares with an absolute budget (one
frame of 16 ms for a keystroke, 50 ms to open an offer).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.4999)))
    return ordered[rank - 1]


@dataclass
class Stats:
    median: float
    p95: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: list[float]) -> Stats:
        return cls(statistics.median(values), percentile(values, 0.95), min(values), max(values), len(values))

    @property
    def spread(self) -> float:
        """(max - min) / median: how much the runs disagree."""
        return (self.high - self.low) / self.median if self.median else 0.0


@dataclass
class Result:
    """One line of the table: our median against the baseline's median (or a budget)."""

    case: str
    what: str
    unit: str
    ours: Stats
    baseline_label: str
    baseline: Stats | None = None
    budget: float | None = None  # an absolute limit in ``unit`` when there is no baseline to run
    use_p95: bool = False  # compare the p95 with the budget (keystrokes), not the median
    notes: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        value = self.ours.p95 if self.use_p95 else self.ours.median
        if self.baseline is not None and self.baseline.median:
            return self.ours.median / self.baseline.median
        if self.budget:
            return value / self.budget
        return None

    def to_json(self) -> dict:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["ours"]["spread"] = self.ours.spread
        if self.baseline is not None:
            data["baseline"]["spread"] = self.baseline.spread
        return data


@dataclass
class Skipped:
    case: str
    what: str
    reason: str

    def to_json(self) -> dict:
        return {"case": self.case, "what": self.what, "skipped": self.reason}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def alternate(
    ours: Callable[[], float],
    baseline: Callable[[], float] | None,
    runs: int,
    warmup: int = 1,
) -> tuple[list[float], list[float]]:
    """Run each callable ``runs`` times, alternating; each returns the measured value of one run."""
    for _ in range(warmup):
        ours()
        if baseline is not None:
            baseline()
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(ours())
        if baseline is not None:
            theirs.append(baseline())
    return mine, theirs


def ms(values: list[float]) -> list[float]:
    return [v * 1000 for v in values]
