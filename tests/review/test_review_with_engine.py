"""The review screen with the engine's checks and back-translations, through the real
widgets on the demo region. In the demo, the Diakonie offer's Arabic machine text has the
WhatsApp number with two digits swapped, and the VHS course's Ukrainian one a changed
phone number; both carry a stored back-translation."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QToolButton

from desktop.context import AppContext
from desktop.offers import get_offer, list_offers
from desktop.review.queue import NEEDS_REVIEW, review_queue
from desktop.translation.assist import review_assist

JMD = "diakonie-jugendmigrationsdienst-aachen"
COURSE = "vhs-berufssprachkurs-b2-pflege-aachen"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _offer_id(db, slug: str) -> int:
    return next(row.id for row in list_offers(db) if row.slug == slug)


def _open(qtbot, db, language: str, slug: str | None = None):
    from ui.review.review_window import ReviewWindow

    assist = review_assist(db, author="rita")
    queue = review_queue(db, languages=[language], statuses=NEEDS_REVIEW, enrich=assist.enrich_queue_item)
    index = (
        0 if slug is None else next(i for i, item in enumerate(queue) if item.offer_id == _offer_id(db, slug))
    )
    window = ReviewWindow(AppContext(db=db, user="rita"), queue, index, assist)
    qtbot.addWidget(window)
    window.show()
    _activate(qtbot, window)
    _settled(qtbot, window)
    return window


def _settled(qtbot, window) -> None:
    """Decisions, edits and fetches run off the GUI thread: wait until they are done."""
    qtbot.waitUntil(lambda: not window.operations.busy)


def _activate(qtbot, window) -> None:
    window.activateWindow()  # the offscreen platform does not give focus back after a dialog
    qtbot.waitUntil(window.isActiveWindow)


def _row(window, key: str):
    return next(r for r in window.rows if r.segment.key == key)


def _findings(window) -> list[str]:
    return [label.text() for row in window.rows for label in row.findChildren(QLabel, "finding")]


def test_a_changed_phone_number_is_flagged_and_restored_with_one_click(qtbot, demo_db):
    window = _open(qtbot, demo_db, "ar", JMD)
    offer_id = _offer_id(demo_db, JMD)
    [flag] = _findings(window)
    assert "0151 27348950" in flag and "0151 27384950" in flag
    assert "0151 27384950" in window.notes_label.text()  # said above the segments too
    qtbot.mouseClick(
        _row(window, "content:6").findChild(QPushButton, "fix_button"), Qt.MouseButton.LeftButton
    )
    _settled(qtbot, window)
    content = get_offer(demo_db, offer_id).texts["ar"].content
    assert "0151 27384950" in content and "27348950" not in content
    assert _findings(window) == []  # the checks ran again on the corrected text
    _activate(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    _settled(qtbot, window)
    assert "0151 27348950" in get_offer(demo_db, offer_id).texts["ar"].content
    assert len(_findings(window)) == 1


def test_the_back_translation_marks_the_number_that_differs(qtbot, demo_db):
    window = _open(qtbot, demo_db, "uk", COURSE)
    row = _row(window, "content:5")
    back = row.back_label.text()
    assert "Back-translation" in back or "Rückübersetzung" in back
    assert "background-color" in back and ">515<" in back  # the differing group highlighted
    assert "155" in row.source_label.text() and ">155<" in row.source_label.text()
    assert "Zahl weicht ab" in back or "Number differs" in back
    assert (
        _row(window, "content:2").back_label.text().count("background-color") == 0
    )  # same meaning: nothing marked


def test_checked_with_a_failed_check_asks_first_and_no_is_the_default(qtbot, demo_db):
    window = _open(qtbot, demo_db, "ar", JMD)
    offer_id = _offer_id(demo_db, JMD)

    def press_enter_on_the_question():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press_enter_on_the_question)
            return
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the reflexive Enter

    QTimer.singleShot(20, press_enter_on_the_question)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    _settled(qtbot, window)
    assert get_offer(demo_db, offer_id).texts["ar"].review_status == "machine"
    _activate(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, CTRL_SHIFT)  # apply all fixes
    _settled(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)  # now no question
    _settled(qtbot, window)
    assert get_offer(demo_db, offer_id).texts["ar"].review_status == "checked"


def test_a_reviewer_goes_through_all_arabic_texts_of_the_demo_with_the_keyboard(qtbot, demo_db):
    window = _open(qtbot, demo_db, "ar")
    total = len(window.queue)
    assert total >= 5
    for _ in range(total):
        _activate(qtbot, window)
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_F, CTRL_SHIFT
        )  # take the one-click fixes, if any
        _settled(qtbot, window)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
        _settled(qtbot, window)
    assert window.item is None  # the "all done" page
    statuses = {item.offer_id: get_offer(demo_db, item.offer_id).texts["ar"].status for item in window.queue}
    assert set(statuses.values()) == {"checked"}, statuses
    assert review_queue(demo_db, languages=["ar"]) == []


def test_the_review_list_puts_the_text_with_a_failed_check_first_and_filters_by_service(qtbot, demo_db):
    from ui.review.queue_dialog import ReviewQueueDialog

    dialog = ReviewQueueDialog(AppContext(db=demo_db, user="rita"), review_assist(demo_db))
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ar"))
    first = dialog.model.items[0]
    assert first.offer_id == _offer_id(demo_db, JMD) and first.failed_checks == 1
    assert dialog.model.index(0, 4).data() == "1"
    assert all(item.failed_checks <= first.failed_checks for item in dialog.model.items)
    dialog.failed_only.setChecked(True)
    assert {item.failed_checks > 0 for item in dialog.model.items} == {True}
    dialog.failed_only.setChecked(False)
    dialog.provider_combo.setCurrentIndex(dialog.provider_combo.findData("demo"))
    assert dialog.model.items and {item.provider for item in dialog.model.items} == {"demo"}


def test_one_segment_is_re_translated_by_the_service_and_ctrl_z_brings_the_old_words_back(qtbot, demo_db):
    from desktop.translation.assist import EngineAssist
    from desktop.translation.http import Limits
    from desktop.translation.settings import Providers
    from tests.support.fake_mt_server import FakeMTServer
    from ui.review.review_window import ReviewWindow

    server = FakeMTServer().start()
    try:
        providers = Providers(
            demo_db,
            override="libretranslate",
            url=server.url,
            limits=Limits(timeout=2.0, retries=1, backoff=0.01, requests_per_second=1000, concurrency=4),
        )
        assist = EngineAssist(demo_db, author="rita", providers=providers, fetch_back_translations=False)
        offer_id = _offer_id(demo_db, JMD)
        queue = review_queue(demo_db, languages=["ar"])
        window = ReviewWindow(
            AppContext(db=demo_db, user="rita"),
            queue,
            next(i for i, item in enumerate(queue) if item.offer_id == offer_id),
            assist,
        )
        qtbot.addWidget(window)
        window.show()
        _activate(qtbot, window)
        _settled(qtbot, window)
        before = get_offer(demo_db, offer_id).texts["ar"]
        qtbot.mouseClick(
            _row(window, "content:2").findChild(QToolButton, "retranslate_segment"), Qt.MouseButton.LeftButton
        )
        _settled(qtbot, window)
        after = get_offer(demo_db, offer_id).texts["ar"]
        assert "[ar] Hilfe bei Bewerbungen und beim ersten Praktikum" in after.content
        assert server.segments == 1  # only that segment went to the service
        assert after.title == before.title and "0151 27348950" in after.content  # the rest untouched
        _activate(qtbot, window)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
        _settled(qtbot, window)
        restored = get_offer(demo_db, offer_id).texts["ar"]
        assert (restored.content, restored.review_status) == (before.content, before.review_status)
    finally:
        server.stop()
