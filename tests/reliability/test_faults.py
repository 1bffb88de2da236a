"""Faults: the disk fills up during a save; the PostgreSQL server stops in the middle of a
save. Each ends with a clear message in German and English and nothing lost or half-written."""

from __future__ import annotations

import time

import psycopg
import pytest
from sqlmodel import select

from desktop.db import open_database
from desktop.offers import get_offer, list_offers, save_offer
from models.tables import TextRevision
from tests.support.pgserver import PostgresServer, find_postgres_bin, running_server

from . import procs, workers
from .checks import lost_saves
from .journal import Journal
from .region import small_region

DISK_FULL_RUNS = procs.scaled(3, 30)


@pytest.mark.parametrize(
    "headroom",
    [64 * 1024, 256 * 1024, 1024 * 1024][:DISK_FULL_RUNS]
    + [32 * 1024 * (n + 1) for n in range(max(0, DISK_FULL_RUNS - 3))],
)
def test_disk_full_during_a_save_says_so_and_keeps_every_earlier_save(tmp_path, headroom, record_property):
    url = "sqlite:///" + str(tmp_path / "full.sqlite")
    small_region(url)
    journal = Journal(tmp_path / "journal.tsv")
    outcome = procs.context().Queue()
    child = procs.start(workers.save_until_the_disk_is_full, url, str(journal.path), headroom, outcome)
    kind, step, de, en = outcome.get(timeout=300)
    child.join(timeout=60)
    assert kind == "lotse-error", (kind, de, en)
    assert "Speicherplatz" in de and "disk" in en.lower()
    saved = journal.entries()
    assert len(saved) == step - 1 and saved  # some saves went through before the disk was full

    db = open_database(url)  # without the limit: the next start
    try:
        assert db.integrity_problems() == []
        assert lost_saves(db, saved) == []
        with db.transaction() as session:
            failed = [t for t in session.exec(select(TextRevision.title)) if t == f"Angebot disk-{step}"]
        assert failed == []  # the failed save left nothing behind, not even its revision
        offer = get_offer(db, list_offers(db)[0].id)
        save_offer(
            db,
            offer.id,
            expected_version=offer.version,
            author="after",
            texts={"de": workers.german("after-1")},
        )
    finally:
        db.dispose()
    record_property("disk_full_faults", 1)
    record_property("saves_before_disk_full", len(saved))


def test_disk_full_during_a_publish_keeps_the_last_good_package(tmp_path, record_property):
    from .checks import package_problems
    from .journal import Entry

    url = "sqlite:///" + str(tmp_path / "publish.sqlite")
    offer_ids = small_region(url)
    db = open_database(url)
    for offer_id in offer_ids:  # published offers with approved English, so the package has content
        from desktop.offers import set_review_status, set_state

        set_review_status(db, offer_id, "en", "approved", author="t", reviewed_by="R")
        set_state(db, offer_id, "published", author="t", expected_version=get_offer(db, offer_id).version)
    db.dispose()
    package = tmp_path / "package"
    outcome = procs.context().Queue()
    child = procs.start(workers.publish_until_the_disk_is_full, url, str(package), 4096, outcome)
    kind, de, en = outcome.get(timeout=300)
    child.join(timeout=60)
    assert kind == "lotse-error", (kind, de, en)
    assert "unverändert" in de and "unchanged" in en
    # The package on disk is the first, whole and valid; no temporary folder or zip is left behind.
    assert package_problems(package, [Entry("published", "0", "", "good1-1")]) == []
    # (the sidecar of the live run, .package.build.sqlite, stays: it still describes that run)
    assert not [
        p for p in tmp_path.glob(".package*") if p.name not in (".package.versions", ".package.build.sqlite")
    ]
    runs = [p.name for p in (tmp_path / ".package.versions").iterdir() if p.name[:1].isdigit()]
    assert len(runs) == 1 and not (tmp_path / "package.zip").exists()  # the failed run is gone
    record_property("disk_full_faults", 1)


@pytest.fixture
def own_postgres():
    """A PostgreSQL server of this test's own, which it may stop and start."""
    if find_postgres_bin() is None:
        pytest.fail("PostgreSQL server binaries not found: run `make test`, which installs them")
    with running_server() as server:
        yield server


def _wait_for_lock_wait(server: PostgresServer, database: str) -> None:
    deadline = time.monotonic() + 180  # a child started on a loaded machine may take a while to get there
    with psycopg.connect(
        f"host=127.0.0.1 port={server.port} user={server.user} dbname={database}", autocommit=True
    ) as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                (database,),
            ).fetchone()[0]
            if waiting:
                return
            time.sleep(0.02)
    raise AssertionError("the save never reached the database")


def test_postgres_stopped_in_the_middle_of_a_save(own_postgres, tmp_path, record_property):
    url = own_postgres.create_database("lotse_fault")
    offer_ids = small_region(url)
    db = open_database(url)
    before = get_offer(db, offer_ids[0])
    db.dispose()
    outcome, go_on = procs.context().Queue(), procs.context().Event()
    # Another connection holds the offer's row, so the child's save is caught halfway, inside its transaction.
    blocker = psycopg.connect(
        f"host=127.0.0.1 port={own_postgres.port} user={own_postgres.user} dbname=lotse_fault"
    )
    blocker.execute("SELECT id FROM offer WHERE id = %s FOR UPDATE", (offer_ids[0],))
    child = procs.start(workers.save_through_a_server_stop, url, offer_ids[0], before.version, outcome, go_on)
    _wait_for_lock_wait(own_postgres, "lotse_fault")
    own_postgres.stop("immediate")
    kind, de, en = outcome.get(timeout=120)
    assert kind == "lotse-error", (kind, de, en)
    assert "antwortet nicht" in de and "does not answer" in en
    own_postgres.restart()
    go_on.set()  # the same running program tries again once the server is back
    kind, version, _ = outcome.get(timeout=120)
    child.join(timeout=60)
    assert kind == "saved" and version == before.version + 1
    db = open_database(url)
    try:
        after = get_offer(db, offer_ids[0])
        assert (
            after.version == before.version + 1
        )  # the interrupted save left nothing, the retry counted once
        assert after.texts["de"].title == "Angebot retry-1"
        with db.transaction() as session:
            titles = list(
                session.exec(select(TextRevision.title).where(TextRevision.offer_id == offer_ids[0]))
            )
        assert "Angebot stopped-1" not in titles and titles.count("Angebot retry-1") == 1
    finally:
        db.dispose()
    record_property("postgres_stopped_mid_save", 1)
