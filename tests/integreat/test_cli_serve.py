"""``lotse publish package`` and ``lotse serve``: the package served like the Integreat CMS serves its API."""

from __future__ import annotations

import json
import shutil
import socket
import urllib.error
import urllib.request
import zipfile

import pytest

from desktop.cli import main
from desktop.serve import serve_in_background
from export.integreat.validate import check_places, check_region

REGION = "staedteregion-aachen"


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers["Content-Type"], json.loads(response.read().decode("utf-8"))


def test_cli_publishes_package_and_zip_with_report(demo_template, tmp_path, capsys):
    # A private copy: the command remembers --base-url in the region, and the session's demo
    # template must stay as installed for the tests that copy it after this one.
    database = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, database)
    out = tmp_path / "pkg"
    code = main(
        [
            "publish",
            "package",
            "--db",
            str(database),
            "--out",
            str(out),
            "--zip",
            "--base-url",
            "https://integreat.example.org",
            "--policy",
            "approved",
        ]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "Paket geschrieben" in text and "ar (العربية)" in text and "Grund" in text
    assert (out / "manifest.json").is_file() and zipfile.is_zipfile(tmp_path / "pkg.zip")
    manifest = json.loads((out / "manifest.json").read_text())
    assert {lang["policy"] for lang in manifest["languages"]} == {"approved"}
    place = json.loads((out / f"api/v3/{REGION}/de/locations/index.json").read_text())[0]
    assert place["url"].startswith("https://integreat.example.org/")


def test_cli_dry_run_prints_the_report_in_english(demo_template, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LOTSE_LANG", "en")
    assert main(["publish", "package", "--db", str(demo_template), "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "offers go out" in text and "validity ended" in text and "Why" in text
    assert not list(tmp_path.iterdir())


def test_cli_without_out_is_a_usage_error(demo_template, capsys):
    assert main(["publish", "package", "--db", str(demo_template)]) == 2
    assert "--out" in capsys.readouterr().err


def test_served_package_answers_like_the_cms(demo_template, tmp_path):
    out = tmp_path / "pkg"
    assert main(["publish", "package", "--db", str(demo_template), "--out", str(out), "--local-preview"]) == 0
    server, thread = serve_in_background(out, 0)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        status, ctype, regions = get(base + "/api/v3/regions/")
        assert status == 200 and ctype == "application/json"
        assert [r["path"] for r in regions] == [REGION] and check_region(regions[0]) == []
        status, ctype, places = get(base + f"/api/v3/{REGION}/ar/locations/?on_map=1")
        assert ctype == "application/json" and places and check_places(places, REGION, "ar") == []
        assert all(p["path"].startswith(f"/{REGION}/ar/locations/") for p in places)
        assert get(base + f"/api/v3/{REGION}/de/news")[2] == []
        combined = get(base + f"/api/v3/{REGION}/de/events/?combine_recurring=True")[2]
        occurrences = get(base + f"/api/v3/{REGION}/de/events/")[2]
        assert combined and len({e["path"] for e in combined}) == len(combined)
        assert len(occurrences) > len(combined) and any("$" in e["path"] for e in occurrences)
        with urllib.request.urlopen(base + f"/api/v3/{REGION}/de/events.ics", timeout=10) as response:
            assert response.headers["Content-Type"] == "text/calendar" and b"BEGIN:VEVENT" in response.read()
        assert get(base + f"/api/v3/regions/{REGION}/")[2]["name"] == "StädteRegion Aachen"
        for bad in ("/api/v3/nowhere/de/pages/", "/../manifest.json/../../../etc/passwd"):
            with pytest.raises(urllib.error.HTTPError) as caught:
                get(base + bad)
            assert caught.value.code == 404
        # raw request outside the folder
        with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5) as s:
            s.sendall(b"GET /../../../../etc/passwd HTTP/1.0\r\n\r\n")
            assert s.recv(100).split(b"\r\n")[0].endswith(b"404 Not Found")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_serve_refuses_a_folder_without_package(tmp_path, capsys):
    assert main(["serve", str(tmp_path), "--port", "0"]) == 1
    assert "App-Paket" in capsys.readouterr().err


def test_cli_imports_an_integreat_region(tmp_path, capsys):
    from pathlib import Path

    fixtures = Path(__file__).with_name("fixtures")
    db = tmp_path / "neu.sqlite"
    assert main(["import", "integreat", str(fixtures), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Stadt Augsburg" in out and "22 Seiten, 3 Veranstaltungen" in out
    assert main(["import", "integreat", str(fixtures), "--db", str(db)]) == 1
    assert "gibt es in dieser Datenbank schon" in capsys.readouterr().err
    assert main(["offers", "list", "--db", str(db), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1  # the place; the 22 pages are pages


def test_cli_verify_finds_a_changed_file(demo_template, tmp_path, capsys):
    out = tmp_path / "pkg"
    assert main(["publish", "package", "--db", str(demo_template), "--out", str(out), "--local-preview"]) == 0
    assert main(["publish", "verify", str(out)]) == 0
    assert "gültig" in capsys.readouterr().out
    pages = out / f"api/v3/{REGION}/de/pages/index.json"
    data = json.loads(pages.read_text())
    data[1]["last_updated"] = "2026-13-01T10:00:00+01:00"
    pages.write_text(json.dumps(data))
    assert main(["publish", "verify", str(out)]) == 1
    err = capsys.readouterr().err
    assert "SHA-256" in err and "last_updated" in err and data[1]["title"] in err
