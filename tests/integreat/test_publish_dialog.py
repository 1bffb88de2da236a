"""The Publish dialog: report table, publish with progress, result; a failure leaves the old package."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from desktop.context import AppContext
from desktop.publish import package_base_url, set_package_base_url


def make_dialog(qtbot, demo_db, tmp_path, ui="de"):
    from ui.i18n import set_language
    from ui.publish_dialog import PublishDialog
    from ui.task_runner import TaskRunner

    set_language(ui)
    tasks = TaskRunner()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = PublishDialog(AppContext(db=demo_db, user="tester"), tasks, settings=settings)
    qtbot.addWidget(dialog)
    return dialog, tasks


def test_dialog_shows_the_report_and_publishes(qtbot, demo_db, tmp_path):
    dialog, tasks = make_dialog(qtbot, demo_db, tmp_path)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    cells = [
        [dialog.languages.item(r, c).text() for c in range(4)] for r in range(dialog.languages.rowCount())
    ]
    ar = next(row for row in cells if row[0].startswith("ar "))
    assert "العربية" in ar[0] and ar[2].startswith("8 (") and "fehlt" in ar[3]
    assert next(row for row in cells if row[0].startswith("ps "))[2] == "—"
    short = dialog.model.rowCount()
    assert short > 0 and any("abgelaufen" in r[2] for r in dialog.model.rows)
    dialog.show_missing.setChecked(True)
    assert dialog.model.rowCount() > short

    def switch(policy):
        old = dialog.preview
        dialog.policy.setCurrentIndex(dialog.policy.findData(policy))
        qtbot.waitUntil(lambda: dialog.preview is not old, timeout=30_000)
        return dialog.model.rowCount()

    machine_rows = switch("machine")
    assert switch("approved") > machine_rows
    dialog.grab().save(str(tmp_path / "publish_dialog.png"))
    out = tmp_path / "site" / "paket"
    dialog.folder.setText(str(out))
    dialog.base_url.setText("https://app.example.org")
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert "Paket geschrieben" in dialog.status.text() and str(out) in dialog.status.text()
    assert dialog.open_button.isEnabled()
    manifest = json.loads((out / "manifest.json").read_text())
    assert {lang["policy"] for lang in manifest["languages"]} == {"approved"}
    assert (tmp_path / "site" / "paket.zip").is_file()
    assert package_base_url(demo_db) == "https://app.example.org"  # the region remembers it
    dialog.grab().save(str(tmp_path / "publish_done.png"))
    tasks.wait(5000)


def test_dialog_reports_a_refused_folder_in_english(qtbot, demo_db, tmp_path):
    dialog, tasks = make_dialog(qtbot, demo_db, tmp_path, ui="en")
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    target = tmp_path / "letters"
    target.mkdir()
    (target / "keep.txt").write_text("x")
    dialog.folder.setText(str(target))
    dialog.base_url.setText("https://app.example.org")
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: "not a Lotse package" in dialog.status.text(), timeout=30_000)
    assert dialog.publish_button.isEnabled() and (target / "keep.txt").read_text() == "x"
    tasks.wait(5000)


def test_the_window_has_the_publish_action(qtbot, demo_db):
    from ui.main_window import MainWindow

    window = MainWindow(AppContext(db=demo_db, user="tester"))
    qtbot.addWidget(window)
    actions = [a.text() for a in window.menu("publish").actions()]
    assert "App-Paket für Integreat …" in actions


def test_the_address_is_the_regions_and_a_local_preview_is_asked_for(qtbot, demo_db, tmp_path):
    set_package_base_url(demo_db, "https://pakete.example.org/aachen")
    dialog, tasks = make_dialog(qtbot, demo_db, tmp_path)
    assert dialog.base_url.text() == "https://pakete.example.org/aachen"
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30_000)
    out = tmp_path / "paket"
    dialog.folder.setText(str(out))
    # an address on this computer without "Lokale Vorschau": refused with words for the window
    dialog.base_url.setText("http://127.0.0.1:8000")
    dialog.publish_button.click()
    message = dialog.status.text()
    assert "diesen Computer" in message and "Lokale Vorschau" in message and "--" not in message
    assert not out.exists() and dialog.result is None
    dialog.base_url.setText("")
    dialog.publish_button.click()
    assert "Lokale Vorschau" in dialog.status.text() and "--" not in dialog.status.text()
    # ticked: a local preview, and the region keeps its real address
    dialog.local_preview.setChecked(True)
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["local_preview"] is True and manifest["base_url"].startswith("http://127.0.0.1")
    assert package_base_url(demo_db) == "https://pakete.example.org/aachen"
    tasks.wait(5000)


def test_region_settings_edit_the_package_and_app_addresses(qtbot, demo_db, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.app_links import app_url
    from ui.main_window import MainWindow
    from ui.settings_store import SettingsStore

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    window = MainWindow(AppContext(db=demo_db, user="tester"), SettingsStore(str(tmp_path / "s.ini")))
    qtbot.addWidget(window)
    window.show_settings()
    dialog = window._settings_dialog
    dialog.database.setText(str(demo_db.engine.url.database))
    assert dialog.package_base_url.text() == "" and dialog.app_url.text() == ""
    assert dialog.app_url.placeholderText() == "https://integreat.app/staedteregion-aachen/"
    dialog.app_url.setText("https://127.0.0.1/aachen/")
    dialog.save()
    assert warnings and "diesen Computer" in warnings[-1] and app_url(demo_db).startswith("https://integreat")
    dialog.package_base_url.setText("https://pakete.example.org/aachen")
    dialog.app_url.setText("https://integreat.app/aachen-live")
    dialog.save()
    assert len(warnings) == 1
    assert package_base_url(demo_db) == "https://pakete.example.org/aachen"
    assert app_url(demo_db) == "https://integreat.app/aachen-live/"
