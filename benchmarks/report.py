"""Results to JSON (latest per size, plus a history line per run) and to docs/benchmarks.md."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from .harness import Result, Skipped

RESULTS = Path(__file__).resolve().parent / "results"
DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"

INTRO = """# Benchmarks

`make bench-quick` (1,000 offers × 5 languages) and `make bench` (10,000 offers × 15 languages,
about 150,000 texts) run `python -m benchmarks --size quick|full`. Every line measures our
operation and, in the same run and alternating with it, a baseline doing the same work (or an
absolute budget where there is none); the table gives medians of several runs, the spread
((max − min) / median) and the ratio ours / baseline: below 1 is better than the baseline.
Raw numbers: `benchmarks/results/<size>.json`; every run appends to `benchmarks/results/history.jsonl`.
Profile one case with `python -m benchmarks --size full --only save --profile` (pyinstrument).
`--lines` keeps only some of a case's lines where it can leave the others out:
`--size full --only publish --lines publish` measures publishing without the re-publish line.
"""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=DOC.parents[1],
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine() -> dict:
    try:
        from PySide6 import QtCore

        qt = QtCore.qVersion()
    except ImportError:  # pragma: no cover
        qt = "?"
    try:
        memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):  # pragma: no cover
        memory_gib = 0.0
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": round(memory_gib, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "system": platform.platform(),
        "python": platform.python_version(),
        "qt": qt,
        "sqlite": sqlite3.sqlite_version,
        "commit": _git_commit(),
    }


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _merged(size: str, fresh: list[dict], order: list[str]) -> list[dict]:
    """A run of some cases (--only) replaces those cases' lines and keeps the others' from before."""
    path = RESULTS / f"{size}.json"
    measured = {r["case"] for r in fresh}
    kept = []
    if path.exists():
        kept = [
            r for r in json.loads(path.read_text(encoding="utf-8"))["results"] if r["case"] not in measured
        ]
    rank = {name: i for i, name in enumerate(order)}
    return sorted(kept + fresh, key=lambda r: rank.get(r["case"], len(rank)))


def save(
    size: str, results: list[Result | Skipped], started: datetime, seconds: float, order: list[str]
) -> dict:
    fresh = [r.to_json() for r in results]
    record = {
        "size": size,
        "date": started.astimezone(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "machine": machine(),
        "results": _merged(size, fresh, order),
        "cases_run": sorted({r["case"] for r in fresh}),
    }
    _atomic_write(RESULTS / f"{size}.json", json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    with open(RESULTS / "history.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    write_doc()
    return record


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def table(record: dict) -> str:
    m = record["machine"]
    lines = [
        f"## {record['size']} ({record['date']}, {record['seconds']:.0f} s"
        + (f" for {', '.join(record['cases_run'])}" if record.get("cases_run") else "")
        + ")",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; load average at the end "
        f"{', '.join(map(str, m['load_average']))}; {m['system']}; Python {m['python']}, Qt {m['qt']}, "
        f"SQLite {m['sqlite']}; commit {m['commit']}.",
        "",
        "| what | ours (median; p95 where compared) | p95 | spread | baseline (median) | ratio |",
        "|---|---|---|---|---|---|",
    ]
    for r in record["results"]:
        if "skipped" in r:
            lines.append(f"| {r['what']} | {r['skipped']} | | | | |")
            continue
        unit, ours = r["unit"], r["ours"]
        shown = ours["p95"] if r.get("use_p95") else ours["median"]
        if r["baseline"]:
            base = f"{_fmt(r['baseline']['median'])} {unit}: {r['baseline_label']}"
        else:
            base = f"{r['baseline_label']}" + (" (p95 compared)" if r.get("use_p95") else "")
        lines.append(
            f"| {r['what']} | {_fmt(shown)} {unit} | {_fmt(ours['p95'])} | {ours['spread'] * 100:.0f} % "
            f"| {base} | **{_fmt(r['ratio'], 2)}** |"
        )
    notes = [f"- {r['what']}: {r['notes']}" for r in record["results"] if r.get("notes")]
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


def write_doc(extra: str = "") -> None:
    parts = [INTRO]
    for size in ("quick", "full"):
        path = RESULTS / f"{size}.json"
        if path.exists():
            parts.append(table(json.loads(path.read_text(encoding="utf-8"))))
    notes = RESULTS / "notes.md"
    if notes.exists():
        parts.append(notes.read_text(encoding="utf-8"))
    _atomic_write(DOC, "\n".join(parts))


def stamp() -> datetime:
    return datetime.now(UTC)
