"""Issue 15's "Done when" in the window, end to end (pytest-qt, the demo region, the local
translation test server): a page created under a page and moved by the keyboard, a weekly
event with one date skipped, both machine-translated into Arabic, reviewed with the
keyboard in the review screen (labelled as page and event), and published. The package holds
the page at its new path in German and Arabic, and the event's dates for the next 31 days
in events.json without the skipped date."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication

from desktop.content import list_pages
from desktop.content_editing import get_item
from desktop.review.queue import review_queue
from desktop.translation.settings import ServiceSettings, save_service, set_language_provider
from tests.editor.helpers import open_window, settled
from tests.test_operations_ui import ModalWatch

REGION = "staedteregion-aachen"


def _type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def _choose(field, value) -> None:
    """A combo box chosen as by the user (``activated``)."""
    field.setCurrentIndex(field.findData(value))
    field.activated.emit(field.currentIndex())


def test_page_and_event_created_moved_translated_reviewed_and_published(qtbot, demo_db, tmp_path):
    from tests.support.fake_mt_server import FakeMTServer
    from ui.publish_dialog import PublishDialog
    from ui.review.review_window import ReviewWindow
    from ui.translation import start_translation

    server = FakeMTServer().start()
    try:
        save_service(demo_db, ServiceSettings("libretranslate", url=server.url))
        set_language_provider(demo_db, "ar", "libretranslate")
        window = open_window(qtbot, demo_db, user="rita")
        tabs = window.content_tabs

        # A page under "Ankommen", saved, then moved with Alt+Down and Alt+Right under its new
        # sibling above ("Ankommen" is followed by ... it lands one level down there).
        tabs.setCurrentIndex(1)
        pages = tabs.pages
        qtbot.waitUntil(lambda: pages.loaded, timeout=20000)
        by_title = {r.title: r.id for r in list_pages(demo_db)}
        pages.tree.setCurrentItem(pages.item_of(by_title["Ankommen"]))
        qtbot.mouseClick(pages.sub_button, Qt.MouseButton.LeftButton)
        editor = pages.editor
        _type(qtbot, editor.fields["title"], "Wohnsitz anmelden")
        _type(qtbot, editor.fields["content"].editor, "Innerhalb von zwei Wochen beim Buergerbuero.")
        _choose(editor.fields["state"], "published")
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        settled(qtbot, window)
        page_id = editor.offer.id
        assert get_item(demo_db, page_id).facts["parent_id"] == by_title["Ankommen"]
        qtbot.waitUntil(lambda: pages.item_of(page_id) is not None, timeout=20000)
        # Out of "Ankommen" (after it, at the top level), then in again under "Ankommen".
        pages.tree.setCurrentItem(pages.item_of(page_id))
        window.activateWindow()  # the offscreen platform does not give focus back by itself
        qtbot.waitUntil(window.isActiveWindow)
        pages.tree.setFocus()
        qtbot.waitUntil(pages.tree.hasFocus)
        qtbot.keyClick(pages.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        settled(qtbot, window)
        assert get_item(demo_db, page_id).facts["parent_id"] == by_title["Willkommen in der StädteRegion"]
        qtbot.waitUntil(lambda: pages.item_of(page_id) is not None, timeout=20000)
        pages.tree.setCurrentItem(pages.item_of(page_id))
        qtbot.keyClick(pages.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        settled(qtbot, window)
        moved_under = get_item(demo_db, page_id).facts["parent_id"]
        assert moved_under == by_title["Ankommen"]
        page_rows = [r for r in list_pages(demo_db) if r.parent_id == moved_under]
        assert page_rows[-1].id == page_id  # its last subpage

        # A weekly event on Tuesdays from next Tuesday, the second Tuesday skipped.
        tabs.setCurrentIndex(2)
        events = tabs.events
        qtbot.waitUntil(lambda: events.loaded, timeout=20000)
        qtbot.mouseClick(events.new_button, Qt.MouseButton.LeftButton)
        editor = events.editor
        today = date.today()
        first = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
        _type(qtbot, editor.fields["title"], "Spieletreff")
        _type(qtbot, editor.fields["content"].editor, "Brettspiele fuer alle.")
        start = QDate(first.year, first.month, first.day)
        editor.fields["event_start"].edit.setDateTime(QDateTime(start, QTime(15, 0)))
        editor.fields["event_end"].edit.setDateTime(QDateTime(start, QTime(17, 0)))
        rule = editor.fields["rrule"]
        _choose(rule.freq, "WEEKLY")
        qtbot.mouseClick(rule.day_boxes[1], Qt.MouseButton.LeftButton)
        skipped = first + timedelta(days=7)
        editor.fields["exdates"].date.setDate(QDate(skipped.year, skipped.month, skipped.day))
        qtbot.mouseClick(editor.fields["exdates"].add, Qt.MouseButton.LeftButton)
        _choose(editor.fields["state"], "published")
        assert editor.problems == []
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        settled(qtbot, window)
        event_id = editor.offer.id
        assert get_item(demo_db, event_id).facts["exdates"] == [skipped.isoformat()]

        # Both translated into Arabic by the local translation server.
        watch = ModalWatch()
        start_translation(window, ["ar"], [page_id, event_id], True)
        qtbot.waitUntil(lambda: window.features.dialog("translation", "report") is not None, timeout=30000)
        settled(qtbot, window)
        assert get_item(demo_db, page_id).texts["ar"].title == "[ar] Wohnsitz anmelden"
        assert get_item(demo_db, event_id).texts["ar"].status == "machine"

        # Reviewed with the keyboard: Ctrl+Enter marks each checked and goes on.
        queue = [i for i in review_queue(demo_db, languages=["ar"]) if i.offer_id in (page_id, event_id)]
        assert {(i.offer_id, i.kind) for i in queue} == {(page_id, "page"), (event_id, "event")}
        assert next(i for i in queue if i.kind == "event").when.date() == first
        review = ReviewWindow(window.context, queue, 0, parent=window, operations=window.operations)
        qtbot.addWidget(review)
        review.show()
        qtbot.waitExposed(review)
        headings = []
        for _ in queue:
            headings.append(review.title_label.text())
            assert [row.segment.key for row in review.rows][:2] == ["title", "content:0"]  # no summary row
            review.activateWindow()
            qtbot.waitUntil(review.isActiveWindow)
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            settled(qtbot, window)
        assert review.item is None  # all done
        weekday = ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.")[first.weekday()]
        assert any("Informationsseite" in h and "Wohnsitz anmelden" in h for h in headings)
        assert any(f"Veranstaltung am {weekday}, {first.day}." in h and "Spieletreff" in h for h in headings)
        for item_id in (page_id, event_id):
            assert get_item(demo_db, item_id).texts["ar"].status == "checked"
        assert [seen for seen in watch.seen if not seen.startswith("Übersetz")] == []  # only the report

        # Published through the Publish dialog.
        dialog = PublishDialog(window.context, window.tasks, parent=window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
        out = tmp_path / "paket"
        dialog.folder.setText(str(out))
        dialog.base_url.setText("https://app.example.org")
        dialog.publish_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    finally:
        server.stop()

    api = out / "api" / "v3" / REGION
    ankommen = get_item(demo_db, by_title["Ankommen"]).texts
    for code, prefix in (("de", ""), ("ar", "[ar] ")):
        tree = json.loads((api / code / "pages" / "index.json").read_text())
        mine = next(p for p in tree if p["title"] == prefix + "Wohnsitz anmelden")
        parent = next(p for p in tree if p["path"] == mine["parent"]["path"])
        assert parent["title"] == ankommen[code].title
        assert mine["path"].startswith(parent["path"].rstrip("/") + "/")
    events_ar = json.loads((api / "ar" / "events" / "index.json").read_text())
    dates = sorted(
        datetime.fromisoformat(e["event"]["start"]).date()
        for e in events_ar
        if e["title"] == "[ar] Spieletreff"
    )
    expected = [first + timedelta(days=7 * n) for n in range(6) if n != 1]
    assert dates == [d for d in expected if d < today + timedelta(days=31)]
    assert skipped not in dates and len(dates) >= 3
