"""``lotse translate`` / ``lotse backtranslate`` on the demo region against the local service."""

from __future__ import annotations

import json
import shutil

from desktop.cli import main
from desktop.db import open_database
from desktop.offers import list_offers


def _demo(demo_template, tmp_path) -> str:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    return str(path)


def test_translate_demo_region_then_second_run_sends_no_request(demo_template, tmp_path, mt_server, capsys):
    db = _demo(demo_template, tmp_path)
    args = [
        "translate",
        "--db",
        db,
        "--lang",
        "ar,uk,fa",
        "--provider",
        "libretranslate",
        "--url",
        mt_server.url,
    ]
    assert main(args + ["--dry-run", "--json"]) == 0
    planned = json.loads(capsys.readouterr().out)
    assert planned["words"] > 1000 and mt_server.requests == 0
    assert main(args + ["--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["translated"] > 50 and first["failed"] == 0 and first["requests"] >= mt_server.requests > 0
    database = open_database(db)
    try:
        rows = [r for r in list_offers(database) if r.state != "archived"]
    finally:
        database.dispose()
    assert not [r.id for r in rows for c in ("ar", "uk", "fa") if r.statuses[c] == "missing"]
    # the only outdated texts left are ones a person checked or approved: their proposal waits beside them
    database = open_database(db)
    try:  # pages and events are translated the same way (the demo has an outdated page)
        rows += [
            r for kind in ("page", "event") for r in list_offers(database, kind=kind) if r.state != "archived"
        ]
    finally:
        database.dispose()
    outdated = sum(1 for r in rows for c in ("ar", "uk", "fa") if r.statuses[c] == "outdated")
    assert outdated == first["kept_reviewed"]
    mt_server.reset_counts()
    assert main(args + ["--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert mt_server.requests == 0 and second["requests"] == 0 and second["translated"] == 0


def test_failures_give_a_non_zero_exit_with_the_count(demo_template, tmp_path, mt_server, capsys):
    db = _demo(demo_template, tmp_path)
    mt_server.fail_next(10_000, 503)
    code = main(
        [
            "translate",
            "--db",
            db,
            "--lang",
            "uk",
            "--offer",
            "1",
            "2",
            "--provider",
            "libretranslate",
            "--url",
            mt_server.url,
            "--retries",
            "1",
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "Texte fehlgeschlagen" in captured.err and "LibreTranslate" in captured.out
    assert mt_server.requests == 2  # the first try and one retry


def test_no_provider_chosen_says_what_to_do(demo_template, tmp_path, capsys):
    db = _demo(demo_template, tmp_path)
    code = main(["translate", "--db", db, "--lang", "uk", "--offer", "1"])
    out = capsys.readouterr()
    assert code == 1 and "--provider" in out.out + out.err


def test_backtranslate(demo_template, tmp_path, mt_server, capsys):
    db = _demo(demo_template, tmp_path)
    args = [
        "--db",
        db,
        "--lang",
        "uk",
        "--offer",
        "1",
        "2",
        "3",
        "--provider",
        "libretranslate",
        "--url",
        mt_server.url,
    ]
    assert main(["translate", *args]) == 0
    capsys.readouterr()
    assert main(["backtranslate", *args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["translated"] == 3 and report["failed"] == 0


def test_glossary_and_memory_commands(demo_template, tmp_path, mt_server, capsys):
    db = _demo(demo_template, tmp_path)
    assert main(["glossary", "add", "Jobcenter", "--db", db]) == 0
    assert (
        main(
            ["glossary", "add", "Integrationskurs", "--lang", "en", "--as", "integration course", "--db", db]
        )
        == 0
    )
    assert main(["glossary", "list", "--db", db, "--json"]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "translate",
                "--db",
                db,
                "--lang",
                "en",
                "--offer",
                "1",
                "--provider",
                "libretranslate",
                "--url",
                mt_server.url,
                "--force",
            ]
        )
        == 0
    )
    tmx = tmp_path / "memory.tmx"
    assert main(["memory", "export", str(tmx), "--db", db]) == 0
    assert "<tu" in tmx.read_text("utf-8")
    assert main(["memory", "import", str(tmx), "--db", db]) == 0
    assert "schon bekannt" in capsys.readouterr().out
