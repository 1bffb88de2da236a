"""How publish, search, editor open and the brochure grow with the region: the same lines at
1,000, 10,000 and 50,000 offers (five languages each, so only the number of offers changes),
and the growth factor from one size to the next beside the factor of offers (10 and 5).

    python -m benchmarks --growth [--growth-sizes 1000 10000 50000] [--growth-budget 2400] [--only search]

``--only`` names cases of the suite (search, open_offer, publish, flyers); the growth run then
measures only their lines (``--only search``: the index build and the keystroke).

A size whose predicted time (the last one's, scaled linearly) would pass the time budget is
left out and said so, rather than running into the night on a loaded machine. The table goes
to ``benchmarks/results/growth.json`` and is printed as Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .region import RegionInfo, build_region

SIZES = (1_000, 10_000, 50_000)
LANGUAGES = 5
KEYS = ("beratung", "aachen frauen", "kinder 12")
RESULTS = Path(__file__).resolve().parent / "results" / "growth.json"


def _region(folder: Path, offers: int) -> RegionInfo:
    from desktop.db import head_revision

    path = folder / f"growth-{offers}-{LANGUAGES}-{head_revision()}.sqlite"
    if path.exists():
        return RegionInfo(path, offers, [], -1, 0.0)
    folder.mkdir(parents=True, exist_ok=True)
    older = _older_region(folder, offers)
    if older is not None:
        return _migrated(older, path, offers)
    return build_region(path, offers, LANGUAGES)


def _older_region(folder: Path, offers: int) -> Path | None:
    """The newest cached region of this size made under an older schema head, if any.

    The generator writes the same rows whatever the schema (seed and code unchanged), so
    migrating a copy gives the same offers and texts as building anew — in seconds instead of
    minutes at 50,000 (438 s under load). Two differences, neither read by these lines: the
    change log (migration 4300) holds no rows for the generated offers, as the first publish
    reads none (it has no earlier run), and dropped indexes leave free pages in the file."""
    from alembic.script import ScriptDirectory

    from desktop.db import MIGRATIONS

    newest_first = [r.revision for r in ScriptDirectory(str(MIGRATIONS)).walk_revisions()]
    found = []
    for candidate in folder.glob(f"growth-{offers}-{LANGUAGES}-*.sqlite"):
        revision = candidate.stem.rsplit("-", 1)[1]
        if revision in newest_first:  # a region of another branch's migration is not ours to take
            found.append((newest_first.index(revision), candidate))
    return min(found)[1] if found else None


def _migrated(older: Path, path: Path, offers: int) -> RegionInfo:
    """A copy of ``older`` brought to the schema head by the real migrations (open_database)."""
    from desktop.db import open_database

    started = time.perf_counter()
    partial = path.with_name(path.name + ".part")
    shutil.copyfile(older, partial)
    try:
        open_database(str(partial)).dispose()
    finally:
        for backup in partial.parent.glob(partial.name + ".*.bak"):  # open_database's own copy
            backup.unlink()
    partial.replace(path)
    return RegionInfo(path, offers, [], -1, time.perf_counter() - started)


def _publish(region: RegionInfo, scratch: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) to publish the app package."""
    from desktop.db import open_database
    from desktop.publish import publish_package

    db = open_database(region.url)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        publish_package(db, scratch / "package", local_preview=True)
        return time.perf_counter() - started, time.process_time() - cpu
    finally:
        db.dispose()
        # A package of 10,000 offers is over a GiB with its kept versions: gone before the next size.
        for leftover in scratch.iterdir():
            shutil.rmtree(leftover) if leftover.is_dir() and not leftover.is_symlink() else leftover.unlink()


def _search(region: RegionInfo) -> tuple[float, float]:
    """(seconds to build the index, median ms of one keystroke's match over the whole index).

    A keystroke is what the list asks of the index as the query is typed letter by letter:
    the hits (a bitmap) and the rows they pick from every offer in the list's order (here by
    id, descending; the list's rows are plain values, here the ids themselves)."""
    from desktop.db import open_database
    from desktop.offer_search import build_search_index

    db = open_database(region.url)
    try:
        started = time.perf_counter()
        index = build_search_index(db)
        built = time.perf_counter() - started
    finally:
        db.dispose()
    rows = sorted(index.offer_ids(), reverse=True)
    selection = index.selection(rows)
    samples = []
    for query in KEYS:
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            hits = index.hits(query[:end])
            selection.pick(selection.mask if hits is None else hits, rows)
            samples.append((time.perf_counter() - started) * 1000)
    return built, statistics.median(samples)


def _editor_open(region: RegionInfo, runs: int = 20) -> float:
    """Median ms to open a random offer in the main window's editor (load and show every field)."""
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext
    from desktop.db import open_database
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    db = open_database(region.url)
    window = MainWindow(AppContext(db=db, user="bench"))
    window.show()
    app.processEvents()
    rng = random.Random(3)
    samples = []
    try:
        for index in range(runs + 1):
            started = time.perf_counter()
            window.open_offer(rng.randint(1, region.offers))
            app.processEvents()
            if index:  # the first warms up
                samples.append((time.perf_counter() - started) * 1000)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        db.dispose()
    return statistics.median(samples)


def _brochure(region: RegionInfo, scratch: Path) -> tuple[float, float, int, float]:
    """Wall and CPU seconds for the German brochure of every offer the policy lets out, their
    number, and the peak memory (MiB) of a process that made only the brochure: it runs in a
    fresh one, since a process's peak only grows."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(_brochure_alone, region.url, scratch).result()


def _high_water() -> float:
    """This process image's peak resident memory in MiB. Not ``ru_maxrss``: Linux carries that
    over an exec from the forked parent, so a spawned child would report its parent's peak."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    return int(status.split("VmHWM:", 1)[1].split()[0]) / 1024


def _brochure_alone(url: str, scratch: Path) -> tuple[float, float, int, float]:
    from desktop.brochure import render_region_brochure
    from desktop.db import open_database

    db = open_database(url)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        result, _left_out = render_region_brochure(db, scratch / "brochure.pdf", "de", policy="machine")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        return seconds, cpu, getattr(result, "offers", 0) or 0, _high_water()
    finally:
        db.dispose()


LINES: list[tuple[str, str]] = [
    ("publish", "s"),
    # CPU time beside the wall time: on a machine shared by eight engineers the wall time of
    # a long line says more about the load than about the code.
    ("publish, CPU", "s"),
    ("search index build", "s"),
    ("search keystroke (match)", "ms"),
    ("editor open", "ms"),
    ("brochure, all offers", "s"),
    ("brochure, all offers, CPU", "s"),
    ("brochure, peak memory", "MiB"),
]
# The suite's case each line belongs to (for --only).
CASE_OF = {
    "publish": "publish",
    "publish, CPU": "publish",
    "search index build": "search",
    "search keystroke (match)": "search",
    "editor open": "open_offer",
    "brochure, all offers": "flyers",
    "brochure, all offers, CPU": "flyers",
    "brochure, peak memory": "flyers",
}
CASES = sorted(set(CASE_OF.values()))


def run_growth(
    sizes: tuple[int, ...],
    budget: float,
    cache: Path,
    say: Callable[[str], None],
    only: tuple[str, ...] | None = None,
) -> dict:
    """Measure every line (of the cases in ``only``, or all) at every size the budget allows;
    returns the table's data."""
    started = time.perf_counter()
    lines = [(name, unit) for name, unit in LINES if only is None or CASE_OF[name] in only]
    chosen = {CASE_OF[name] for name, _ in lines}
    table: dict[str, dict[int, float]] = {name: {} for name, _ in lines}
    skipped: dict[str, list[int]] = {name: [] for name, _ in lines}

    def left() -> float:
        return budget - (time.perf_counter() - started)

    def fits(name: str, offers: int, cost: float) -> bool:
        """Run this line at ``offers`` unless its linear forecast passes the budget left."""
        done = table[name]
        if not done:
            return True
        last = max(done)
        forecast = done[last] * offers / last * cost
        if forecast > left():
            skipped[name].append(offers)
            say(f"  {name} at {offers}: left out (forecast {forecast:.0f} s, {left():.0f} s left)")
            return False
        return True

    regions = {}
    for offers in sizes:  # the regions first (cached), then line by line: cheap lines reach 50,000
        clock = time.perf_counter()
        regions[offers] = _region(cache, offers)
        built = f"built in {time.perf_counter() - clock:.0f} s" if regions[offers].seconds else "cached"
        say(f"region of {offers} offers × {LANGUAGES} languages: {built}")
    if "search" in chosen:
        _search(regions[sizes[0]])  # imports and first-use costs, not timed
    with tempfile.TemporaryDirectory(prefix="lotse-growth-") as scratch:
        folder = Path(scratch)
        for offers in sizes if "search" in chosen else ():
            if fits("search index build", offers, 1):
                built_in, keystroke = _search(regions[offers])
                table["search index build"][offers] = built_in
                table["search keystroke (match)"][offers] = keystroke
                say(f"  search at {offers}: index {built_in:.1f} s, keystroke {keystroke:.2f} ms")
        for offers in sizes if "open_offer" in chosen else ():
            if fits("editor open", offers, 0.001):  # ms, a window start besides
                table["editor open"][offers] = _editor_open(regions[offers])
                say(f"  editor open at {offers}: {table['editor open'][offers]:.1f} ms")
        for offers in sizes if "publish" in chosen else ():
            if fits("publish", offers, 1):
                wall, cpu = _publish(regions[offers], folder)
                table["publish"][offers], table["publish, CPU"][offers] = wall, cpu
                say(f"  publish at {offers}: {wall:.1f} s, CPU {cpu:.1f} s ({_peak()})")
        for offers in sizes if "flyers" in chosen else ():
            if fits("brochure, all offers", offers, 1):
                seconds, cpu, printed, peak = _brochure(regions[offers], folder)
                table["brochure, all offers"][offers] = seconds
                table["brochure, all offers, CPU"][offers] = cpu
                table["brochure, peak memory"][offers] = peak
                done = f"{seconds:.1f} s, CPU {cpu:.1f} s, {printed} offers, peak {peak:.0f} MiB"
                say(f"  brochure at {offers}: {done}")
    return {
        "sizes": list(sizes),
        "languages": LANGUAGES,
        "lines": {name: {str(k): round(v, 4) for k, v in table[name].items()} for name, _ in lines},
        "units": dict(lines),
        "skipped": {name: s for name, s in skipped.items() if s},
        "seconds": round(time.perf_counter() - started),
    }


def _peak() -> str:
    """The process's peak resident memory so far (it only grows: run the sizes smallest first)."""
    import resource

    return f"peak RSS so far {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"


def shape(sizes: list[int], values: dict[int, float]) -> str:
    """Linear, better or worse: the growth per step against the growth of offers."""
    steps = [(a, b) for a, b in zip(sizes, sizes[1:], strict=False) if a in values and b in values]
    if not steps:
        return "–"
    worst = max((values[b] / values[a]) / (b / a) for a, b in steps)
    if worst < 0.5:
        return "sublinear"
    if worst <= 1.3:
        return "linear"
    return f"worse than linear ({worst:.1f}× linear)"


def markdown(data: dict, load: str) -> str:
    sizes = data["sizes"]
    head = " | ".join(f"{n:,}" for n in sizes)
    steps = " | ".join(f"{a:,} → {b:,} (×{b // a})" for a, b in zip(sizes, sizes[1:], strict=False))
    lines = [
        f"| line | {head} | {steps} | growth |",
        "|---|" + "---:|" * (len(sizes) * 2 - 1) + "---|",
    ]
    for name, unit in data["units"].items():
        values = {int(k): v for k, v in data["lines"][name].items()}
        cells = [f"{values[n]:.2f} {unit}" if n in values else "not run" for n in sizes]
        factors = [
            f"×{values[b] / values[a]:.1f}" if a in values and b in values and values[a] else "–"
            for a, b in zip(sizes, sizes[1:], strict=False)
        ]
        lines.append(f"| {name} | {' | '.join(cells)} | {' | '.join(factors)} | {shape(sizes, values)} |")
    lines.append("")
    lines.append(
        f"{data['languages']} languages at every size; {load}; the whole run took {data['seconds']} s."
    )
    return "\n".join(lines)


def _keep_unmeasured(data: dict) -> None:
    """A run of some lines (--only) or some sizes (--growth-sizes) replaces those cells and
    keeps the others from the file, each line with the loads of the runs that measured it."""
    if not RESULTS.exists():
        return
    old = json.loads(RESULTS.read_text(encoding="utf-8"))
    if not set(data["sizes"]) <= set(old.get("sizes", ())):
        return  # other sizes: a table of their own
    loads = {name: old.get("loads", {}).get(name, old.get("load", "")) for name in old["lines"]}
    merged = {name: dict(values) for name, values in old["lines"].items()}
    skipped = {name: list(sizes) for name, sizes in old.get("skipped", {}).items()}
    whole = data["sizes"] == old["sizes"]
    for name, values in data["lines"].items():
        if whole or name not in merged:
            merged[name], loads[name] = dict(values), data["load"]
            skipped[name] = list(data["skipped"].get(name, []))
        else:
            merged[name].update(values)
            loads[name] = f"{loads.get(name, '')}; {', '.join(map(str, data['sizes']))}: {data['load']}"
            skipped[name] = [n for n in skipped.get(name, []) if str(n) not in values]
    data["sizes"] = old["sizes"]
    order = [name for name, _ in LINES]
    data["lines"] = {name: merged[name] for name in order if name in merged}
    data["units"] = {name: unit for name, unit in LINES if name in merged}
    data["loads"] = {name: loads[name] for name in data["lines"]}
    data["skipped"] = {name: sizes for name, sizes in skipped.items() if sizes and name in data["lines"]}


def main(
    sizes: tuple[int, ...], budget: float, only: tuple[str, ...] | None = None, save: bool = True
) -> int:
    import os

    from .suite import CACHE

    load = f"load average {os.getloadavg()[0]:.1f} at the start"
    data = run_growth(sizes, budget, CACHE / "growth", lambda m: print(m, flush=True), only)
    data["load"] = load + f", {os.getloadavg()[0]:.1f} at the end"
    print(markdown(data, data["load"]))
    if save:
        _keep_unmeasured(data)
        RESULTS.write_text(json.dumps(data, indent=1), encoding="utf-8")
        print(f"results: {RESULTS}")
    return 0
