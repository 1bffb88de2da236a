"""What a killed command leaves (a half-written export beside its target, a SQLite backup being
copied, a CMS import's temporary folder) is removed by the
next command of any kind, not only by publish, serve and verify; what a running command is still
writing is left alone."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from desktop.cli import main

from . import procs, workers
from .region import small_region

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def _killed(what: str, target: Path, temp: Path) -> None:
    child = procs.start(workers.killed_while_writing, what, str(target), str(temp))
    child.join(60)
    assert child.exitcode == -9, (what, child.exitcode)


def _lotse(*argv: str) -> int:
    return main(list(argv))


@pytest.fixture
def temp(tmp_path, monkeypatch):
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_next_command_removes_what_killed_commands_left(tmp_path, temp, capsys):
    database = tmp_path / "lotse.sqlite"
    small_region("sqlite:///" + str(database), offers=1)
    exports = tmp_path / "exports"
    exports.mkdir()
    _killed("atomic", exports / "offers.xliff", temp)
    _killed("backup", database, temp)
    _killed("folder", temp, temp)
    left = sorted(p.name for p in [*exports.iterdir(), *tmp_path.iterdir(), *temp.iterdir()])
    assert any(n.startswith(".offers.xliff.") and n.endswith(".part") for n in left), left
    assert any(n.startswith("lotse.sqlite.migrate-") and n.endswith(".part") for n in left), left
    assert any(n.startswith("lotse-cms-") for n in left), left

    # a command that only reads the database removes the backup and the temporary folder
    assert _lotse("offers", "list", "--db", str(database)) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert [p for p in temp.iterdir() if p.name.startswith("lotse-")] == []
    # one that names a file removes what a killed write left beside it
    assert (
        _lotse(
            "xliff",
            "export",
            "--lang",
            "en",
            "--single-file",
            "--out",
            str(exports / "en.xliff"),
            "--db",
            str(database),
        )
        == 0
    )
    assert sorted(p.name for p in exports.iterdir()) == ["en.xliff"]
    capsys.readouterr()


def test_what_a_running_command_writes_is_left_alone(tmp_path, temp):
    database = tmp_path / "lotse.sqlite"
    small_region("sqlite:///" + str(database), offers=1)
    ready, done = procs.context().Event(), procs.context().Event()
    child = procs.start(workers.writing_until_told, str(tmp_path / "offers.xliff"), str(temp), ready, done)
    try:
        assert ready.wait(60)
        assert _lotse("offers", "list", "--db", str(database), "--json") == 0
        assert (
            _lotse(
                "xliff",
                "export",
                "--lang",
                "en",
                "--single-file",
                "--out",
                str(tmp_path / "en.xliff"),
                "--db",
                str(database),
            )
            == 0
        )
        assert [p for p in tmp_path.iterdir() if p.name.startswith(".offers.xliff.")], (
            "a live write was removed"
        )
        assert [p for p in temp.iterdir() if p.name.startswith("lotse-cms-")], "a live folder was removed"
    finally:
        done.set()
        child.join(60)
