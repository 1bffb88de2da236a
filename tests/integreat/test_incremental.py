"""Incremental publishing: a publish after edits reuses the previous run's unchanged files (hard
links) and zip entries (copied compressed), and gives exactly the bytes a full publish of the same
state gives, every file; the zip holds the same entries byte for byte (a re-publish patches the
spare's zip in place, so entries may lie at other offsets)."""

from __future__ import annotations

import os
import shutil
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.db import open_database
from desktop.offers import get_offer, list_offers, save_offer, save_translation, set_states
from desktop.publish import publish_package
from export.integreat import writer

from .zip_compare import zip_entries, zip_layout

TODAY = date(2026, 12, 1)
STAMP = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def _publish(db, out: Path):
    return publish_package(
        db, out, today=TODAY, generated_at=STAMP, base_url="https://app.example.org", make_zip=True
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run_id(number: int) -> str:
    return f"20261201T06000{number}-1-abcdef"


def _publish_as(db, out: Path, run: int, monkeypatch):
    """The run id is random (it names the run's folder and is in the manifest): given here so two
    publishes of the same state can be compared byte for byte, manifest and zip included."""
    monkeypatch.setattr(writer, "new_run_id", lambda: _run_id(run))
    return _publish(db, out)


# One edit: (kind, which offer among the published ones, a number for the new value)
EDIT_ROUNDS = st.lists(
    st.tuples(
        st.sampled_from(["title", "content", "street", "hours", "translation", "archive", "machine"]),
        st.integers(0, 1000),
        st.integers(0, 10_000),
    ),
    min_size=1,
    max_size=3,
)
# Three rounds: after the third publish the first run is the spare, which the fourth recycles.
EDITS = st.tuples(EDIT_ROUNDS, EDIT_ROUNDS, EDIT_ROUNDS)


def _edit(db, kind: str, pick: int, number: int) -> None:
    rows = [r for r in list_offers(db) if r.state == "published"]
    row = rows[pick % len(rows)]
    offer = get_offer(db, row.id)
    de = offer.texts["de"]
    german = {"title": de.title, "summary": de.summary, "content": de.content}
    if kind == "title":
        german["title"] = f"{de.title[:60]} {number}"
        save_offer(db, row.id, expected_version=offer.version, author="t", texts={"de": german})
    elif kind == "content":
        german["content"] = f"{de.content}<p>Neu {number}.</p>"
        save_offer(db, row.id, expected_version=offer.version, author="t", texts={"de": german})
    elif kind == "street":
        facts = {"street": f"Hauptstraße {number % 200 + 1}"}
        save_offer(db, row.id, expected_version=offer.version, author="t", facts=facts)
    elif kind == "hours":
        start = f"{7 + number % 4:02d}:00"
        week = [
            {"closed": day > number % 5, "all_day": False, "appointment_only": False, "slots": []}
            for day in range(7)
        ]
        for day in week:
            if not day["closed"]:
                day["slots"] = [[start, "16:00"]]
        save_offer(db, row.id, expected_version=offer.version, author="t", facts={"opening_hours": week})
    elif kind == "translation":
        text = {"title": f"Offer {number}", "summary": "Short.", "content": f"<p>Text {number}.</p>"}
        save_translation(db, row.id, "en", text, author="t", review_status="approved", reviewed_by="r")
    elif kind == "machine":
        text = {"title": f"Offre {number}", "summary": "Court.", "content": f"<p>Texte {number}.</p>"}
        save_translation(db, row.id, "fr", text, author="mt", review_status="machine")
    else:
        set_states(db, [row.id], "archived", author="t")


@settings(
    max_examples=int(os.environ.get("LOTSE_INCREMENTAL_EXAMPLES", "5")),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # each example publishes three times: no shrinking
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=EDITS)
def test_an_incremental_publish_gives_the_bytes_of_a_full_one(demo_template, tmp_path_factory, edits):
    tmp = tmp_path_factory.mktemp("incremental")
    shutil.copyfile(demo_template, tmp / "demo.sqlite")
    db = open_database("sqlite:///" + str(tmp / "demo.sqlite"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        try:
            incremental = tmp / "site" / "pkg"
            _publish_as(db, incremental, 1, monkeypatch)  # the run that becomes the spare
            versions = incremental.parent / ".pkg.versions"
            spare_inode = None
            for run, round_of_edits in enumerate(edits, start=2):
                for kind, pick, number in round_of_edits:
                    _edit(db, kind, pick, number)
                if run == 4:
                    spare_inode = (versions / "spare").stat().st_ino  # run 1, kept after the third
                # links what did not change from the run before; the fourth recycles run 1
                _publish_as(db, incremental, run, monkeypatch)
            assert (versions / _run_id(4)).stat().st_ino == spare_inode, "the spare became run 4"
            full = tmp / "fresh" / "pkg"
            _publish_as(db, full, 4, monkeypatch)  # everything built, written and compressed anew
        finally:
            db.dispose()
    ours, theirs = _tree(incremental), _tree(full)
    assert sorted(ours) == sorted(theirs)
    different = [rel for rel in ours if ours[rel] != theirs[rel]]
    assert different == []
    # the re-publishes patched the spare's zip (changed entries appended, zip_patch.py): the same
    # entries with the same bytes, headers and directory fields as a full publish's zip
    zip_ours, zip_theirs = Path(str(incremental) + ".zip"), Path(str(full) + ".zip")
    assert zip_entries(zip_ours) == zip_entries(zip_theirs)
    assert zip_layout(zip_ours) == zip_layout(zip_theirs)
    # and the reuse happened: most files are shared with the previous run (same inode)
    linked = sum(1 for p in incremental.rglob("*") if p.is_file() and p.stat().st_nlink > 1)
    assert linked > len(ours) // 2
    assert sorted(p.name for p in versions.iterdir()) == sorted(
        ["lock", "current", "previous", "spare", _run_id(3), _run_id(4)]
    ), "run 1 was recycled as run 4, run 2 is the spare now"


def _copies(monkeypatch) -> list[str]:
    """The names of the zip entries copied from the previous zip (the real copy, counted)."""
    copied: list[str] = []
    original = writer.ZipReuse.copy

    def counting(self, archive, info):
        done = original(self, archive, info)
        if done:
            copied.append(info.filename)
        return done

    monkeypatch.setattr(writer.ZipReuse, "copy", counting)
    return copied


def test_unchanged_files_are_linked_and_zip_entries_copied(demo_db, tmp_path, monkeypatch):
    out = tmp_path / "pkg"
    _publish_as(demo_db, out, 1, monkeypatch)
    first = out.resolve()
    copied = _copies(monkeypatch)
    row = next(r for r in list_offers(demo_db) if r.state == "published" and r.street)
    offer = get_offer(demo_db, row.id)
    save_offer(demo_db, row.id, expected_version=offer.version, author="t", facts={"street": "Neue Straße 1"})
    _publish_as(demo_db, out, 2, monkeypatch)
    second = out.resolve()
    assert first != second
    files = [p.relative_to(second) for p in second.rglob("*") if p.is_file() and p.name != "manifest.json"]
    same_inode = [
        rel
        for rel in files
        if (first / rel).exists() and (first / rel).stat().st_ino == (second / rel).stat().st_ino
    ]
    changed = [str(rel) for rel in files if rel not in set(same_inode)]
    # the street is in the places of every language and in the offer's pages: those are new files
    assert any(rel.endswith("/locations/index.json") for rel in changed)
    assert len(same_inode) > 0.8 * len(files)
    assert set(copied) == {str(rel) for rel in same_inode}
    with zipfile.ZipFile(Path(str(out) + ".zip")) as archive:
        assert archive.testzip() is None
        for rel in changed:
            assert archive.read(rel) == (second / rel).read_bytes()


def test_a_zip_of_other_compression_settings_is_not_reused(demo_db, tmp_path, monkeypatch):
    out = tmp_path / "pkg"
    _publish_as(demo_db, out, 1, monkeypatch)
    (out.resolve().parent / "package.zip.code").write_text("zlib 0.0, deflate 9", encoding="utf-8")
    copied = _copies(monkeypatch)
    _publish_as(demo_db, out, 2, monkeypatch)
    assert copied == []
    with zipfile.ZipFile(Path(str(out) + ".zip")) as archive:
        assert archive.testzip() is None
