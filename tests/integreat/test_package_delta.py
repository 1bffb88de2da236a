"""The writer's delta path (write_package(..., delta=PackageDelta(...))): a run written as changes to
the live run gives the folder a full write of the same files gives, byte for byte, and the zip
with the same entries; a delta against another run is refused before anything changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export.integreat import writer
from export.integreat.delta_write import plan_catch_up
from export.integreat.manifest_parts import is_part
from export.integreat.package_data import FORMAT
from export.integreat.verify import verify_package
from export.integreat.writer import DeltaUnusable, PackageDelta, live_run, write_package
from export.integreat.zip_pieces import BIG, read_rows

from .zip_compare import zip_entries, zip_layout


def _manifest() -> dict:
    return {"format": FORMAT, "format_version": 1, "region": {"slug": "r"}}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _full(out: Path, files: dict[str, bytes], run: str, monkeypatch) -> dict:
    monkeypatch.setattr(writer, "new_run_id", lambda: run)
    manifest, _zip, _size = write_package(out, sorted(files.items()), _manifest, make_zip=True)
    return manifest


def _delta(out: Path, delta: PackageDelta, run: str, monkeypatch) -> dict:
    monkeypatch.setattr(writer, "new_run_id", lambda: run)
    manifest, _zip, _size = write_package(out, None, _manifest, make_zip=True, delta=delta)
    return manifest


PATHS = st.builds(
    lambda folder, sub, name: "/".join(p for p in (folder, sub, name) if p),
    st.sampled_from(["api/v3/r/de", "api/v3/r/en", "media", "lotse", ""]),
    st.sampled_from(["", "pages", "children/id/1", "children/id/2"]),
    st.sampled_from(["index.json", "a.json", "b.ics", "c.png"]),
).filter(lambda p: p != "manifest.json")
_LARGE = (
    b"[" + b",".join(b'{"id":%d,"text":"%s"}' % (n, b"abcdefgh"[n % 8 :] * 30) for n in range(7000)) + b"]\n"
)
# large lists (compressed in pieces): the same list with one item changed here or there
LARGE = [_LARGE] + [_LARGE.replace(b'{"id":%d,' % n, b'{"id":%d,"new":1,' % n) for n in (0, 3500, 6999)]
CONTENT = st.binary(max_size=300) | st.sampled_from([b"", b"same", b"[]\n", b"x" * 5000, *LARGE])
FILES = st.dictionaries(PATHS, CONTENT, min_size=1, max_size=25)


@st.composite
def rounds(draw) -> tuple[dict[str, bytes], list[tuple[dict[str, bytes], frozenset[str]]]]:
    """First files, then 3-5 deltas: some files changed, some new, some removed."""
    state = draw(FILES)
    first = dict(state)
    steps = []
    for _ in range(draw(st.integers(3, 5))):  # from the third on, the spare is brought up to date
        names = sorted(state)
        removed = (
            frozenset(draw(st.lists(st.sampled_from(names), max_size=4, unique=True)))
            if names
            else frozenset()
        )
        changed = draw(st.dictionaries(PATHS, CONTENT, max_size=8))
        changed = {k: v for k, v in changed.items() if k not in removed}
        # paths whose folder would collide with a file ("a/index.json" under a file "a") are not made here
        steps.append((changed, removed))
        for name in removed:
            state.pop(name, None)
        state.update(changed)
    return first, steps


def _final(first: dict[str, bytes], steps) -> dict[str, bytes]:
    state = dict(first)
    for changed, removed in steps:
        for name in removed:
            state.pop(name, None)
        state.update(changed)
    return state


@settings(
    max_examples=int(os.environ.get("LOTSE_DELTA_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=rounds())
def test_a_delta_write_gives_the_folder_and_zip_of_a_full_write(tmp_path_factory, plan):
    first, steps = plan
    tmp = tmp_path_factory.mktemp("delta")
    ours, theirs = tmp / "site" / "pkg", tmp / "fresh" / "pkg"
    state = dict(first)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _full(ours, first, "run-0", monkeypatch)
        versions = ours.parent / ".pkg.versions"
        plans: list[object] = []  # what the writer found for each delta (None: a full write)

        def planned(versions_dir, delta):
            plans.append(plan_catch_up(versions_dir, delta))
            return plans[-1]

        monkeypatch.setattr(writer, "plan_catch_up", planned)
        for number, (changed, removed) in enumerate(steps, start=1):
            delta = PackageDelta(live_run(ours) or "", changed, removed)
            spare = (versions / "spare").stat().st_ino if (versions / "spare").exists() else None
            spare_zip = versions / "spare" / "package.zip"
            zip_inode = spare_zip.stat().st_ino if spare_zip.exists() else None
            _delta(ours, delta, f"run-{number}", monkeypatch)
            if number >= 3:  # the spare (run number-3) became this run, brought up to date
                assert spare is not None and (versions / f"run-{number}").stat().st_ino == spare
                assert plans[-1] is not None, "the delta was written as changes to the spare"
                zip_now = versions / f"run-{number}" / "package.zip"
                assert zip_now.stat().st_ino == zip_inode, "the spare's zip was patched, not written anew"
            for name in removed:
                state.pop(name, None)
            state.update(changed)
            tree = {k: v for k, v in _tree(ours).items() if k != "manifest.json" and not is_part(k)}
            assert tree == state, f"after delta {number}"
            assert live_run(ours) == f"run-{number}"
        _full(theirs, state, f"run-{len(steps)}", monkeypatch)
    assert _tree(ours) == _tree(theirs)  # manifest included: same files, same run
    assert zip_entries(Path(f"{ours}.zip")) == zip_entries(Path(f"{theirs}.zip"))
    assert zip_layout(Path(f"{ours}.zip")) == zip_layout(Path(f"{theirs}.zip"))
    large = {k for k, v in state.items() if len(v) >= BIG}
    assert (
        set(read_rows(Path(f"{ours}.zip").resolve()))
        == large
        == set(read_rows(Path(f"{theirs}.zip").resolve()))
    )


def test_a_delta_against_another_run_is_refused_and_changes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "pkg"
    _full(out, {"a/index.json": b"1", "b.json": b"2"}, "run-1", monkeypatch)
    before = _tree(out)
    with pytest.raises(DeltaUnusable):
        _delta(out, PackageDelta("run-0", {"a/index.json": b"3"}, frozenset()), "run-2", monkeypatch)
    assert _tree(out) == before and live_run(out) == "run-1"
    with pytest.raises(DeltaUnusable):  # nothing published there yet
        _delta(tmp_path / "empty", PackageDelta("run-1", {"a.json": b"3"}, frozenset()), "run-3", monkeypatch)
    # the right base works, and a removed file is gone from folder, manifest and zip
    manifest = _delta(
        out, PackageDelta("run-1", {"c.json": b"4"}, frozenset({"b.json"})), "run-4", monkeypatch
    )
    assert manifest["run"] == "run-4"
    after = {k: v for k, v in _tree(out).items() if k != "manifest.json" and not is_part(k)}
    assert after == {"a/index.json": b"1", "c.json": b"4"}
    assert set(zip_entries(Path(f"{out}.zip"))) == {
        "a/index.json",
        "c.json",
        "manifest.json",
        "manifest/0000.json",
    }


@pytest.mark.parametrize(
    ("changed", "removed"),
    [
        ({"../x": b""}, frozenset()),
        ({"/etc/x": b""}, frozenset()),
        ({"manifest.json": b"{}"}, frozenset()),
        ({"a//b": b""}, frozenset()),
        ({"a": b""}, frozenset({"a"})),
        ({}, frozenset({"a/./b"})),
        ({"manifest/0000.json": b"{}"}, frozenset()),
    ],
)
def test_a_delta_with_paths_outside_the_package_is_refused(changed, removed):
    with pytest.raises(ValueError):
        PackageDelta("run-1", changed, removed)


def test_publish_verify_checks_the_parts_of_the_list_of_files(tmp_path, monkeypatch):
    out = tmp_path / "pkg"
    files = {f"lotse/{n}.json": b"[]\n" for n in range(700)}  # more than one part
    manifest = _full(out, files, "run-1", monkeypatch)
    assert len(manifest["parts"]) == 2 and manifest["file_count"] == 700
    assert [p for p in verify_package(out) if p.severity != "warning"] == []
    part = out / manifest["parts"][1]["path"]
    data = part.read_bytes()
    os.unlink(part)  # a run's files are hard links: replaced, never written in place
    part.write_bytes(data.replace(b'"bytes": 3', b'"bytes": 4', 1))
    problems = [p.message("en") for p in verify_package(out)]
    assert len(problems) == 1 and "SHA-256 differs" in problems[0] and "manifest/0001.json" in problems[0]
