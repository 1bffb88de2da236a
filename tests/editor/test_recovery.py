"""Never lose work: autosave to the Draft table, and the next start offers it back,
also after the program was killed in the middle of typing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.drafts import list_drafts
from desktop.offers import get_offer

from .helpers import Answer, open_window, settled

CHILD = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, sys.argv[2])
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from desktop.context import AppContext
    from desktop.db import open_database
    from desktop.drafts import list_drafts
    from ui.main_window import MainWindow
    db = open_database(sys.argv[1])
    window = MainWindow(AppContext(db=db, user="tester"))
    window.show()
    window.editor.autosave_timer.setInterval(200)
    offer_id = int(sys.argv[3])
    window.open_offer(offer_id)
    title = window.editor.fields["title"]
    title.setText("Vor dem Absturz getippt")
    title.edited.emit()
    deadline = time.monotonic() + 60
    while not list_drafts(db, author="tester") and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    print("autosaved", flush=True)
    while True:  # still "typing" when the kill comes
        app.processEvents()
        time.sleep(0.05)
    """
)


def test_killed_while_editing_the_next_start_offers_the_draft_back(qtbot, demo_db, tmp_path):
    path = Path(demo_db.engine.url.database)
    offer_id = next(
        r for r in __import__("desktop.offers").offers.list_offers(demo_db) if r.state != "archived"
    ).id
    original = get_offer(demo_db, offer_id)
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    child = subprocess.Popen(
        [sys.executable, str(script), str(path), os.getcwd(), str(offer_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "autosaved", child.stderr.read()[-3000:]
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    assert get_offer(demo_db, offer_id).texts["de"].title == original.texts["de"].title  # never saved

    window = open_window(qtbot, demo_db)
    banner = window.recovery
    assert banner.isVisible() and original.texts["de"].title in banner.text.text()
    banner.restore_button.click()
    assert window.editor.offer.id == offer_id
    assert window.editor.fields["title"].text() == "Vor dem Absturz getippt"
    assert window.editor.is_dirty() and not banner.isVisible()
    assert window.editor.save()
    assert get_offer(demo_db, offer_id).texts["de"].title == "Vor dem Absturz getippt"
    assert list_drafts(demo_db, author="tester") == []


def test_closing_without_saving_keeps_nothing_but_a_crash_keeps_the_draft(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    row = next(r for r in window.model.rows() if r.state != "archived")
    window.open_offer(row.id)
    window.editor.fields["cost"].setText("3 Euro")
    window.editor.fields["cost"].edited.emit()
    window.editor.autosave()
    settled(qtbot, window)
    assert [d.offer_id for d in list_drafts(demo_db, author="tester")] == [row.id]
    # Closing normally asks; "discard" means the draft goes too.
    Answer("discard")
    window.close()
    assert list_drafts(demo_db, author="tester") == []


def test_a_restored_draft_of_a_new_offer_becomes_an_offer_on_save(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    window.actions.new.trigger()
    window.editor.fields["title"].setText("Ganz neues Angebot")
    window.editor.fields["title"].edited.emit()
    window.editor.autosave()
    settled(qtbot, window)
    window.editor.set_active(False)  # as if the program died here
    window.close()
    again = open_window(qtbot, demo_db)
    assert "Ganz neues Angebot" in again.recovery.text.text()
    again.recovery.restore_button.click()
    assert again.editor.offer is None and again.editor.fields["title"].text() == "Ganz neues Angebot"
    assert again.editor.save()
    assert again.editor.offer is not None
    assert again.model.row_of(again.editor.offer.id) is not None
    assert again.list_panel.selected_offer_ids() == [again.editor.offer.id]
