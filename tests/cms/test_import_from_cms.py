"""``lotse import integreat URL`` against the real CMS: it fetches the same documents the file
reader reads (byte for byte what the CMS serves) and imports the same as from saved files."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desktop.cli import main
from desktop.db import open_database
from desktop.integreat.fetch import fetch_region, parse_cms_url
from desktop.integreat_import import import_integreat

pytestmark = pytest.mark.integreat_cms


def test_fetch_saves_what_the_cms_serves(integreat_cms, tmp_path):
    source = parse_cms_url(f"{integreat_cms.base_url}/{integreat_cms.region}/de/willkommen/")
    assert source.region == "testumgebung"
    steps = []
    files = fetch_region(source, tmp_path, lambda done, total, message="": steps.append((done, total)))
    assert steps[-1][0] == steps[-1][1] > 0
    region = integreat_cms.region
    for lang in ("de", "en", "ar", "fa"):
        for name in ("pages", "locations", "events", "imprint"):
            assert f"api/v3/{region}/{lang}/{name}/index.json" in files
    assert json.loads((tmp_path / f"api/v3/{region}/de/pages/index.json").read_text()) == integreat_cms.api(
        "de", "pages/"
    )
    events = json.loads((tmp_path / f"api/v3/{region}/de/events/index.json").read_text())
    assert events == integreat_cms.api("de", "events/?combine_recurring=True")
    assert any(e["recurrence_rule"] for e in events)  # the series as one item, not its occurrences
    fa_places = json.loads((tmp_path / f"api/v3/{region}/fa/locations/index.json").read_text())
    assert {p["title"] for p in fa_places} >= {"کافه زبان"}


def test_cli_import_from_url_equals_import_from_saved_files(integreat_cms, tmp_path, capsys):
    url = f"{integreat_cms.base_url}/api/v3/{integreat_cms.region}/"
    db_url = tmp_path / "from-url.sqlite"
    assert main(["import", "integreat", url, "--db", str(db_url)]) == 0
    printed = capsys.readouterr().out
    assert "testumgebung" in printed
    fetch_region(parse_cms_url(url), tmp_path / "saved")
    saved = open_database(str(tmp_path / "from-files.sqlite"))
    try:
        result = import_integreat(saved, tmp_path / "saved")
    finally:
        saved.dispose()
    assert result.summary("de") in printed
    assert result.offers >= 3 and set(result.languages) == {"de", "en", "ar", "fa"}

    def content(path):
        with sqlite3.connect(path) as conn:
            offers = conn.execute("SELECT slug FROM offer ORDER BY slug").fetchall()
            texts = conn.execute(
                "SELECT o.slug, t.language_code, t.title, t.content FROM offer_text "
                "t JOIN offer o ON o.id = t.offer_id"
                " ORDER BY 1, 2"
            ).fetchall()
            return offers, texts

    assert content(db_url) == content(tmp_path / "from-files.sqlite")
    titles = {row[2] for row in content(db_url)[1]}
    assert {"Migrationsberatung", "استشارة الهجرة", "Language café"} <= titles


def test_cli_unknown_region_is_one_clear_error(integreat_cms, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LOTSE_LANG", "en")
    code = main(
        ["import", "integreat", f"{integreat_cms.base_url}/keine-region/", "--db", str(tmp_path / "x.sqlite")]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "not found (404)" in err and "/api/v3/regions/keine-region/" in err
