"""``lotse integreat places``: the CSV goes through the CMS's own ``import_places_from_csv``
command, and what arrives is read back from the CMS's API: every place with its address,
coordinates, first time slot per day and category; website, e-mail and phone dropped by the CMS
(as the report says); saved as drafts (as the report says)."""

from __future__ import annotations

import csv
import shutil

import pytest

from desktop.cli import main

pytestmark = pytest.mark.integreat_cms


def cms_places(cms) -> dict[str, dict]:
    return {p["title"]: p for p in cms.api("de", "locations/")}


def publish_drafts(cms) -> int:
    """What a person does in the CMS after the import: publish the drafts. Returns how many."""
    out = cms.run(
        "-c",
        "import django; django.setup();"
        "from integreat_cms.cms.models import PlaceTranslation;"
        "print(PlaceTranslation.objects.filter(status='DRAFT').update(status='PUBLIC'))",
    )
    return int(out.stdout.strip().splitlines()[-1])


def test_demo_places_through_the_cms_command(clean_cms, demo_db, tmp_path, capsys):
    out = tmp_path / "places.csv"
    assert main(["integreat", "places", "--db", demo_db.url, "--out", str(out)]) == 0
    report = capsys.readouterr().out
    assert "Entwürfe" in report and "verwirft Website, E-Mail und Telefon" in report
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 20
    before = cms_places(clean_cms)
    target = clean_cms.folder / "places.csv"  # the CMS reads it from its own side
    shutil.copyfile(out, target)
    done = clean_cms.manage("import_places_from_csv", str(target), clean_cms.region, clean_cms.seed["user"])
    assert "Imported CSV file" in done.stdout + done.stderr
    assert cms_places(clean_cms) == before  # drafts are not in the API
    assert publish_drafts(clean_cms) == len(rows)  # every row arrived, as a draft
    after = cms_places(clean_cms)
    assert set(after) == set(before) | {r["name"] for r in rows}
    days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for row in rows:
        place = after[row["name"]]
        location = place["location"]
        assert (location["address"], location["postcode"], location["town"]) == (
            row["street_address"],
            row["postal_code"],
            row["city"],
        )
        assert location["latitude"] == pytest.approx(float(row["latitude"]))
        assert location["longitude"] == pytest.approx(float(row["longitude"]))
        if place["opening_hours"] is None:  # the CMS sends null for its default, closed every day
            assert all(row[f"{day}_closed"] == "true" for day in days)
        for index, day in enumerate(days if place["opening_hours"] else []):
            hours = place["opening_hours"][index]
            slots = [(s["start"], s["end"]) for s in hours["timeSlots"]]
            assert slots == ([(row[f"{day}_start"], row[f"{day}_end"])] if row[f"{day}_start"] else [])
            assert hours["closed"] == (row[f"{day}_closed"] == "true")
            assert hours["allDay"] == (row[f"{day}_all_day"] == "true")
            assert hours["appointmentOnly"] == (row[f"{day}_appointment_only"] == "true")
        # The CMS matches categories by name: the two it knows, the rest become "other".
        expected = row["category"] if row["category"] in ("Beratung", "Gesundheit") else "other"
        assert place["category"]["name"] == expected
        assert place["contacts"] == []  # 2026.10.0 drops website, e-mail and phone
        assert place["content"] == ""  # no description column
    assert any(r["website"] or r["email"] or r["phone_number"] for r in rows)
