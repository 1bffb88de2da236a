"""The review screen driven through its real widgets, with the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from desktop.context import AppContext
from desktop.offers import create_offer, get_offer, save_offer, save_translation
from desktop.review.queue import review_queue
from tests.review.test_segments import ENGLISH, GERMAN
from tests.support.factory import make_region, offer_facts

ARABIC = {
    "title": "مقهى اللغة",
    "summary": "تدرب على الألمانية في جو مريح.",
    "content": "<p>كل يوم ثلاثاء من 15 إلى 17.</p><p>القهوة والشاي مجانًا.</p><ul><li>بدون تسجيل</li></ul>",
}


def _three_offers(db):
    ids = make_region(db)
    offers = []
    for n in range(3):
        offer = create_offer(
            db, offer_facts(ids), {"de": dict(GERMAN, title=f"Sprachcafé {n}")}, author="anna"
        )
        save_translation(db, offer.id, "ar", ARABIC, author="mt", review_status="machine")
        offers.append(offer)
    return offers


def _show(qtbot, window):
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _settled(qtbot, window) -> None:
    """Decisions and edits run off the GUI thread: wait until they are stored."""
    qtbot.waitUntil(lambda: not window.operations.busy)


def _answer_next_input_dialog(qtbot, text: str) -> None:
    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        qtbot.keyClicks(dialog.focusWidget(), text)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    QTimer.singleShot(20, answer)


def test_a_reviewer_approves_three_texts_with_the_keyboard_only(qtbot, sqlite_db):
    from ui.review.review_window import ReviewWindow

    offers = _three_offers(sqlite_db)
    queue = review_queue(sqlite_db, languages=["ar"])
    window = ReviewWindow(AppContext(db=sqlite_db, user="rita"), queue)
    qtbot.addWidget(window)
    _show(qtbot, window)
    assert window.rows[0].editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for _ in range(3):
        _answer_next_input_dialog(qtbot, "Samira H.")
        window.activateWindow()  # the offscreen platform does not give focus back after a dialog
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(
            QApplication.focusWidget(),
            Qt.Key.Key_Return,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    _settled(qtbot, window)
    for offer in offers:
        text = get_offer(sqlite_db, offer.id).texts["ar"]
        assert (text.status, text.reviewed_by) == ("approved", "Samira H.")
    assert window.item is None  # the "all done" page


def test_ctrl_enter_marks_checked_and_moves_on_and_ctrl_up_goes_back(qtbot, sqlite_db):
    from ui.review.review_window import ReviewWindow

    offers = _three_offers(sqlite_db)
    window = ReviewWindow(AppContext(db=sqlite_db, user="rita"), review_queue(sqlite_db, languages=["ar"]))
    _show(qtbot, window)
    first = window.item.offer_id
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _settled(qtbot, window)
    assert get_offer(sqlite_db, first).texts["ar"].status == "checked"
    assert window.index == 1
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.index == 0
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.index == 1
    assert {o.id for o in offers} >= {first}


def test_a_typed_correction_is_saved_and_can_be_undone(qtbot, sqlite_db):
    from ui.review.review_window import ReviewWindow

    offers = _three_offers(sqlite_db)
    window = ReviewWindow(AppContext(db=sqlite_db, user="rita"), review_queue(sqlite_db, languages=["ar"]))
    _show(qtbot, window)
    offer_id = window.item.offer_id
    title_editor = window.rows[0].editor
    title_editor.setFocus()
    title_editor.selectAll()
    title_editor.insertPlainText("مقهى اللغة الألمانية")  # QTest cannot type non-Latin keys
    window.rows[1].editor.setFocus()  # leaving the field saves it
    qtbot.waitUntil(lambda: get_offer(sqlite_db, offer_id).texts["ar"].title == "مقهى اللغة الألمانية")
    window.undo()
    _settled(qtbot, window)
    assert get_offer(sqlite_db, offer_id).texts["ar"].title == ARABIC["title"]
    window.redo()
    _settled(qtbot, window)
    assert get_offer(sqlite_db, offer_id).texts["ar"].title == "مقهى اللغة الألمانية"
    assert offers


def test_an_outdated_text_shows_the_source_diff(qtbot, sqlite_db):
    from ui.review.review_window import ReviewWindow

    ids = make_region(sqlite_db)
    offer = create_offer(sqlite_db, offer_facts(ids), {"de": GERMAN}, author="anna")
    save_translation(sqlite_db, offer.id, "en", ENGLISH, author="mt", review_status="checked")
    save_offer(
        sqlite_db,
        offer.id,
        expected_version=offer.version,
        author="anna",
        texts={"de": dict(GERMAN, content=GERMAN["content"].replace("15 bis 17", "16 bis 18"))},
    )
    window = ReviewWindow(AppContext(db=sqlite_db, user="rita"), review_queue(sqlite_db, languages=["en"]))
    _show(qtbot, window)
    changed = [row for row in window.rows if row.segment.changed_in_source]
    assert [row.segment.key for row in changed] == ["content:0"]
    shown = changed[0].source_label.text()
    assert "line-through" in shown and ">15<" in shown and ">16<" in shown


def test_ctrl_z_takes_back_a_decision_and_returns_to_the_text(qtbot, sqlite_db):
    from ui.review.review_window import ReviewWindow

    _three_offers(sqlite_db)
    window = ReviewWindow(AppContext(db=sqlite_db, user="rita"), review_queue(sqlite_db, languages=["ar"]))
    _show(qtbot, window)
    first = window.item.offer_id
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _settled(qtbot, window)
    assert window.index == 1 and get_offer(sqlite_db, first).texts["ar"].status == "checked"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    _settled(qtbot, window)
    assert window.index == 0
    text = get_offer(sqlite_db, first).texts["ar"]
    assert (text.status, text.reviewed_by) == ("machine", None)
    qtbot.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    _settled(qtbot, window)
    assert get_offer(sqlite_db, first).texts["ar"].status == "checked"
