"""The writer alone at full size: a re-publish from a delta of ~50 changed files into a package of
~419,000 files (the layout of a full-size publish: 15 languages, the page tree's answers by id
and URL, one large pages/ and locations/ list per language), against a full write.

    python -m benchmarks.delta_write /tmp/somewhere [--files 419000] [--no-full-zip]

Synthetic files (words drawn from a fixed seed, JSON-like, compressing about as the real
package does); the writer does not look into them. Prints wall and CPU time of each step and
the load average. Not part of the suite (it needs ~2 GB of disk and minutes for the first write).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from export.integreat.package_data import FORMAT
from export.integreat.writer import PackageDelta, live_run, write_package

LANGUAGES = ["de", "en", "ar", "fa", "ru", "uk", "tr", "ti", "so", "fr", "es", "pl", "ro", "ps", "ku"]
WORDS = (
    "Beratung Angebot Sprache Kurs Termin Anmeldung Familie Kinder Arbeit Wohnung Schule Gesundheit "
    "Integration Frauen Jugend Treffpunkt Hilfe Ämter Formulare kostenlos offen Montag Dienstag "
    "Mittwoch Donnerstag Freitag Uhr Straße Platz Telefon E-Mail Zentrum Verein Stadt Landkreis"
).split()


def _text(rng: random.Random, size: int) -> bytes:
    words = []
    length = 0
    while length < size:
        word = rng.choice(WORDS) if rng.random() < 0.8 else f"{rng.randrange(100000)}"
        words.append(word)
        length += len(word) + 1
    return ('{"content":"' + " ".join(words) + '"}\n').encode("utf-8")


def _list(rng: random.Random, size: int) -> bytes:
    """A JSON list of page-like items (~2 KB each) of about ``size`` bytes, as the Dumper joins them."""
    items = []
    length = 0
    number = 0
    while length < size:
        item = _text(rng, rng.randrange(1200, 2800))[:-2] + b',"id":%d}' % number
        items.append(item)
        length += len(item) + 1
        number += 1
    return b"[" + b",".join(items) + b"]\n"


def _changed_item(data: bytes, rng: random.Random) -> bytes:
    """The list with one item's text changed (as one offer edited)."""
    marker = b',"id":%d}' % rng.randrange(data.count(b',"id":') - 1)
    end = data.index(marker)
    start = data.rindex(b'{"content":"', 0, end)
    return data[:start] + _text(rng, rng.randrange(1200, 2800))[:-2] + data[end:]


def files(count: int, seed: int = 1) -> Iterator[tuple[str, bytes]]:
    """``count`` files in the layout of a publish (per language: 2 big lists, the rest small)."""
    rng = random.Random(seed)
    per_language = count // len(LANGUAGES)
    for lang in LANGUAGES:
        base = f"api/v3/region/{lang}"
        yield f"{base}/pages/index.json", _list(rng, 20_000_000)
        yield f"{base}/locations/index.json", _list(rng, 6_000_000)
        kinds = ["children/id", "children/url", "page/id", "page/url", "parents/id"]
        for number in range(per_language - 2):
            kind = kinds[number % len(kinds)]
            yield f"{base}/{kind}/{number // len(kinds)}/index.json", _text(rng, rng.randrange(300, 2400))


def _manifest() -> dict[str, object]:
    return {"format": FORMAT, "format_version": 1, "region": {"slug": "region"}}


def _timed(label: str, action) -> object:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    print(
        f"{label}: wall {time.perf_counter() - wall:.2f} s, CPU {time.process_time() - cpu:.2f} s, "
        f"load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    return result


def _delta(out: Path, round_number: int, count: int) -> PackageDelta:
    """One offer changed: its page in every language, the big lists, a parent's children."""
    rng = random.Random(1000 + round_number)
    changed: dict[str, bytes] = {}
    per_language = count // len(LANGUAGES)
    pick = rng.randrange(per_language // 5 - 1)
    for lang in LANGUAGES:
        base = f"api/v3/region/{lang}"
        pages = (out / base / "pages/index.json").read_bytes()
        changed[f"{base}/pages/index.json"] = _changed_item(pages, rng)
        changed[f"{base}/page/id/{pick}/index.json"] = _text(rng, 1500)
        changed[f"{base}/children/id/{pick}/index.json"] = _text(rng, 1500)
    places = (out / "api/v3/region/de/locations/index.json").read_bytes()
    changed["api/v3/region/de/locations/index.json"] = _changed_item(places, rng)
    changed[f"api/v3/region/de/children/url/new-{round_number}/index.json"] = _text(rng, 800)
    return PackageDelta(live_run(out) or "", changed, frozenset())


def fabricate(out: Path) -> None:
    """Two more runs beside the live one without publishing them (hard-linked copies of its files,
    a copy of its zip, records of no change): the live run's records then reach a spare, as after
    two re-publishes, so the first delta already takes the fast path. Saves two O(package)
    publishes of the benchmark, not part of the measurement."""
    import json
    import subprocess

    from export.integreat.reuse import CHANGES

    versions = out.parent / f".{out.name}.versions"
    live = Path(os.readlink(versions / "current"))
    live_dir = versions / live
    base = json.loads((live_dir / "package" / "manifest.json").read_text(encoding="utf-8"))
    names = {"previous": f"{live}-p", "spare": f"{live}-s"}
    for role, run in names.items():
        target = versions / (run if role == "previous" else "spare")
        target.mkdir()
        subprocess.run(["cp", "-al", str(live_dir / "package"), str(target / "package")], check=True)
        manifest = target / "package" / "manifest.json"
        manifest.unlink()
        manifest.write_text(json.dumps({**base, "run": run}), encoding="utf-8")
        for name in ("package.zip", "package.zip.code", "package.zip.index", "package.zip.pieces"):
            shutil.copyfile(live_dir / name, target / name)  # a real copy: a patch changes it
    record = {"changed": [], "removed": []}
    (live_dir / CHANGES).write_text(json.dumps({"base": names["previous"], **record}), encoding="utf-8")
    previous = versions / names["previous"]
    (previous / CHANGES).write_text(json.dumps({"base": names["spare"], **record}), encoding="utf-8")
    os.symlink(names["previous"], versions / "previous.new")
    os.replace(versions / "previous.new", versions / "previous")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=419_000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--fabricate", action="store_true", help="make the spare without publishing twice")
    args = parser.parse_args()
    out = args.folder / "pkg"
    if not out.exists():
        shutil.rmtree(args.folder, ignore_errors=True)
        args.folder.mkdir(parents=True)
        _timed(
            f"full write of {args.files} files with the zip",
            lambda: write_package(out, files(args.files), _manifest, make_zip=True),
        )
    if args.fabricate:
        _timed("two runs made beside the live one (not measured)", lambda: fabricate(out))
    for number in range(args.rounds):
        delta = _timed("make the delta (not the writer)", lambda n=number: _delta(out, n, args.files))
        assert isinstance(delta, PackageDelta)
        megabytes = sum(map(len, delta.changed.values())) >> 20
        _timed(
            f"delta write of {len(delta.changed)} changed files ({megabytes} MB)",
            lambda d=delta: write_package(out, None, _manifest, make_zip=True, delta=d),
        )


if __name__ == "__main__":
    main()
