"""The command line: the same operations as the window, scriptable, with one-line errors."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "LOTSE_LANG": "de", **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        cwd=ROOT,
    )


def assert_one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("lotse: ")
    return lines[0]


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("Lotse ")


def test_init_demo_then_list_json_prints_the_demo_offers(tmp_path):
    db = str(tmp_path / "x.sqlite")
    created = run_cli("init", "--db", db, "--demo")
    assert created.returncode == 0, created.stderr
    listed = run_cli("offers", "list", "--db", db, "--json")
    assert listed.returncode == 0, listed.stderr
    offers = json.loads(listed.stdout)
    assert len(offers) >= 40
    assert {"id", "title", "category", "municipality", "statuses"} <= set(offers[0])
    statuses = {s for o in offers for s in o["statuses"].values()}
    assert {"source", "missing", "machine", "checked", "approved", "outdated"} <= statuses


def test_list_filtered_by_language_and_show(demo_db, capsys):
    assert main(["offers", "list", "--db", demo_db.url, "--json", "--lang", "ar"]) == 0
    offers = json.loads(capsys.readouterr().out)
    assert all(list(o["statuses"]) == ["ar"] for o in offers)
    assert main(["offers", "show", str(offers[0]["id"]), "--db", demo_db.url, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == offers[0]["id"] and shown["texts"]["de"]["title"] == offers[0]["title"]
    assert main(["offers", "show", str(offers[0]["id"]), "--db", demo_db.url]) == 0
    assert offers[0]["title"] in capsys.readouterr().out


def test_db_is_taken_wherever_it_stands_on_the_command_line(demo_db, capsys, monkeypatch):
    """Before or after the command and its verb: a command's own --db must not reset it."""
    monkeypatch.delenv("LOTSE_DB", raising=False)
    for argv in (
        ["--db", demo_db.url, "offers", "list", "--json"],
        ["offers", "--db", demo_db.url, "list", "--json"],
        ["offers", "list", "--json", "--db", demo_db.url],
    ):
        assert main(argv) == 0, argv
        assert len(json.loads(capsys.readouterr().out)) >= 40, argv


def test_unknown_offer_id(demo_db, capsys):
    assert main(["offers", "show", "99999", "--db", demo_db.url]) == 1
    assert capsys.readouterr().err.strip() == (
        "lotse: Ein Angebot mit der Nummer 99999 gibt es nicht. „lotse offers list“ zeigt alle Nummern."
    )


def test_english_messages_when_the_locale_is_english(demo_db, capsys, monkeypatch):
    monkeypatch.setenv("LOTSE_LANG", "en")
    assert main(["offers", "show", "99999", "--db", demo_db.url]) == 1
    assert "There is no offer with id 99999" in capsys.readouterr().err


def test_database_path_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    line = assert_one_line_error(run_cli("init", "--db", str(blocker / "sub" / "lotse.sqlite")))
    assert "kann nicht angelegt werden" in line


def test_listing_a_database_that_does_not_exist_creates_nothing(tmp_path):
    path = tmp_path / "missing.sqlite"
    line = assert_one_line_error(run_cli("offers", "list", "--db", str(path)))
    assert "lotse init" in line and not path.exists()


def test_corrupt_sqlite_file_is_reported_and_untouched(tmp_path):
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is no database at all" * 100)
    before = path.read_bytes()
    line = assert_one_line_error(run_cli("offers", "list", "--db", str(path)))
    assert "keine SQLite-Datenbank" in line
    assert path.read_bytes() == before


def test_sqlite_with_damaged_pages_is_reported_and_untouched(tmp_path):
    path = tmp_path / "damaged.sqlite"
    assert run_cli("init", "--db", str(path)).returncode == 0
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # keep the header, destroy the schema page
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    before = path.read_bytes()
    line = assert_one_line_error(run_cli("offers", "list", "--db", str(path)))
    assert "beschädigt" in line
    assert path.read_bytes() == before


def test_database_from_newer_version_via_cli(tmp_path):
    path = tmp_path / "new.sqlite"
    assert run_cli("init", "--db", str(path)).returncode == 0
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    line = assert_one_line_error(run_cli("offers", "list", "--db", str(path)))
    assert "neueren Lotse-Version" in line


def test_postgres_server_that_is_down():
    from tests.support.pgserver import free_port

    url = f"postgresql://lotse@127.0.0.1:{free_port()}/lotse"
    line = assert_one_line_error(run_cli("offers", "list", "--db", url))
    assert "antwortet nicht" in line


def test_lotse_db_environment_variable_is_used(tmp_path):
    path = tmp_path / "env.sqlite"
    assert run_cli("init", env={"LOTSE_DB": str(path)}).returncode == 0
    assert path.exists()


@pytest.mark.parametrize("args", [["offers"], ["offers", "show", "abc"]])
def test_usage_errors_exit_non_zero(args):
    result = run_cli(*args)
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("language", "words", "codes"),
    [
        ("de", ["Veröffentlicht", "freigegeben", "fehlt"], ["published", "approved", "missing"]),
        ("en", ["Published", "approved", "missing"], ["Veröffentlicht", "freigegeben", "fehlt"]),
    ],
)
def test_reports_print_words_in_the_interface_language(demo_template, language, words, codes):
    """`offers list` and the publish report name states, statuses and reasons in words of the
    interface language, never as codes ("published", "check_failed", "phone")."""
    listed = run_cli("offers", "list", "--db", str(demo_template), env={"LOTSE_LANG": language})
    assert listed.returncode == 0, listed.stderr
    for word in words:
        assert word in listed.stdout
    for code in codes:
        assert code not in listed.stdout
    report = run_cli(
        "publish", "package", "--db", str(demo_template), "--dry-run", "--all", env={"LOTSE_LANG": language}
    )
    assert report.returncode == 0, report.stderr
    for code in ("check_failed", "below_policy", "not_published", "phone", "required_empty", "title"):
        assert not re.search(rf"\b{code}\b", report.stdout), code
