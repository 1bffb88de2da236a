"""Operations announce what they changed: a decision in the review screen reaches the offer
list, the languages panel and the open editor without a reload, and the editor saves after it
without a conflict. Nothing writes to the database or asks a translation service from the GUI
thread while a person reviews, edits, archives or re-translates (a guard fails the test)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

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
