"""The writer's delta path (write_package(..., delta=PackageDelta(...))): a run written as changes to
the live run gives the folder a full write of the same files gives, byte for byte, and the zip
with the same entries; a delta against another run is refused before anything changes."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export.integreat import writer
from export.integreat.package_data import FORMAT
from export.integreat.writer import DeltaUnusable, PackageDelta, live_run, write_package


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


def _zip_entries(path: Path) -> dict[str, tuple[bytes, tuple, int]]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {i.filename: (archive.read(i), i.date_time, i.external_attr) for i in archive.infolist()}


PATHS = st.builds(
    lambda folder, sub, name: "/".join(p for p in (folder, sub, name) if p),
    st.sampled_from(["api/v3/r/de", "api/v3/r/en", "media", "lotse", ""]),
    st.sampled_from(["", "pages", "children/id/1", "children/id/2"]),
    st.sampled_from(["index.json", "a.json", "b.ics", "c.png"]),
).filter(lambda p: p != "manifest.json")
CONTENT = st.binary(max_size=300) | st.sampled_from([b"", b"same", b"[]\n", b"x" * 5000])
FILES = st.dictionaries(PATHS, CONTENT, min_size=1, max_size=25)


@st.composite
def rounds(draw) -> tuple[dict[str, bytes], list[tuple[dict[str, bytes], frozenset[str]]]]:
    """First files, then 1-4 deltas: some files changed, some new, some removed."""
    state = draw(FILES)
    first = dict(state)
    steps = []
    for _ in range(draw(st.integers(1, 4))):
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
        for number, (changed, removed) in enumerate(steps, start=1):
            delta = PackageDelta(live_run(ours) or "", changed, removed)
            _delta(ours, delta, f"run-{number}", monkeypatch)
            for name in removed:
                state.pop(name, None)
            state.update(changed)
            tree = _tree(ours)
            tree.pop("manifest.json")
            assert tree == state, f"after delta {number}"
            assert live_run(ours) == f"run-{number}"
        _full(theirs, state, f"run-{len(steps)}", monkeypatch)
    assert _tree(ours) == _tree(theirs)  # manifest included: same files, same run
    assert _zip_entries(Path(f"{ours}.zip")) == _zip_entries(Path(f"{theirs}.zip"))


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
    assert _tree(out) == {
        **{k: v for k, v in before.items() if k != "b.json" and k != "manifest.json"},
        "c.json": b"4",
        "manifest.json": (out / "manifest.json").read_bytes(),
    }
    assert set(_zip_entries(Path(f"{out}.zip"))) == {"a/index.json", "c.json", "manifest.json"}


@pytest.mark.parametrize(
    ("changed", "removed"),
    [
        ({"../x": b""}, frozenset()),
        ({"/etc/x": b""}, frozenset()),
        ({"manifest.json": b"{}"}, frozenset()),
        ({"a//b": b""}, frozenset()),
        ({"a": b""}, frozenset({"a"})),
        ({}, frozenset({"a/./b"})),
    ],
)
def test_a_delta_with_paths_outside_the_package_is_refused(changed, removed):
    with pytest.raises(ValueError):
        PackageDelta("run-1", changed, removed)
