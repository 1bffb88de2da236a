"""The window paints before the offer list is read; the list arrives from the background and
everything that depends on its rows works when they come: selection, a restored draft,
changes made meanwhile; of two reloads, the later one's rows are shown."""

from __future__ import annotations

from desktop.context import AppContext
from desktop.offers import get_offer, list_offers, set_state

from .helpers import open_window, wait_until_loaded


def _window(qtbot, demo_db, tmp_path):
    from ui.main_window import MainWindow
    from ui.settings_store import SettingsStore

    window = MainWindow(AppContext(db=demo_db, user="tester"), SettingsStore(str(tmp_path / "w.ini")))
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.set_active(False))
    return window


def test_the_window_shows_that_it_loads_and_then_every_offer(qtbot, demo_db, tmp_path):
    window = _window(qtbot, demo_db, tmp_path)
    busy_texts = []
    window.tasks.busy_changed.connect(lambda busy, text: busy and busy_texts.append(text))
    window.show()
    assert not window.list_loaded and window.model.total() == 0
    assert window.list_panel.placeholder.isVisible()
    assert (
        window.list_panel.placeholder.text()
        == window.list_panel.count_label.text()
        == "Angebote werden geladen …"
    )
    with qtbot.waitSignal(window.offers_loaded, timeout=20000):
        pass
    assert "Angebote werden geladen …" in busy_texts  # the status bar said so while it loaded
    active = [r for r in list_offers(demo_db) if r.state != "archived"]
    assert window.proxy.rowCount() == len(active)
    assert not window.list_panel.placeholder.isVisible()
    assert window.list_panel.count_label.text().startswith(f"{len(active)} von ")
    qtbot.waitUntil(lambda: window.search_ready, timeout=20000)
    window.search.setText(active[0].title)
    qtbot.waitUntil(lambda: active[0].id in window.list_panel.visible_offer_ids())


def test_a_draft_restored_before_the_list_arrives_is_selected_when_it_does(qtbot, demo_db, tmp_path):
    first = open_window(qtbot, demo_db)
    row = next(r for r in first.model.rows() if r.state != "archived")
    first.open_offer(row.id)
    first.editor.fields["cost"].setText("7 Euro")
    first.editor.fields["cost"].edited.emit()
    first.editor.autosave()
    first.editor.set_active(False)  # as if the program died here
    first.close()

    window = _window(qtbot, demo_db, tmp_path)
    window.show()
    assert not window.list_loaded and window.recovery.isVisible()
    window.recovery.restore_button.click()  # before the rows are there
    assert window.editor.offer.id == row.id and window.editor.fields["cost"].text() == "7 Euro"
    assert window.selected_offer_ids() == [row.id]  # from the editor while the list is empty
    wait_until_loaded(qtbot, window)
    assert window.list_panel.selected_offer_ids() == [row.id]
    assert (
        window.editor.is_dirty() and window.editor.fields["cost"].text() == "7 Euro"
    )  # not reopened over it


def test_of_two_reloads_the_later_one_wins(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    row = next(r for r in window.model.rows() if r.state != "archived")
    arrived = []
    window.offers_loaded.connect(lambda: arrived.append(window.model.row_at(0)))
    window.reload()
    offer = get_offer(demo_db, row.id)
    set_state(demo_db, row.id, "archived", author="elsewhere", expected_version=offer.version)
    window.reload()
    wait_until_loaded(qtbot, window)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=20000)
    assert len(arrived) == 1  # the first reload's rows were dropped, not shown and then replaced
    assert row.id not in window.list_panel.visible_offer_ids()  # the archive is filtered out


def test_an_offer_changed_while_the_list_loads_shows_its_change(qtbot, demo_db, tmp_path):
    window = _window(qtbot, demo_db, tmp_path)
    row = next(r for r in list_offers(demo_db) if r.state != "archived")
    offer = get_offer(demo_db, row.id)
    set_state(demo_db, row.id, "archived", author="tester", expected_version=offer.version)
    window.refresh_offers([row.id])  # as the archive action does, before the list is there
    wait_until_loaded(qtbot, window)
    assert next(r for r in window.model.rows() if r.id == row.id).state == "archived"
    assert row.id not in window.list_panel.visible_offer_ids()
