"""A publish into the folder of the last one reuses what did not change; it must never keep a
file whose inputs changed. One change of each kind of input — a translation's text, an offer's
field, a place an event refers to, a category's name, a region setting, the publishing policy,
the base URL — is published (seen in the package) by the next publish into the same folder, and
the package after all of them is byte for byte a full publish of the same state."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from desktop.category_names import load_category_names, save_category_names
from desktop.offers import get_offer, list_offers, save_offer, save_translation
from desktop.publish import load_snapshot, publish_package
from desktop.region_settings import load_region_settings, save_region_settings
from export.integreat import writer

TODAY = date(2026, 12, 1)
STAMP = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
REGION = "staedteregion-aachen"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _holding(folder: Path, marker: str) -> list[str]:
    return [rel for rel, data in _files(folder).items() if marker.encode("utf-8") in data]


def test_every_kind_of_input_reaches_the_next_publish(demo_db, tmp_path, monkeypatch):
    runs = iter(range(1, 100))
    run_id = ["x"]

    def new_run() -> str:
        run_id[0] = f"20261201T0600{next(runs):02d}-1-abcdef"
        return run_id[0]

    monkeypatch.setattr(writer, "new_run_id", new_run)
    out = tmp_path / "site" / "pkg"
    settings = {"base_url": "https://app.example.org", "policy": None}

    def publish(folder: Path = out):
        return publish_package(demo_db, folder, today=TODAY, generated_at=STAMP, make_zip=True, **settings)

    publish()
    with demo_db.transaction() as session:
        snapshot = load_snapshot(session)
    published = [r for r in list_offers(demo_db) if r.state == "published" and r.street]
    offer = get_offer(demo_db, published[0].id)

    # a translation's text
    text = {"title": "Übersetzt 4711", "summary": "Kurz.", "content": "<p>Text 4711.</p>"}
    save_translation(demo_db, offer.id, "en", text, author="t", review_status="approved", reviewed_by="r")
    publish()
    assert any("/en/pages/" in rel for rel in _holding(out, "Übersetzt 4711"))

    # an offer's field (in the places of every language)
    save_offer(
        demo_db, offer.id, expected_version=offer.version, author="t", facts={"street": "Prüfstraße 17"}
    )
    publish()
    assert any(rel.endswith("/de/locations/index.json") for rel in _holding(out, "Prüfstraße 17"))

    # a place an event refers to: the event's location changes with it
    event = next(e for e in snapshot.events if e.place_id is not None)
    place = get_offer(demo_db, event.place_id)
    save_offer(
        demo_db, place.id, expected_version=place.version, author="t", facts={"street": "Ereignisweg 5"}
    )
    publish()
    assert f"api/v3/{REGION}/de/events/index.json" in _holding(out, "Ereignisweg 5")

    # a category's name
    table = load_category_names(demo_db)
    category = table.categories[0]
    save_category_names(demo_db, {category.id: {**category.names, "en": "Kategorie 99"}})
    publish()
    assert any("/en/" in rel for rel in _holding(out, "Kategorie 99"))

    # a region setting
    region = load_region_settings(demo_db)
    region.name = "Testregion 42"
    save_region_settings(demo_db, region)
    publish()
    assert "api/v3/regions/index.json" in _holding(out, "Testregion 42")

    # the publishing policy
    before = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    settings["policy"] = "machine"
    publish()
    after = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {lang["policy"] for lang in after["languages"]} == {"machine"}
    assert [lang["offers"] for lang in after["languages"]] != [lang["offers"] for lang in before["languages"]]

    # the base URL: every link of every page
    settings["base_url"] = "https://other.example.net"
    publish()
    pages = (out / f"api/v3/{REGION}/de/pages/index.json").read_text(encoding="utf-8")
    assert "https://other.example.net/" in pages and "https://app.example.org" not in pages

    # and all of it as a full publish into a new folder gives (same run id: same manifest)
    last = run_id[0]
    monkeypatch.setattr(writer, "new_run_id", lambda: last)
    fresh = tmp_path / "fresh" / "pkg"
    publish(fresh)
    ours, theirs = _files(out), _files(fresh)
    assert sorted(ours) == sorted(theirs)
    assert [rel for rel in ours if ours[rel] != theirs[rel]] == []
    assert Path(f"{out}.zip").read_bytes() == Path(f"{fresh}.zip").read_bytes()
    shutil.rmtree(tmp_path / "fresh")
