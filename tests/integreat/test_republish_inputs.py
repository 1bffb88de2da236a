"""A publish into the folder of the last one reuses what did not change; it must never keep a
file whose inputs changed. One change of each kind of input — a translation's text, an offer's
field, a place an event refers to, a category's name, a region setting, the publishing policy,
the base URL — is published (seen in the package) by the next publish into the same folder, and
the package after all of them is byte for byte a full publish of the same state."""

from __future__ import annotations

import json
import os
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


def _png(path: Path, colour: tuple[int, int, int]) -> None:
    from PIL import Image

    Image.new("RGB", (40, 30), colour).save(path, "PNG")


def test_the_inputs_a_re_publish_keys_on_reach_the_next_publish(demo_db, tmp_path, monkeypatch):
    """The kinds of input the re-publish's keys and change log cover (build_state.py,
    input_keys.py, publish_changes.py): each one, published into the same folder, is in the
    package; the end state is a full publish, byte for byte."""
    from export.integreat import input_keys

    runs = iter(range(1, 100))
    run_id = ["x"]

    def new_run() -> str:
        run_id[0] = f"20261201T0700{next(runs):02d}-1-abcdef"
        return run_id[0]

    monkeypatch.setattr(writer, "new_run_id", new_run)
    out = tmp_path / "site" / "pkg"

    def publish(folder: Path = out):
        return publish_package(
            demo_db,
            folder,
            today=TODAY,
            generated_at=STAMP,
            make_zip=True,
            base_url="https://app.example.org",
        )

    publish()
    with demo_db.transaction() as session:
        snapshot = load_snapshot(session)
    venues = {e.place_id for e in snapshot.events}
    published = [r for r in list_offers(demo_db) if r.state == "published" and r.id not in venues]
    offer = get_offer(demo_db, published[0].id)

    # a text's status: an English text that was out goes back to "machine" (the policy is
    # "checked"): it leaves the English pages, and its offer page with it
    title = offer.texts["en"].title
    assert any("/en/pages/" in rel for rel in _holding(out, title))
    values = {k: getattr(offer.texts["en"], k) for k in ("title", "summary", "content")}
    save_translation(
        demo_db, offer.id, "en", values, author="t", review_status="machine", overwrite_reviewed=True
    )
    assert publish().written_as != "fast"  # it leaves lists: not the fast path
    assert not any("/en/pages/" in rel for rel in _holding(out, title))

    # a language deactivated, then activated again
    region = load_region_settings(demo_db)
    code = next(lang.code for lang in region.languages if lang.source_code is not None and lang.code != "en")
    for lang in region.languages:
        lang.active = lang.code != code
    save_region_settings(demo_db, region)
    publish()
    assert not (out / f"api/v3/{REGION}/{code}").exists()
    region = load_region_settings(demo_db)
    for lang in region.languages:
        lang.active = True
    save_region_settings(demo_db, region)
    publish()
    assert (out / f"api/v3/{REGION}/{code}/pages/index.json").exists()

    # an image, then the same file with other pixels (the path unchanged)
    picture = tmp_path / "bild.png"
    _png(picture, (200, 10, 10))
    current = get_offer(demo_db, offer.id)
    save_offer(
        demo_db, offer.id, expected_version=current.version, author="t", facts={"image_path": str(picture)}
    )
    publish()

    def pictures() -> dict[str, bytes]:
        return {
            p.name: p.read_bytes() for p in (out / "media").rglob("*") if p.is_file() and offer.slug in p.name
        }

    before = pictures()
    assert before, "the picture is in the package"
    _png(picture, (10, 10, 200))
    os.utime(picture, ns=(picture.stat().st_atime_ns, picture.stat().st_mtime_ns + 10**9))
    publish()
    assert pictures() and pictures() != before  # its new bytes (under a name of their digest)

    # an event's text and a page of the information tree
    event, page = snapshot.events[0], snapshot.pages[0]
    for item, marker in ((event, "Ereignis 77"), (page, "Infoseite 78")):
        values = {"title": f"{marker} title", "summary": "Kurz.", "content": f"<p>{marker}</p>"}
        save_translation(
            demo_db,
            item.id,
            "en",
            values,
            author="t",
            review_status="approved",
            reviewed_by="r",
            overwrite_reviewed=True,
        )
        publish()
        assert any("/en/" in rel for rel in _holding(out, marker)), marker

    # the organization of an offer
    with demo_db.transaction() as session:
        from models.tables import Organization

        ids = {r.id for r in published}
        org_id = next(o.organization_id for o in snapshot.offers if o.id in ids and o.organization_id)
        org = session.get(Organization, org_id)
        org.name, org.website = "Träger 79", "https://traeger.example.org"
        session.add(org)
    publish()
    assert _holding(out, "Träger 79")

    # the code that builds: another version of it rebuilds every file
    monkeypatch.setattr(input_keys, "code_version", lambda: "another build")
    assert publish().written_as != "fast"

    # and all of it as a full publish into a new folder
    last = run_id[0]
    monkeypatch.setattr(writer, "new_run_id", lambda: last)
    fresh = tmp_path / "fresh" / "pkg"
    publish(fresh)
    ours, theirs = _files(out), _files(fresh)
    assert sorted(ours) == sorted(theirs)
    assert [rel for rel in ours if ours[rel] != theirs[rel]] == []
