"""The Publish dialog: report table, publish with progress, result; a failure leaves the old package."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

from desktop.context import AppContext


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
    assert dialog.settings.value("publish/base_url") == "https://app.example.org"
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
