"""The suite: what every case gets (the region, the size, a scratch folder) and the loop over cases.

A case is a module in ``benchmarks/cases/`` with ``WHAT`` (one line for the table),
``missing()`` returning why it cannot run yet (``None`` when it can) and
``run(bench)`` returning a list of :class:`~benchmarks.harness.Result`.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .harness import Result, Skipped
from .region import RegionInfo, cached_region, copy_region

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"

CASES = [
    "startup",
    "memory",
    "search",
    "open_offer",
    "save",
    "publish",
    "mt_batch",
    "flyers",
    "xliff",
    "sheets_import",
    "events",
    "sheets_xlsx",
]

# Runs per case and size: enough for a median and a spread, few enough for "quick" in < 5 min.
RUNS = {
    "tiny": {"process": 2, "fast": 5, "slow": 1},
    "quick": {"process": 5, "fast": 30, "slow": 3},
    "full": {"process": 5, "fast": 50, "slow": 2},
}


@dataclass
class Bench:
    size: str
    scratch: Path
    _region: RegionInfo | None = None
    log: list[str] = field(default_factory=list)
    # The result lines wanted (--lines), None for all: a case leaves out a long line not asked for.
    lines: tuple[str, ...] | None = None

    def wants(self, line: str) -> bool:
        return self.lines is None or line in self.lines

    @property
    def runs(self) -> dict[str, int]:
        return RUNS[self.size]

    def say(self, message: str) -> None:
        print(f"  {message}", flush=True)

    @property
    def region(self) -> RegionInfo:
        """The generated region of this size (built once, cached between runs)."""
        if self._region is None:
            started = time.perf_counter()
            self._region = cached_region(CACHE, self.size, progress=self._progress)
            if self._region.seconds:
                self.say(
                    f"region generated: {self._region.offers} offers, {self._region.texts} texts "
                    f"in {time.perf_counter() - started:.1f} s"
                )
        return self._region

    def private_region(self, name: str) -> RegionInfo:
        """A copy of the region a case may write to."""
        return copy_region(self.region, self.scratch / f"{name}.sqlite")

    def _progress(self, done: int, total: int, message: str = "") -> None:
        if done == total or done % 5000 == 0:
            self.say(f"generating region: {done}/{total} {message}")

    def spawn_probe(self, *args: str, until: str = "painted") -> tuple[float, dict]:
        """Start ``python -m benchmarks.probe_window ARGS --until MILESTONE`` and read its lines.

        Returns the seconds from spawning to ``until`` and that milestone's report, which also
        holds ``seconds``: every milestone reached, in seconds from spawning."""
        import json

        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LOTSE_USER": "bench"}
        started = time.time()
        proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.probe_window", *args, "--until", until],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            out, err = proc.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        reports = {
            r["milestone"]: r for r in (json.loads(line) for line in out.splitlines() if line.startswith("{"))
        }
        if proc.returncode != 0 or until not in reports:
            raise RuntimeError(f"probe {args} failed ({proc.returncode}): {err.strip()[-500:]}")
        report = dict(reports[until], seconds={m: r["at"] - started for m, r in reports.items()})
        return report["seconds"][until], report


def load_case(name: str):
    return importlib.import_module(f"benchmarks.cases.{name}")


def run_cases(size: str, names: list[str], lines: tuple[str, ...] | None = None) -> list[Result | Skipped]:
    results: list[Result | Skipped] = []
    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as scratch:
        bench = Bench(size=size, scratch=Path(scratch), lines=lines)
        for name in names:
            case = load_case(name)
            reason = case.missing()
            if reason:
                print(f"- {name}: skipped, not built yet: {reason}", flush=True)
                results.append(Skipped(name, case.WHAT, f"not built yet: {reason}"))
                continue
            print(f"- {name}: {case.WHAT}", flush=True)
            started = time.perf_counter()
            try:
                found = case.run(bench)
            except Exception as exc:  # noqa: BLE001 - one broken case must not hide the others
                traceback.print_exc()
                results.append(Skipped(name, case.WHAT, f"failed: {type(exc).__name__}: {exc}"))
                continue
            for result in found:
                ratio = f"{result.ratio:.2f}" if result.ratio is not None else "-"
                base = (
                    f"{result.baseline.median:.1f}"
                    if result.baseline
                    else (f"budget {result.budget:g}" if result.budget else "-")
                )
                print(
                    f"    {result.what}: {result.ours.median:.1f} {result.unit} (p95 {result.ours.p95:.1f}) "
                    f"vs {base}  ratio {ratio}",
                    flush=True,
                )
            print(f"    ({time.perf_counter() - started:.0f} s)", flush=True)
            results.extend(found)
    return results
