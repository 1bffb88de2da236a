"""The build side of a re-publish: against the run served now (the sidecar beside the package
says what it was built from), a publish hands over only the files whose bytes change and the
paths that are gone; applied to the live run's files that gives a full publish, byte for byte."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from desktop import __version__
from desktop.offers import get_offer, list_offers, save_offer, save_translation
from desktop.publish import failed_checks, load_snapshot, publish_package
from export.integreat import build_state
from export.integreat.package import package_delta

TODAY = date(2026, 12, 1)
STAMP = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
BASE = "https://app.example.org"


def publish(db, out: Path):
    return publish_package(db, out, today=TODAY, generated_at=STAMP, base_url=BASE, make_zip=True)


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder) != Path("manifest.json")  # the writer's
    }


def delta(db, out: Path, **options) -> build_state.Delta | None:
    with db.transaction() as session:
        snapshot = load_snapshot(session)
        failed = failed_checks(session, snapshot, options.get("policy"))
    return package_delta(
        snapshot,
        out,
        base_url=options.get("base_url", BASE),
        today=TODAY,
        generated_at=STAMP,
        lotse_version=__version__,
        policy=options.get("policy"),
        make_zip=True,
        failed_checks=failed,
        local_preview=False,
    )


def applied(live: Path, change: build_state.Delta, into: Path) -> dict[str, bytes]:
    """The live run's files with the delta applied (what the writer makes of it)."""
    state = files(live)
    for relpath in change.removed:
        del state[relpath]
    state.update(change.changed)
    return state


def full(db, tmp_path: Path) -> dict[str, bytes]:
    fresh = tmp_path / "fresh" / "pkg"
    shutil.rmtree(fresh.parent, ignore_errors=True)
    publish(db, fresh)
    return files(fresh)


def test_the_delta_of_one_changed_offer_gives_the_full_publish(demo_db, tmp_path):
    out = tmp_path / "site" / "pkg"
    publish(demo_db, out)
    assert build_state.load(out) is not None  # the sidecar names the live run
    assert delta(demo_db, out).changed == {}  # nothing changed: nothing to write

    offer = next(r for r in list_offers(demo_db) if r.state == "published" and r.street)
    current = get_offer(demo_db, offer.id)
    save_offer(
        demo_db, offer.id, expected_version=current.version, author="t", facts={"street": "Deltaweg 3"}
    )
    change = delta(demo_db, out)
    assert change is not None and not change.removed
    # its places, and the events held there: no page, no tree answer
    assert any("/locations/" in rel for rel in change.changed)
    assert all("/locations/" in rel or "/events" in rel for rel in change.changed), sorted(change.changed)
    assert applied(out, change, tmp_path) == full(demo_db, tmp_path)

    # a text: its page in the tree, the lists holding it; an archived offer: its files gone
    save_translation(
        demo_db,
        offer.id,
        "en",
        {"title": current.texts["en"].title, "summary": "Kurz.", "content": "<p>Delta 12.</p>"},
        author="t",
        review_status="approved",
        reviewed_by="r",
    )
    change = delta(demo_db, out)
    assert any("/en/pages/" in rel for rel in change.changed)
    assert applied(out, change, tmp_path) == full(demo_db, tmp_path)


def test_no_delta_without_a_sidecar_for_the_live_run(demo_db, tmp_path):
    out = tmp_path / "site" / "pkg"
    publish(demo_db, out)
    assert delta(demo_db, out) is not None
    assert delta(demo_db, out, base_url="https://other.example.org") is None  # the context changed
    sidecar = build_state.sidecar_path(out)
    sidecar.write_bytes(b"not a database")
    assert build_state.load(out) is None and delta(demo_db, out) is None
    publish(demo_db, out)  # writes every file, and a sidecar for its own run
    assert build_state.load(out).run == build_state.live_run(out)
