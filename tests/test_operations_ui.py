"""Operations announce what they changed: a decision in the review screen reaches the offer
list, the languages panel and the open editor without a reload, and the editor saves after it
without a conflict. Nothing writes to the database or asks a translation service from the GUI
thread while a person reviews, edits, archives or re-translates (a guard fails the test)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from desktop.offers import get_offer
from desktop.review.queue import review_queue
from tests.editor.helpers import open_window


class ModalWatch:
    """Closes and remembers every modal dialog that appears (a conflict, an error)."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._look)
        self.timer.start(20)

    def _look(self) -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            self.seen.append(box.windowTitle() + ": " + (box.text() if hasattr(box, "text") else ""))
            box.reject()


def _settled(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=20000)


def test_a_review_decision_reaches_the_list_the_languages_and_the_open_editor(qtbot, demo_db):
    from ui.review.review_window import ReviewWindow

    window = open_window(qtbot, demo_db, user="rita")
    item = review_queue(demo_db, languages=["ar"])[0]
    window.open_offer(item.offer_id)
    assert window.editor.offer.texts["ar"].status != "checked"
    version = window.editor.base_version

    review = ReviewWindow(window.context, [item], 0, parent=window, operations=window.operations)
    qtbot.addWidget(review)
    review.show()
    review.accept_checked()
    _settled(qtbot, window)
    assert get_offer(demo_db, item.offer_id).texts["ar"].status == "checked"

    row = window.model.row_at(window.model.row_of(item.offer_id))
    assert row.statuses["ar"] == "checked"  # the list, without a reload
    assert window.languages_panel.status_of("ar") == "checked"
    assert window.editor.offer.texts["ar"].status == "checked"

    # The person goes on editing the offer: the save succeeds, no conflict is shown.
    watch = ModalWatch()
    window.editor.show_language("de")
    title = window.editor.fields["title"]
    title.setFocus()
    qtbot.keyClicks(title, " neu")
    assert window.editor.is_dirty()
    assert window.editor.save()
    _settled(qtbot, window)
    assert watch.seen == []
    saved = get_offer(demo_db, item.offer_id)
    assert saved.texts["de"].title.endswith(" neu") and saved.version == version + 1
    assert saved.texts["ar"].review_status == "checked"


@pytest.fixture
def mt_server():
    from tests.support.fake_mt_server import FakeMTServer

    server = FakeMTServer().start()
    yield server
    server.stop()


class GuiThreadGuard:
    """Fails on a database write or a translation request made on the GUI thread."""

    def __init__(self, monkeypatch, db) -> None:
        from desktop.translation.http import BoundedClient

        self.violations: list[str] = []
        self.writes_seen = 0
        self.requests_seen = 0
        original = BoundedClient.request

        def request(client, method, url, **kwargs):
            self.requests_seen += 1
            self._check(f"translation request {method} {url}")
            return original(client, method, url, **kwargs)

        monkeypatch.setattr(BoundedClient, "request", request)
        event.listen(db.engine, "before_cursor_execute", self._statement)
        self.db = db

    def _statement(self, _conn, _cursor, statement, _params, _context, _many) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE"):
            self.writes_seen += 1
            self._check(statement[:80])

    def _check(self, what: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.violations.append(what)

    def remove(self) -> None:
        event.remove(self.db.engine, "before_cursor_execute", self._statement)


def test_no_write_and_no_translation_request_on_the_gui_thread(qtbot, demo_db, mt_server, monkeypatch):
    from desktop.translation.assist import review_assist
    from desktop.translation.settings import ServiceSettings, save_service, set_language_provider
    from ui.review.review_window import ReviewWindow
    from ui.translation import start_translation

    save_service(demo_db, ServiceSettings("libretranslate", url=mt_server.url))
    set_language_provider(demo_db, "uk", "libretranslate")
    window = open_window(qtbot, demo_db, user="rita")
    guard = GuiThreadGuard(monkeypatch, demo_db)
    watch = ModalWatch()
    try:
        # Reviewing: the back-translation is fetched, a segment edited, decided, re-translated, undone.
        assist = review_assist(demo_db, author="rita")
        items = review_queue(demo_db, languages=["uk"])[:2]
        review = ReviewWindow(window.context, items, 0, assist, parent=window, operations=window.operations)
        qtbot.addWidget(review)
        review.show()
        _settled(qtbot, window)
        review._segment_committed("title", "Neuer Titel")
        review.retranslate("title")
        _settled(qtbot, window)
        review.undo()
        _settled(qtbot, window)
        review.accept_checked()
        _settled(qtbot, window)
        review.undo()
        _settled(qtbot, window)

        # Editing: a change, an autosave, a save.
        offer_id = items[0].offer_id
        window.open_offer(offer_id)
        window.editor.show_language("de")
        title = window.editor.fields["title"]
        title.setFocus()
        qtbot.keyClicks(title, " (neu)")
        window.editor.autosave()
        _settled(qtbot, window)
        assert window.editor.save()
        _settled(qtbot, window)

        # Archiving and back; duplicating.
        window.list_panel.select_offer(offer_id)
        window.actions.archive.trigger()
        _settled(qtbot, window)
        window.actions.restore.trigger()
        _settled(qtbot, window)

        # Re-translating the offer as a batch.
        start_translation(window, ["uk"], [offer_id], True)
        qtbot.waitUntil(lambda: window.features.dialog("translation", "report") is not None, timeout=20000)
        _settled(qtbot, window)
    finally:
        guard.remove()
    assert guard.violations == []
    assert guard.writes_seen > 10 and guard.requests_seen > 0  # the guard saw the work
    assert get_offer(demo_db, offer_id).facts["state"] != "archived"
    assert get_offer(demo_db, offer_id).texts["de"].title.endswith("(neu)")
    # No error and no conflict on the way; only the batch's report.
    assert [seen for seen in watch.seen if not seen.startswith("Übersetzung abgeschlossen")] == []


def test_the_guard_sees_a_write_on_the_gui_thread(demo_db, monkeypatch):
    from desktop.offers import set_state

    guard = GuiThreadGuard(monkeypatch, demo_db)
    offer = get_offer(demo_db, 1)
    set_state(demo_db, 1, "archived", author="x", expected_version=offer.version)
    guard.remove()
    assert any(v.startswith("UPDATE") for v in guard.violations)


def test_imports_and_a_round_reply_save_off_the_gui_thread_and_reach_the_list(
    qtbot, demo_db, tmp_path, monkeypatch
):
    """The exchange dialogs' saves are operations: a spreadsheet import, a provider's reply and an
    agency's XLIFF write off the GUI thread, and the list shows what they changed without a reload."""
    from desktop.exchange.provider_round import request_round
    from desktop.exchange.xliff_export import export_xliff
    from tests.exchange.agency import translate_path
    from tests.exchange.test_update_round import _edit
    from ui.exchange import start_table_import, start_xliff_import
    from ui.exchange.round_dialog import RoundReplyDialog, start_round_reply
    from ui.exchange.xliff_import_dialog import XliffImportDialog

    window = open_window(qtbot, demo_db, user="rita")
    announced: list = []
    window.notifier.changed.connect(announced.append)
    offer_id = window.model.row_at(0).id
    exported = export_xliff(demo_db, "uk", [offer_id], tmp_path / "uk.xliff", author="rita", single_file=True)
    back = translate_path(exported.path, tmp_path / "back.xliff", say=lambda text: f"uk: {text.strip()}")
    request = request_round(demo_db, tmp_path / "round")
    sheet = request.sheets[0]
    table = tmp_path / "liste.csv"
    table.write_text("Titel;Straße;PLZ\nNähtreff Stolberg;Rathausstraße 1;52222\n", encoding="utf-8")
    guard = GuiThreadGuard(monkeypatch, demo_db)
    try:
        # A spreadsheet of offers: checked, then saved; the new offer appears in the list.
        start_table_import(window, str(table))
        dialog = window.features.dialog("exchange", "dialog")
        dialog.check_button.click()
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20000)
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
        _settled(qtbot, window)
        created = dialog.result.created[0]
        assert window.model.row_of(created) is not None  # the list follows, no reload
        dialog.accept()

        # A provider's reply: the offer it confirms is announced to the views.
        import openpyxl

        asked = openpyxl.load_workbook(sheet)["Angebote"].cell(row=2, column=1).value
        _edit(sheet, {asked: {"Stimmt das?": "stimmt so"}})
        start_round_reply(window, str(sheet))
        qtbot.waitUntil(
            lambda: isinstance(window.features.dialog("exchange", "dialog"), RoundReplyDialog), timeout=30000
        )
        reply = window.features.dialog("exchange", "dialog")
        reply.save_button.click()
        qtbot.waitUntil(lambda: reply.confirmed is not None, timeout=30000)
        _settled(qtbot, window)
        assert asked in reply.confirmed
        assert any(changes.touches("offer", asked) for changes in announced)

        # An agency's XLIFF: the texts saved reach the list's language columns.
        start_xliff_import(window, str(back))
        qtbot.waitUntil(
            lambda: isinstance(window.features.dialog("exchange", "dialog"), XliffImportDialog), timeout=30000
        )
        review = window.features.dialog("exchange", "dialog")
        review.agency.setText("Übersetzungsbüro Kyjiw")
        review.save_button.click()
        qtbot.waitUntil(lambda: review.result is not None, timeout=30000)
        _settled(qtbot, window)
        assert review.result.saved >= 1
        assert window.model.row_at(window.model.row_of(offer_id)).statuses["uk"] == "approved"
    finally:
        guard.remove()
    assert guard.violations == []
    assert guard.writes_seen > 3  # the guard saw the imports


def test_the_page_and_event_editors_write_off_the_gui_thread(qtbot, demo_db, monkeypatch):
    """The page and event editors' saves, autosaves, moves and archives are operations too."""
    from PySide6.QtCore import QDate, QDateTime, QTime

    from desktop.content import list_pages
    from desktop.content_editing import get_item

    window = open_window(qtbot, demo_db, user="rita")
    tabs = window.content_tabs
    guard = GuiThreadGuard(monkeypatch, demo_db)
    watch = ModalWatch()
    try:
        tabs.setCurrentIndex(1)
        qtbot.waitUntil(lambda: tabs.pages.loaded, timeout=20000)
        pages = tabs.pages
        top = next(r.id for r in list_pages(demo_db) if r.depth == 0)
        pages.tree.setCurrentItem(pages.item_of(top))
        pages.new_page(under_current=True)
        pages.editor.fields["title"].setFocus()
        qtbot.keyClicks(pages.editor.fields["title"], "Neue Seite")
        pages.editor.autosave()
        _settled(qtbot, window)
        assert pages.editor.save()
        _settled(qtbot, window)
        page_id = pages.editor.offer.id
        qtbot.waitUntil(lambda: pages.item_of(page_id) is not None, timeout=20000)
        pages.tree.setCurrentItem(pages.item_of(page_id))
        pages.step("up")
        _settled(qtbot, window)
        pages.archive_current()
        _settled(qtbot, window)

        tabs.setCurrentIndex(2)
        qtbot.waitUntil(lambda: tabs.events.loaded, timeout=20000)
        events = tabs.events
        events.new_event()
        qtbot.keyClicks(events.editor.fields["title"], "Neuer Termin")
        start = QDateTime(QDate(2031, 5, 6), QTime(10, 0))
        events.editor.fields["event_start"].edit.setDateTime(start)
        events.editor.fields["event_end"].edit.setDateTime(start.addSecs(3600))
        events.editor.autosave()
        _settled(qtbot, window)
        assert events.editor.save()
        _settled(qtbot, window)
    finally:
        guard.remove()
    assert guard.violations == []
    assert guard.writes_seen > 5
    assert get_item(demo_db, page_id).facts["state"] == "archived"
    assert get_item(demo_db, events.editor.offer.id).texts["de"].title == "Neuer Termin"
    assert watch.seen == []
