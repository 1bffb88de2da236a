"""Settings: declared once with defaults, stored with QSettings; the region's part in the database."""

from __future__ import annotations

import pytest

from desktop.errors import LotseError
from desktop.region_settings import (
    LanguageSetting,
    check_connection,
    load_region_settings,
    save_region_settings,
)
from tests.support.factory import make_region


def test_settings_have_declared_defaults_and_survive_a_restart(tmp_path, qapp):
    from ui.settings_store import SettingsStore

    path = str(tmp_path / "s.ini")
    store = SettingsStore(path)
    assert (
        store.get("ui_language") == "de"
        and store.get("autosave_seconds") == 3
        and store.get("first_start_done") is False
    )
    store.set("ui_language", "en")
    store.set("autosave_seconds", 7)
    store.set("window/geometry", b"\x01\x02")
    store.sync()
    again = SettingsStore(path)
    assert (again.get("ui_language"), again.get("autosave_seconds"), again.get("window/geometry")) == (
        "en",
        7,
        b"\x01\x02",
    )
    with pytest.raises(KeyError):
        store.set("no_such_setting", 1)


def test_region_languages_and_policy_are_saved_and_checked(db):
    make_region(db)
    settings = load_region_settings(db)
    assert [lang.code for lang in settings.languages] == ["de", "en", "ar", "fa", "prs"]
    settings.publish_policy = "approved"
    settings.languages.append(LanguageSetting("ti", "en"))
    settings.languages = [lang for lang in settings.languages if lang.code != "ar"]
    save_region_settings(db, settings)
    again = load_region_settings(db)
    assert again.publish_policy == "approved"
    active = {lang.code: lang.source_code for lang in again.languages if lang.active}
    assert active == {"de": None, "en": "de", "fa": "de", "prs": "fa", "ti": "en"}
    again.languages = [LanguageSetting("de", "en"), LanguageSetting("en", "de")]
    with pytest.raises(LotseError):
        save_region_settings(db, again)  # a cycle, and no source language


def test_connection_check_says_what_is_wrong(tmp_path, db_url):
    assert check_connection(db_url)
    with pytest.raises(LotseError) as caught:
        check_connection("postgresql://nobody@127.0.0.1:1/lotse")
    assert "127.0.0.1" in caught.value.message("en")


def test_window_geometry_and_columns_are_remembered(qtbot, demo_db, tmp_path):
    from desktop.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings_store import SettingsStore

    store = SettingsStore(str(tmp_path / "w.ini"))
    window = MainWindow(AppContext(db=demo_db, user="tester"), store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(1201, 777)  # within the offscreen screen (it clamps a restored window to ~1244)
    window.table.setColumnWidth(1, 333)
    window.splitter.setSizes([400, 500, 300])  # (the languages panel is as wide as its names need)
    sizes = window.splitter.sizes()
    window.close()
    assert store.get("window/geometry")  # (the offscreen screen clamps restored sizes, so not compared)
    again = MainWindow(AppContext(db=demo_db, user="tester"), SettingsStore(str(tmp_path / "w.ini")))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.table.columnWidth(1) == 333 and again.splitter.sizes()[0] == sizes[0]


def test_settings_dialog_tests_the_connection_and_saves(qtbot, demo_db, tmp_path):
    from desktop.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings_store import SettingsStore

    store = SettingsStore(str(tmp_path / "d.ini"))
    window = MainWindow(AppContext(db=demo_db, user="tester"), store)
    qtbot.addWidget(window)
    window.show_settings()
    dialog = window._settings_dialog
    dialog.database.setText(str(demo_db.engine.url.database))
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=20000)
    assert dialog.connection_result.text().startswith(("Verbunden", "Connected"))
    dialog.ui_language.setCurrentIndex(dialog.ui_language.findData("en"))
    assert not dialog.add_language("ti", "en")  # already there
    assert dialog.add_language("so", "en")
    dialog.save()
    assert store.get("ui_language") == "en"
    assert "so" in {lang.code for lang in load_region_settings(demo_db).languages if lang.active}


def test_first_start_sets_up_the_demo_region_with_progress(qtbot, sqlite_db):
    from desktop.demo import has_region
    from desktop.offers import list_offers
    from ui.app import install_demo_with_progress

    assert not has_region(sqlite_db)
    install_demo_with_progress(sqlite_db)
    assert len(list_offers(sqlite_db)) > 40
