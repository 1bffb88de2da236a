"""The review screen opens at the first segment, also when the checks flag a later one
(issue 18 item 8): the findings are listed above the segments, the view is not moved."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.review.queue import REVIEWABLE, review_queue
from desktop.translation.assist import review_assist


def test_every_text_of_the_demo_queue_opens_at_its_first_segment(qtbot, demo_db):
    from ui.review.review_window import ReviewWindow

    items = review_queue(demo_db, statuses=REVIEWABLE)
    window = ReviewWindow(
        AppContext(db=demo_db, user="rita"), items, 0, review_assist(demo_db, author="rita")
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    flagged = 0
    for index in range(min(len(items), 8)):
        window.index = index
        window.load()
        qtbot.wait(50)  # anything queued after loading (a deferred scroll) has run
        flagged += not window.notes_label.isHidden()
        bar = window.scroll.verticalScrollBar()
        first = window.rows[0]
        top = first.mapTo(window.scroll.widget(), first.rect().topLeft()).y()
        assert bar.value() <= top, (index, bar.value(), top)
        assert first.editor.hasFocus() or not window.isActiveWindow()
    assert flagged, "the demo queue must include a text with findings for this test to mean something"
