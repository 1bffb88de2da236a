"""Kills injected between every pair of file operations of a publish (the writer's STEP_HOOK):
after each kill a complete, verified package of the previous or the new run is at DIR, its zip
belongs to it, and the next start leaves no leftovers. Random kills rarely hit a gap of a few
microseconds; these hit each one. Also from a package folder of the old layout (a real folder)."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest

from desktop.publish import tidy_package_folder
from export.integreat.package_data import FORMAT
from export.integreat.verify import verify_package
from export.integreat.writer import write_package

from . import procs, workers
from .region import small_region

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and symlinks")


def _publish(
    url: str, package: Path, kill_at: int, stamp: int, steps: Path, no_exchange: bool = False
) -> int:
    """Run one publish in a child; returns its exit code (-9 when the injected kill hit)."""
    child = procs.start(workers.publish_killed_at, url, str(package), kill_at, stamp, str(steps), no_exchange)
    child.join(120)
    return child.exitcode


def _steps(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    path.unlink(missing_ok=True)
    return [re.sub(r"\d{8}T\d{6}-\d+-[0-9a-f]+", "RUN", line.split("\t", 1)[1]) for line in lines]


def _generated(package: Path) -> str:
    return json.loads((package / "manifest.json").read_text(encoding="utf-8"))["generated_at"]


def _whole(package: Path, zip_too: bool = True) -> list[str]:
    """What a reader finds wrong at DIR: the package verified, and DIR.zip (if any) of the same run."""
    problems = [p.message("en") for p in verify_package(package) if p.severity != "warning"]
    zip_path = package.parent / (package.name + ".zip")
    if zip_too and zip_path.exists():
        with zipfile.ZipFile(zip_path) as archive:
            if archive.read("manifest.json") != (package / "manifest.json").read_bytes():
                problems.append("the zip belongs to another run than the folder")
    return problems


def _leftovers(package: Path) -> list[str]:
    versions = package.parent / f".{package.name}.versions"
    # the spare is the run before the previous one, kept for the next publish to recycle
    runs = [p.name for p in versions.iterdir() if p.name not in ("lock", "current", "previous", "spare")]
    beside = [p.name for p in package.parent.iterdir() if p.name.startswith(f".{package.name}")]
    sidecar = f".{package.name}.build.sqlite"  # what the live run was built from (build_state.py)
    return ([f"runs: {runs}"] if len(runs) > 2 else []) + [
        n for n in beside if n not in (versions.name, sidecar)
    ]


def _kill_at_every_gap(
    url: str,
    package: Path,
    tmp_path: Path,
    first_stamp: int,
    prepare=None,
    from_step: str = "",
    spare: bool = True,
    no_exchange: bool = False,
    hole: str = "",
) -> int:
    """Count a publish's file operations, then kill one publish at each (from the first
    ``from_step`` on, if given); returns the number of kills. ``hole``: the one step before which
    a kill may leave no DIR until the next start (the two-rename fallback's gap)."""
    steps_file = tmp_path / "steps.txt"
    steps_file.unlink(missing_ok=True)
    if prepare:
        prepare()
    else:
        if spare:
            _keep_a_spare(url, package, first_stamp - 100, steps_file)
        else:
            _drop_the_spare(package)
        # which way a publish goes (a delta on the spare, a full write) depends on the runs and
        # the build sidecar before it: every killed publish starts from this very state
        prepare = _saved_state(url, package, tmp_path)
    assert _publish(url, package, 0, first_stamp, steps_file, no_exchange) == 0
    gaps = _steps(steps_file)
    assert "rename current" in gaps
    prepare()  # the counting publish changed the state; each kill starts from the one before it
    good = _generated(package)
    first = gaps.index(from_step) + 1 if from_step else 1
    for number, what in enumerate(gaps, start=1):
        if number < first:
            continue
        stamp = first_stamp + number
        assert _publish(url, package, number, stamp, steps_file, no_exchange) == -9, f"kill before {number}"
        reached = _steps(steps_file)
        assert len(reached) == number and reached[-1] == what, (number, what, reached[-3:])
        # What a reader sees right after the kill, before anything repairs it. Replacing a folder of
        # the old layout takes two names (DIR, then DIR.zip): in that one migration the zip is
        # made to match by the next start's recovery.
        if what == hole:
            assert not package.exists(), "the fallback's gap: DIR renamed aside, the link not yet in place"
        else:
            assert _whole(package, zip_too=prepare is None) == [], (
                f"kill before step {number} ({what}): at once"
            )
            assert _generated(package) in (good, workers_stamp(stamp)), f"kill before {number} ({what})"
        tidy_package_folder(package)  # the next start (window, publish, serve, verify) repairs
        assert _whole(package) == [], f"kill before step {number} ({what}): after recovery"
        assert _leftovers(package) == [], f"kill before step {number} ({what})"
        now = _generated(package)
        assert now in (good, workers_stamp(stamp))
        good = now
        prepare()
        good = _generated(package)
    return len(gaps) - first + 1


def _saved_state(url: str, package: Path, tmp_path: Path) -> Callable[[], None]:
    """A copy of the package's folder (runs, links, sidecar) and of the database now; the
    function returned puts both back as they were."""
    database = Path(url.removeprefix("sqlite:///"))
    site, saved = package.parent, tmp_path / "saved-state"
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(site, saved / site.name, symlinks=True)
    for file in database.parent.glob(database.name + "*"):
        shutil.copy2(file, saved / file.name)

    def restore() -> None:
        shutil.rmtree(site)
        shutil.copytree(saved / site.name, site, symlinks=True)
        for file in database.parent.glob(database.name + "*"):
            file.unlink()
        for file in saved.glob(database.name + "*"):
            shutil.copy2(file, database.parent / file.name)

    return restore


def _drop_the_spare(package: Path) -> None:
    """A publish without a spare run to recycle writes (or links) every file and folder."""
    shutil.rmtree(package.parent / f".{package.name}.versions" / "spare", ignore_errors=True)


def _keep_a_spare(url: str, package: Path, stamp: int, steps_file: Path) -> bool:
    """Publish (not killed) until the versions hold a spare run, as they do from the third
    publish on, so every killed publish starts from the same state and takes the same steps
    (recycling the spare; a kill while it is recycled costs the spare). True if it published."""
    spare = package.parent / f".{package.name}.versions" / "spare"
    published = False
    while not spare.is_dir():
        assert _publish(url, package, 0, stamp, steps_file) == 0
        steps_file.unlink(missing_ok=True)
        stamp, published = stamp + 1, True
    return published


def workers_stamp(seconds: int) -> str:
    from datetime import UTC, datetime, timedelta

    return (datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)).isoformat(timespec="seconds")


def test_a_kill_between_any_two_file_operations_leaves_a_whole_package(tmp_path, record_property):
    url = "sqlite:///" + str(tmp_path / "lotse.sqlite")
    small_region(url, offers=3)
    package = tmp_path / "site" / "pkg"
    assert _publish(url, package, 0, 1, tmp_path / "steps.txt") == 0  # the previous run
    fresh = _kill_at_every_gap(url, package, tmp_path, first_stamp=1000, spare=False)
    recycled = _kill_at_every_gap(url, package, tmp_path, first_stamp=3000)
    gaps = fresh + recycled
    record_property("publish_file_operations_killed", gaps)
    print(
        f"\n{gaps} kills, one before each file operation of a publish ({fresh} into a new run, "
        f"{recycled} recycling the spare run): a whole package every time"
    )
    assert fresh > 30 and recycled > 10
    # A plain static web server serving DIR (no knowledge of the layout) answers from the package.
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(package)))
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        connection.request("GET", "/api/v3/regions/index.json")
        response = connection.getresponse()
        assert response.status == 200 and json.loads(response.read())[0]["path"]
        assert _publish(url, package, 0, 5000, tmp_path / "steps.txt") == 0  # a publish while it serves
        connection.request("GET", "/manifest.json")
        assert json.loads(connection.getresponse().read())["generated_at"] == workers_stamp(5000)
    finally:
        server.shutdown()
        server.server_close()
    # `lotse serve DIR` follows the link at every request too: a publish while it runs is seen at once.
    from desktop.serve import serve_in_background

    served, _thread = serve_in_background(package)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", served.server_address[1], timeout=10)
        connection.request("GET", "/api/v3/regions/")
        assert connection.getresponse().status == 200
        assert _publish(url, package, 0, 6000, tmp_path / "steps.txt") == 0
        connection.request("GET", "/manifest.json")
        assert json.loads(connection.getresponse().read())["generated_at"] == workers_stamp(6000)
    finally:
        served.shutdown()
        served.server_close()


def test_kills_while_a_folder_of_the_old_layout_is_replaced(tmp_path):
    """DIR a real folder (as publishes before the versioned layout left it): each kill of the first
    publish leaves the old package or the new one."""
    url = "sqlite:///" + str(tmp_path / "lotse.sqlite")
    small_region(url, offers=2)
    package = tmp_path / "site" / "pkg"
    assert _publish(url, package, 0, 1, tmp_path / "steps.txt") == 0
    old = tmp_path / "old-layout"
    shutil.copytree(package, old)  # the real folder, as the old writer left it
    shutil.copyfile(str(package) + ".zip", tmp_path / "old-layout.zip")

    def prepare() -> None:
        for link in (package, Path(str(package) + ".zip")):
            if link.is_symlink() or link.is_file():
                link.unlink()
            elif link.is_dir():
                shutil.rmtree(link)
        shutil.rmtree(package.parent / ".pkg.versions", ignore_errors=True)
        shutil.copytree(old, package)
        shutil.copyfile(tmp_path / "old-layout.zip", str(package) + ".zip")

    # the operations before the switch are those of the test above; from the switch on they differ
    kills = _kill_at_every_gap(url, package, tmp_path, 2000, prepare=prepare, from_step="symlink current")
    assert kills >= 8


def test_kills_in_the_two_rename_fallback_without_renameat2(tmp_path):
    """Where renameat2(RENAME_EXCHANGE) is missing (older kernels, some file systems) a folder of the
    old layout is replaced by two renames: DIR aside, then the link to DIR. A kill before each file
    operation of such a publish (every one, not only those of the switch) leaves the old package or
    the new one; between the two renames there is no DIR, and the next start puts one back."""
    url = "sqlite:///" + str(tmp_path / "lotse.sqlite")
    small_region(url, offers=2)
    package = tmp_path / "site" / "pkg"
    assert _publish(url, package, 0, 1, tmp_path / "steps.txt") == 0
    old = tmp_path / "old-layout"
    shutil.copytree(package, old)
    shutil.copyfile(str(package) + ".zip", tmp_path / "old-layout.zip")

    def prepare() -> None:
        for link in (package, Path(str(package) + ".zip")):
            if link.is_symlink() or link.is_file():
                link.unlink()
            elif link.is_dir():
                shutil.rmtree(link)
        shutil.rmtree(package.parent / ".pkg.versions", ignore_errors=True)
        shutil.copytree(old, package)
        shutil.copyfile(tmp_path / "old-layout.zip", str(package) + ".zip")

    steps_file = tmp_path / "steps.txt"
    steps_file.unlink()
    prepare()
    assert _publish(url, package, 0, 2999, steps_file, no_exchange=True) == 0
    gaps = _steps(steps_file)
    # the fallback ran (two renames per name), not the exchange
    assert "rename pkg aside" in gaps and "rename link pkg" in gaps, gaps[-12:]
    assert "remove old pkg" in gaps
    kills = _kill_at_every_gap(
        url, package, tmp_path, 3000, prepare=prepare, no_exchange=True, hole="rename link pkg"
    )
    assert kills == len(gaps) and kills > 30


def _delta_publish(package: Path, kill_at: int, stamp: int, steps: Path, full: bool = False) -> int:
    child = procs.start(workers.delta_killed_at, str(package), kill_at, stamp, str(steps), full)
    child.join(120)
    return child.exitcode


def _state(package: Path) -> dict[str, bytes]:
    """The package's files but the manifest (and its parts), as a reader gets them."""
    return {
        p.relative_to(package).as_posix(): p.read_bytes()
        for p in sorted(package.rglob("*"))
        if p.is_file()
        and p.name != "manifest.json"
        and not p.relative_to(package).as_posix().startswith("manifest/")
    }


def _after_delta(state: dict[str, bytes], stamp: int) -> dict[str, bytes]:
    changed, removed = workers.delta_files(stamp)
    return {**{k: v for k, v in state.items() if k not in removed}, **changed}


def _zip_matches(package: Path) -> list[str]:
    with zipfile.ZipFile(str(package) + ".zip") as archive:
        if archive.testzip() is not None:
            return ["a damaged zip entry"]
        inside = {name: archive.read(name) for name in archive.namelist()}
    on_disk = {p.relative_to(package).as_posix(): p.read_bytes() for p in package.rglob("*") if p.is_file()}
    return (
        []
        if inside == on_disk
        else [f"the zip differs from the folder: {sorted(set(inside) ^ set(on_disk))[:3]}"]
    )


def test_kills_while_a_delta_brings_the_spare_up_to_date(tmp_path, record_property):
    """A publish from a delta (the spare run brought up to date from the recorded changes, its zip
    patched): a kill before each of its file operations leaves the old or the new package, whole,
    its zip of the same run; and the next delta publish after the recovery gives exactly the files
    it should, its zip equal to the folder (a kill that cost the spare or its zip's index makes it
    write more, never wrongly)."""
    package = tmp_path / "site" / "pkg"
    site = tmp_path / "site"
    steps = tmp_path / "steps.txt"
    first = {f"lotse/gone/{n}.json": b"{}\n" for n in range(3)} | {"lotse/keep.json": b"1\n"}
    write_package(
        package, sorted(first.items()), lambda: {"format": FORMAT, "generated_at": "x"}, make_zip=True
    )
    for stamp in (2, 3):  # three full runs: the first becomes the spare, the records reach it
        assert _delta_publish(package, 0, stamp, steps, full=True) == 0
    steps.unlink(missing_ok=True)
    saved = tmp_path / "saved"
    shutil.copytree(site, saved, symlinks=True)

    def restore() -> None:
        shutil.rmtree(site)
        shutil.copytree(saved, site, symlinks=True)

    before = _state(package)
    old = _generated(package)
    assert _delta_publish(package, 0, 100, steps) == 0
    gaps = _steps(steps)
    assert "recycle spare" in gaps and "patch package.zip" in gaps and "rename current" in gaps, gaps
    assert _state(package) == _after_delta(before, 100)
    kills = 0
    for number, what in enumerate(gaps, start=1):
        restore()
        assert _delta_publish(package, number, 100, steps) == -9, f"kill before {number}"
        reached = _steps(steps)
        assert len(reached) == number and reached[-1] == what, (number, what, reached[-3:])
        assert _whole(package) == [], f"kill before step {number} ({what}): at once"
        generated = _generated(package)
        assert generated in (old, workers_stamp(100)), (number, what)
        tidy_package_folder(package)
        assert _whole(package) == [] and _leftovers(package) == [], f"kill before step {number} ({what})"
        now = _state(package)
        assert now == (before if generated == old else _after_delta(before, 100)), (number, what)
        # the next delta publish from whatever the kill left
        assert _delta_publish(package, 0, 200 + number, steps) == 0, (
            f"after the kill before {number} ({what})"
        )
        steps.unlink(missing_ok=True)
        assert _state(package) == _after_delta(now, 200 + number), f"after the kill before {number} ({what})"
        assert _whole(package) == [] and _zip_matches(package) == [], (
            f"after the kill before {number} ({what})"
        )
        kills += 1
    record_property("delta_publish_file_operations_killed", kills)
    print(f"\n{kills} kills, one before each file operation of a delta publish: a whole package every time")
    assert kills > 15
