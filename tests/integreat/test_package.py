"""The app package: valid per the format, deterministic, atomic, following the policy."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop.offers import get_offer, list_offers, save_offer, save_translation
from desktop.publish import PublishError, preview_publication, publish_package
from export.integreat.manifest_parts import listed_files
from export.integreat.validate import check_imprint, check_list, check_pages, check_places, check_region

ROOT = Path(__file__).resolve().parents[2]
REGION = "staedteregion-aachen"
TODAY = date(2026, 12, 1)
STAMP = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def publish(db, out, **kw):
    kw.setdefault("today", TODAY)
    kw.setdefault("generated_at", STAMP)
    kw.setdefault("base_url", "https://app.example.org")
    return publish_package(db, out, **kw)


def read(folder: Path, rel: str):
    return json.loads((folder / rel).read_text(encoding="utf-8"))


def all_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_demo_package_passes_validation_and_manifest_matches_files(demo_db, tmp_path):
    out = tmp_path / "pkg"
    result = publish(demo_db, out, make_zip=True)
    manifest = read(out, "manifest.json")
    assert manifest["format"] == "lotse-integreat-package" and manifest["format_version"] == 1
    assert manifest["region"]["slug"] == REGION and manifest["lotse_version"]
    files = all_files(out)
    listed = listed_files(out, manifest)
    parts = {p["path"] for p in manifest["parts"]}
    assert set(files) - {"manifest.json"} - parts == set(listed) and manifest["file_count"] == len(listed)
    for rel, data in files.items():
        if rel != "manifest.json":
            entry = listed[rel] if rel in listed else next(p for p in manifest["parts"] if p["path"] == rel)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    published = [lang["code"] for lang in manifest["languages"] if lang["published"]]
    assert "de" in published and "ar" in published and "en" in published
    regions = read(out, "api/v3/regions/index.json")
    assert check_region(regions[0]) == []
    assert [lang["code"] for lang in regions[0]["languages"]] == published
    for code in published:
        base = f"api/v3/{REGION}/{code}"
        pages = read(out, f"{base}/pages/index.json")
        places = read(out, f"{base}/locations/index.json")
        assert check_pages(pages, REGION, code) == []
        assert check_places(places, REGION, code) == []
        assert check_imprint(read(out, f"{base}/imprint/index.json"), REGION, code) == []
        assert read(out, f"{base}/news/index.json") == []
        assert read(out, f"{base}/events/combine_recurring/index.json"), code  # the demo's events
        assert check_list(read(out, f"{base}/events/index.json"), "events") == []
        entry = next(lang for lang in manifest["languages"] if lang["code"] == code)
        assert entry["pages"] == len(pages) and entry["places"] == len(places)
        assert sum(entry["review"].values()) == entry["offers"]
    # the zip holds the same tree
    with zipfile.ZipFile(result.zip_path) as archive:
        assert sorted(archive.namelist()) == sorted(files)
        assert (
            archive.read(f"api/v3/{REGION}/de/pages/index.json")
            == files[f"api/v3/{REGION}/de/pages/index.json"]
        )


def test_category_pages_hold_offers_and_languages_link_each_other(demo_db, tmp_path):
    out = tmp_path / "pkg"
    publish(demo_db, out)
    de = read(out, f"api/v3/{REGION}/de/pages/index.json")
    ar = read(out, f"api/v3/{REGION}/ar/pages/index.json")
    tops = [p for p in de if p["parent"]["path"] is None]
    children = [p for p in de if p["parent"]["path"] is not None]
    assert tops and children and len(tops) + len(children) == len(de)
    assert {c["parent"]["path"] for c in children} <= {p["path"] for p in de}  # the tree is intact
    assert max(p["path"].count("/") for p in de) >= 6  # information pages three levels deep
    ar_paths = {p["path"] for p in ar}
    linked = [p for p in children if "ar" in p["available_languages"]]
    assert linked and all(p["available_languages"]["ar"]["path"] in ar_paths for p in linked)
    for page in ar:
        assert page["available_languages"]["de"]["path"] in {p["path"] for p in de}
        assert "de" not in page["path"].split("/")[2:]  # no German path in Arabic
    # Arabic content keeps phone numbers left to right
    assert any("\u200e" in p["content"] for p in ar)


def test_two_runs_give_identical_bytes_and_only_the_manifest_carries_the_time(demo_db, tmp_path):
    publish(demo_db, tmp_path / "a", make_zip=True)
    publish(demo_db, tmp_path / "b", make_zip=True, generated_at=datetime(2027, 1, 1, tzinfo=UTC))
    a, b = all_files(tmp_path / "a"), all_files(tmp_path / "b")
    assert a.keys() == b.keys()
    different = [k for k in a if a[k] != b[k]]
    assert different == ["manifest.json"]
    ma, mb = json.loads(a["manifest.json"]), json.loads(b["manifest.json"])
    assert ma["parts"] == mb["parts"] and ma["generated_at"] != mb["generated_at"]
    # again into the same folder: replaced, still identical
    publish(demo_db, tmp_path / "a")
    again = all_files(tmp_path / "a")
    assert {k: v for k, v in again.items() if k != "manifest.json"} == {
        k: v for k, v in a.items() if k != "manifest.json"
    }


def test_nothing_private_goes_out(demo_db, tmp_path):
    out = tmp_path / "pkg"
    publish(demo_db, out, policy="machine", make_zip=True)
    # every text file (the generated logos and tiles are images)
    blob = b"".join(v for k, v in all_files(out).items() if not k.endswith(".png")).decode("utf-8")
    from sqlmodel import select

    from models.tables import Offer

    with demo_db.transaction() as session:
        notes = [o.internal_notes for o in session.exec(select(Offer)) if o.internal_notes]
    assert notes
    for note in notes:
        assert note[:40] not in blob
    assert "internal_notes" not in blob and "reviewed_by" not in blob


def test_policy_per_language_and_the_report(demo_db, tmp_path):
    approved = preview_publication(demo_db, policy="approved", today=TODAY)
    checked = preview_publication(demo_db, policy="checked", today=TODAY)
    machine = preview_publication(demo_db, policy="machine", today=TODAY)
    for code in ("en", "ar", "uk"):
        assert (
            len(approved.plan.included[code])
            < len(checked.plan.included[code])
            <= len(machine.plan.included[code])
        )
    assert approved.plan.included["de"] == checked.plan.included["de"] == machine.plan.included["de"]
    reasons = {o.reason for o in checked.omissions}
    assert {"missing", "below_policy", "outdated", "expired", "not_published"} <= reasons
    expired = [o for o in checked.omissions if o.reason == "expired"]
    assert all(o.language == "*" and o.title for o in expired)
    assert "abgelaufen" in expired[0].message("de") and "ended" in expired[0].message("en")
    # an expired offer is in no language
    ids = {o.offer_id for o in expired}
    assert not any(ids & set(v) for v in checked.plan.included.values())
    # machine translations go out only under "machine", marked as such
    out = tmp_path / "pkg"
    publish(demo_db, out, policy="machine")
    pages = [p for code in ("en", "ar", "fa") for p in read(out, f"api/v3/{REGION}/{code}/pages/index.json")]
    assert any("lotse-machine-translation" in p["content"] for p in pages)
    publish(demo_db, out, policy="checked")
    pages = [p for code in ("en", "ar") for p in read(out, f"api/v3/{REGION}/{code}/pages/index.json")]
    assert not any("lotse-machine-translation" in p["content"] for p in pages)


def test_language_policy_from_the_database(demo_db):
    from sqlmodel import select

    from models.tables import RegionLanguage

    with demo_db.transaction() as session:
        row = session.exec(select(RegionLanguage).where(RegionLanguage.code == "en")).one()
        row.publish_policy = "approved"
        session.add(row)
    preview = preview_publication(demo_db, today=TODAY)
    assert preview.plan.policies["en"] == "approved" and preview.plan.policies["ar"] == "checked"
    texts = {oid: get_offer(demo_db, oid).texts["en"].status for oid in preview.plan.included["en"]}
    assert set(texts.values()) == {"approved"}


def test_title_change_keeps_the_path(demo_db, tmp_path):
    publish(demo_db, tmp_path / "a")
    before = {p["id"]: p["path"] for p in read(tmp_path / "a", f"api/v3/{REGION}/de/pages/index.json")}
    row = next(r for r in list_offers(demo_db) if r.state == "published" and r.street)
    offer = get_offer(demo_db, row.id)
    de = offer.texts["de"]
    save_offer(
        demo_db,
        row.id,
        expected_version=offer.version,
        author="t",
        texts={"de": {"title": "Ganz neuer Titel", "summary": de.summary, "content": de.content}},
    )
    publish(demo_db, tmp_path / "b")
    after = {
        p["id"]: (p["path"], p["title"]) for p in read(tmp_path / "b", f"api/v3/{REGION}/de/pages/index.json")
    }
    changed = [v for v in after.values() if v[1] == "Ganz neuer Titel"]
    assert len(changed) == 1 and changed[0][0] in before.values()
    assert changed[0][0].endswith(f"/{row.slug}/")


def test_overnight_slots_are_split_at_midnight(demo_db, tmp_path):
    row = next(r for r in list_offers(demo_db) if r.state == "published" and r.street)
    offer = get_offer(demo_db, row.id)
    week = [{"closed": True, "all_day": False, "appointment_only": False, "slots": []} for _ in range(7)]
    week[4] = {"closed": False, "all_day": False, "appointment_only": False, "slots": [["22:00", "02:00"]]}
    save_offer(demo_db, row.id, expected_version=offer.version, author="t", facts={"opening_hours": week})
    out = tmp_path / "pkg"
    publish(demo_db, out)
    place = next(
        p
        for p in read(out, f"api/v3/{REGION}/de/locations/index.json")
        if p["path"].endswith(f"/{row.slug}/")
    )
    hours = place["opening_hours"]
    assert len(hours) == 7
    assert hours[4]["timeSlots"] == [{"start": "22:00", "end": "23:59", "timezone": "Europe/Berlin"}]
    assert hours[5]["timeSlots"] == [{"start": "00:00", "end": "02:00", "timezone": "Europe/Berlin"}]
    assert hours[5]["closed"] is False and hours[0]["closed"] is True


def test_images_are_resized_and_referenced_under_the_base_url(demo_db, tmp_path):
    from PIL import Image

    picture = tmp_path / "foto.png"
    Image.new("RGB", (3000, 1500), (200, 30, 30)).save(picture)
    row = next(r for r in list_offers(demo_db) if r.state == "published" and r.street)
    offer = get_offer(demo_db, row.id)
    save_offer(
        demo_db, row.id, expected_version=offer.version, author="t", facts={"image_path": str(picture)}
    )
    out = tmp_path / "pkg"
    publish(demo_db, out, base_url="https://cdn.example.org/aachen/")
    place = next(
        p
        for p in read(out, f"api/v3/{REGION}/de/locations/index.json")
        if p["path"].endswith(f"/{row.slug}/")
    )
    url = place["thumbnail"]
    assert url.startswith("https://cdn.example.org/aachen/media/offers/")
    with Image.open(out / url.removeprefix("https://cdn.example.org/aachen/")) as image:
        assert max(image.size) == 1200
    assert place["url"].startswith("https://cdn.example.org/aachen/staedteregion-aachen/de/locations/")


KILLER = r"""
import os, signal, sys
sys.path.insert(0, {root!r})
from datetime import date
from desktop.db import open_database
from desktop.publish import publish_package
db = open_database({db!r})
seen = []
def progress(done, total, message=""):
    if message.endswith("pages, places"):  # a language is about to be written
        seen.append(message)
        if len(seen) == 3:
            os.kill(os.getpid(), signal.SIGKILL)
publish_package(db, {out!r}, progress, today=date(2026, 12, 1), local_preview=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_kill_while_writing_leaves_the_previous_package(demo_db, demo_template, tmp_path):
    out = tmp_path / "pkg"
    publish(demo_db, out)
    before = all_files(out)
    script = KILLER.format(root=str(ROOT), db=str(demo_template), out=str(out))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert all_files(out) == before
    versions = tmp_path / ".pkg.versions"
    runs = lambda: sorted(p.name for p in versions.iterdir() if p.name[:1].isdigit())  # noqa: E731
    assert len(runs()) == 2  # the half-written run is there...
    publish(demo_db, out)  # ...and the next publish clears it away (it keeps the previous run)
    assert len(runs()) == 2 and os.readlink(versions / "current") in runs()
    # nothing left over beside the package but its runs and the sidecar of the live one
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".pkg.")) == [
        ".pkg.build.sqlite",
        ".pkg.versions",
    ]


def test_cancel_leaves_the_previous_package(demo_db, tmp_path):
    from desktop.tasks import Cancelled, CancelToken

    out = tmp_path / "site" / "pkg"
    publish(demo_db, out)
    before = all_files(out)
    token = CancelToken()

    def progress(done, total, message=""):
        if done >= 2:
            token.cancel()

    with pytest.raises(Cancelled):
        publish(demo_db, out, progress=progress, token=token)
    assert all_files(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".pkg.build.sqlite", ".pkg.versions", "pkg"]
    assert len([p for p in (out.parent / ".pkg.versions").iterdir() if p.name[:1].isdigit()]) == 1


def test_refuses_to_overwrite_a_folder_that_is_not_a_package(demo_db, tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "letter.txt").write_text("keep me")
    with pytest.raises(PublishError) as caught:
        publish(demo_db, out)
    assert "kein Lotse-Paket" in caught.value.message("de")
    assert (out / "letter.txt").read_text() == "keep me"


def test_bad_policy_and_base_url_are_refused(demo_db, tmp_path):
    with pytest.raises(PublishError.__mro__[1]) as caught:
        publish(demo_db, tmp_path / "x", policy="everything")
    assert "everything" in caught.value.message("en")
    with pytest.raises(PublishError.__mro__[1]):
        publish(demo_db, tmp_path / "x", base_url="ftp://x")


def test_a_kill_between_the_two_renames_is_repaired_by_the_next_publish(demo_db, tmp_path):
    from export.integreat.package import recover

    out = tmp_path / "site" / "pkg"
    publish(demo_db, out)
    before = all_files(out)
    os.rename(out, out.parent / ".pkg.old-4242")  # the old package moved aside, the new one not yet in place
    (out.parent / ".pkg.tmp-abc").mkdir()
    recover(out)
    assert all_files(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".pkg.build.sqlite", ".pkg.versions", "pkg"]


def test_a_machine_translation_that_changed_a_phone_number_stays_out(demo_db, tmp_path):
    row = next(
        r for r in list_offers(demo_db) if r.state == "published" and r.statuses.get("fr") == "missing"
    )
    german = get_offer(demo_db, row.id).texts["de"]
    phone_free = "<p>Appelez-nous.</p>"
    save_offer(
        demo_db,
        row.id,
        expected_version=get_offer(demo_db, row.id).version,
        author="t",
        texts={
            "de": {
                "title": german.title,
                "summary": german.summary,
                "content": "<p>Rufen Sie an: 0241 123456.</p>",
            }
        },
    )
    save_translation(
        demo_db,
        row.id,
        "fr",
        {"title": "Offre", "summary": "Résumé", "content": phone_free},
        author="mt",
        review_status="machine",
    )
    preview = preview_publication(demo_db, policy="machine", today=TODAY)
    failed = [o for o in preview.omissions if o.offer_id == row.id and o.language == "fr"]
    assert [o.reason for o in failed] == ["check_failed"] and "0241 123456" in failed[0].message("en")
    save_translation(
        demo_db,
        row.id,
        "fr",
        {"title": "Offre", "summary": "Résumé", "content": "<p>Appelez-nous : 0241 123456.</p>"},
        author="mt",
        review_status="machine",
    )
    preview = preview_publication(demo_db, policy="machine", today=TODAY)
    assert row.id in preview.plan.included["fr"]


def test_invalid_data_stops_the_publish_naming_offer_and_field_and_keeps_the_old_package(demo_db, tmp_path):
    from sqlmodel import select

    from models.tables import Category

    out = tmp_path / "pkg"
    publish(demo_db, out)
    before = all_files(out)
    with demo_db.transaction() as session:
        category = session.exec(select(Category).order_by(Category.position)).first()
        category.color = "rot"
        session.add(category)
        slug = category.slug
    with pytest.raises(PublishError) as caught:
        publish(demo_db, out)
    message = caught.value.message("de")
    assert "category.color" in message and "'ROT'" in message and "nicht geschrieben" in message
    problem = caught.value.problems[0]
    assert problem.file.endswith("/locations") and "/locations/" in problem.item
    assert all_files(out) == before
    assert slug
