"""Events into the CMS through its own calendar import: the package's ``events-integreat.ics``
(served over HTTP by ``lotse serve``) is registered as an external calendar of the test region
and the CMS's ``import_events`` command reads it; the events, with their series, appear in the
CMS's API as Lotse has them. The round trip starts in the CMS: its region imported into Lotse."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from desktop.serve import serve_in_background

pytestmark = pytest.mark.integreat_cms


def test_lotse_events_through_the_cms_calendar_import(clean_cms, tmp_path):
    cms = clean_cms
    db = str(tmp_path / "lotse.sqlite")
    assert main(["import", "integreat", f"{cms.base_url}/{cms.region}/", "--db", db]) == 0
    package = tmp_path / "package"
    assert (
        main(
            ["publish", "package", "--db", db, "--out", str(package), "--base-url", "https://app.example.org"]
        )
        == 0
    )
    feed = package / "api" / "v3" / cms.region / "de" / "events-integreat.ics"
    text = feed.read_text(encoding="utf-8")
    assert "CATEGORIES:integreat" in text and "COUNT=" not in text and "FREQ=DAILY" not in text
    ours = json.loads(
        (
            package / "api" / "v3" / cms.region / "de" / "events" / "combine_recurring" / "index.json"
        ).read_text()
    )
    server, _ = serve_in_background(package)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/api/v3/{cms.region}/de/events-integreat.ics"
        cms.run(
            "-c",
            "import django; django.setup();"
            "from integreat_cms.cms.models import ExternalCalendar, Region;"
            f"region = Region.objects.get(slug={cms.region!r});"
            f"ExternalCalendar.objects.create(region=region, name='Lotse', url={url!r})",
        )
        cms.manage("import_events")
    finally:
        server.shutdown()
        server.server_close()
    errors = (
        cms.run(
            "-c",
            "import django; django.setup();from integreat_cms.cms.models import ExternalCalendar;"
            "print(repr(ExternalCalendar.objects.get(name='Lotse').errors))",
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    assert errors == "''"
    combined = cms.api("de", "events/?combine_recurring=True")
    imported = [e for e in combined if e["id"] not in {x["id"] for x in cms_seeded(cms)}]
    assert sorted(e["title"] for e in imported) == sorted(e["title"] for e in ours)
    for event in imported:
        mine = next(e for e in ours if e["title"] == event["title"])
        assert event["event"]["start"] == mine["event"]["start"], event["title"]
        assert event["event"]["end"] == mine["event"]["end"], event["title"]
        assert bool(event["recurrence_rule"]) == bool(mine["recurrence_rule"])
        if mine["recurrence_rule"]:
            assert "FREQ=WEEKLY" in event["recurrence_rule"] and "BYDAY=TU" in event["recurrence_rule"]


def cms_seeded(cms):
    ids = {t for e in cms.seed["events"].values() for t in e["translations"].values()}
    return [e for e in cms.api("de", "events/?combine_recurring=True") if e["id"] in ids]
