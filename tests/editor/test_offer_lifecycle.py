"""Create, duplicate, archive, restore and delete offers; revisions with diff and restore."""

from __future__ import annotations

from desktop.offers import get_offer, list_offers

from .helpers import Answer, open_window, settled


def _first_active(window):
    return next(r for r in window.model.rows() if r.state != "archived")


def test_new_offer_is_created_on_save_and_appears_in_the_list(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    before = len(list_offers(demo_db))
    window.actions.new.trigger()
    editor = window.editor
    editor.fields["title"].setText("Sprachcafé am Markt")
    editor.fields["title"].edited.emit()
    editor.fields["category_id"].set_value(window.choices.categories[0].id)
    editor.fields["category_id"].edited.emit()
    assert editor.save()
    assert len(list_offers(demo_db)) == before + 1
    assert window.model.row_at(window.model.row_of(editor.offer.id)).title == "Sprachcafé am Markt"
    window.search.insert("sprachcafe am markt")
    qtbot.waitUntil(lambda: editor.offer.id in window.list_panel.visible_offer_ids())


def test_duplicate_archive_restore_and_delete(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    row = _first_active(window)
    window.open_offer(row.id)
    window.actions.duplicate.trigger()
    settled(qtbot, window)
    copy_id = window.editor.offer.id
    assert copy_id != row.id and window.editor.title().endswith("(Kopie)")
    assert window.list_panel.selected_offer_ids() == [copy_id]

    window.actions.archive.trigger()

    settled(qtbot, window)
    assert get_offer(demo_db, copy_id).facts["state"] == "archived"
    assert copy_id not in window.list_panel.visible_offer_ids()  # the archive is filtered out
    window.list_panel.state.setCurrentIndex(window.list_panel.state.findData("archived"))
    assert copy_id in window.list_panel.visible_offer_ids()
    window.list_panel.select_offer(copy_id)
    window.actions.restore.trigger()
    settled(qtbot, window)
    assert get_offer(demo_db, copy_id).facts["state"] == "draft"

    window.list_panel.state.setCurrentIndex(0)
    window.list_panel.select_offer(copy_id)
    Answer("cancel")
    window.actions.delete.trigger()
    settled(qtbot, window)
    assert get_offer(demo_db, copy_id)
    answer = Answer("confirm_delete")
    window.actions.delete.trigger()
    settled(qtbot, window)
    assert "(Kopie)" in answer.text
    assert copy_id not in {r.id for r in list_offers(demo_db)}
    assert window.model.row_of(copy_id) is None
    assert window.editor.offer is None or window.editor.offer.id != copy_id  # the next row may open


def test_revisions_show_a_word_diff_and_restore_an_old_title(qtbot, demo_db):
    from ui.revisions_dialog import RevisionsDialog

    window = open_window(qtbot, demo_db)
    row = _first_active(window)
    window.open_offer(row.id)
    old_title = window.editor.title()
    window.editor.fields["title"].setText("Ganz anderer Titel")
    window.editor.fields["title"].edited.emit()
    assert window.editor.save()
    window.show_revisions()
    dialog: RevisionsDialog = window._revisions
    qtbot.addWidget(dialog)
    first = dialog.entries[0]
    assert first.kind == "text" and first.author == "tester"
    shown = dialog.view.toPlainText()
    assert "Ganz anderer Titel" in shown and old_title.split()[0] in shown
    older = next(
        i for i, e in enumerate(dialog.entries) if e.kind == "text" and e.language_code == "de" and i > 0
    )
    dialog.list.setCurrentRow(older)
    restored_id = dialog.entries[older].id
    dialog.restore_button.click()
    settled(qtbot, window)  # an operation: off the GUI thread, announced on the notifier
    assert get_offer(demo_db, row.id).texts["de"].title == old_title
    assert window.editor.title() == old_title  # the open editor shows the restored text
    assert window.model.row_at(window.model.row_of(row.id)).title == old_title  # and the list
    qtbot.waitUntil(lambda: dialog.entries[0].id != first.id)
    assert f"Version {restored_id} wiederhergestellt" in dialog.list.item(0).text()
