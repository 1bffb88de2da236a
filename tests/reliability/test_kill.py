"""Kill at random points: a child edits offers (German texts, facts, translations) and is
SIGKILLed at a random moment, again and again. After every kill the database passes its
integrity check, every save the child had reported is there, and the next start opens."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.db import open_database
from desktop.offers import list_offers

from . import procs, workers
from .checks import lost_drafts, lost_saves, lost_translations, marker_order, package_problems
from .journal import Journal
from .region import small_region

ROOT = Path(__file__).resolve().parents[2]
KILLS = {"sqlite": procs.scaled(50, 1000), "postgres": procs.scaled(6, 200)}


def _wait_for_a_save(journal: Journal, before: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while len(journal.entries()) <= before and time.monotonic() < deadline:
        time.sleep(0.01)


def test_sigkill_at_random_points_loses_no_reported_save(db_url, tmp_path, record_property, mt_server):
    """On SQLite the child also translates (local fake server) and publishes the app package."""
    backend = "sqlite" if db_url.startswith("sqlite") else "postgres"
    kills = KILLS[backend]
    small_region(db_url)
    mt_server.latency = 0.005
    extra = (mt_server.url, str(tmp_path / "package")) if backend == "sqlite" else (None, None)
    journal = Journal(tmp_path / "journal.tsv")
    rng = random.Random(kills)
    reported_before = 0
    for cycle in range(kills):
        ready = procs.context().Event()
        child = procs.start(
            workers.edit_until_killed, db_url, str(journal.path), cycle, f"k{cycle}", ready, *extra
        )
        if cycle % 5:  # most kills hit the editing after a first save; every fifth one may hit the start-up
            ready.wait(60)
            _wait_for_a_save(journal, reported_before)
        time.sleep(rng.uniform(0.0, 0.3))
        procs.sigkill(child)
        db = open_database(db_url)  # the next start: migrations checked, SQLite recovered from its WAL
        try:
            assert db.integrity_problems() == [], f"after kill {cycle + 1}"
            entries = journal.entries()
            assert lost_saves(db, entries) == [], f"after kill {cycle + 1}"
            assert lost_translations(db, entries) == [], f"after kill {cycle + 1}"
            assert lost_drafts(db, entries) == [], f"after kill {cycle + 1}"
            assert package_problems(tmp_path / "package", entries) == [], f"after kill {cycle + 1}"
            assert len(list_offers(db)) == 6
        finally:
            db.dispose()
        reported_before = len(entries)
    record_property("kills", kills)
    record_property("reported_saves", reported_before)
    record_property("drafts_reported", sum(e.kind == "draft" for e in journal.entries()))
    # The kills really hit a working editor: at least four in five came after a reported save.
    assert reported_before >= kills * 4 // 5
    kinds = {e.kind for e in journal.entries()}
    assert {"text", "facts", "translation", "draft"} <= kinds
    if backend == "sqlite":
        assert {"machine", "published"} <= kinds
        record_property("translations_reported", sum(e.kind == "machine" for e in journal.entries()))
        record_property("publishes_reported", sum(e.kind == "published" for e in journal.entries()))
    print(f"\n{backend}: {kills} kills survived, {reported_before} reported saves all present")


def test_the_window_opens_on_a_database_left_by_kills(tmp_path):
    url = "sqlite:///" + str(tmp_path / "killed.sqlite")
    small_region(url)
    journal = Journal(tmp_path / "journal.tsv")
    for cycle in range(3):
        child = procs.start(workers.edit_until_killed, url, str(journal.path), cycle, f"w{cycle}")
        time.sleep(0.3)
        procs.sigkill(child)
    assert Path(str(tmp_path / "killed.sqlite") + "-wal").exists()  # left mid-flight, not closed cleanly
    probe = subprocess.run(
        [sys.executable, "-m", "benchmarks.probe_window", "lotse", str(tmp_path / "killed.sqlite")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert probe.returncode == 0, probe.stderr
    assert '"painted_at"' in probe.stdout


def test_the_next_start_offers_the_autosaved_draft_back(tmp_path, qtbot):
    """Kill a child right after it autosaved; the real window on that database offers the draft
    to its author, and Restore puts the typed text into the editor, unsaved."""
    from desktop.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings_store import SettingsStore

    url = "sqlite:///" + str(tmp_path / "killed.sqlite")
    small_region(url)
    journal = Journal(tmp_path / "journal.tsv")
    child = procs.start(workers.autosave_until_killed, url, str(journal.path), "d0")
    deadline = time.monotonic() + 60
    while not any(e.kind == "draft" for e in journal.entries()) and time.monotonic() < deadline:
        time.sleep(0.01)
    procs.sigkill(child)
    last = [e for e in journal.entries() if e.kind == "draft"][-1]

    db = open_database(url)
    try:
        window = MainWindow(AppContext(db=db, user="d0"), SettingsStore(str(tmp_path / "settings.ini")))
        qtbot.addWidget(window)
        window.show()
        assert window.recovery.isVisible()
        offered = window.recovery.drafts[0]
        assert offered.offer_id == last.offer
        assert marker_order(
            offered.payload["payload"]["texts"]["de"]["title"].removeprefix("Angebot ")
        ) >= marker_order(last.marker)
        qtbot.mouseClick(window.recovery.restore_button, Qt.MouseButton.LeftButton)
        assert window.editor.offer.id == last.offer
        assert (
            window.editor.payload["texts"]["de"]["title"]
            == offered.payload["payload"]["texts"]["de"]["title"]
        )
        assert window.editor.is_dirty()  # restored, not saved: the user decides
        assert not window.recovery.isVisible()
        window.editor.base = window.editor.payload  # close without the unsaved-changes question
        window.close()
    finally:
        db.dispose()
