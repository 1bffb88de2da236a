"""Screenshots of the main window on the demo region, for the documentation:
``python -m ui.window_screenshots docs/screenshots`` (offscreen, no display needed)."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# (file name, interface language, offer key in the demo, language of the text shown)
MAIN_SHOTS = [
    ("main-de.png", "de", "caritas-migrationsberatung-aachen", "de"),
    ("main-en.png", "en", "vhs-berufssprachkurs-b2-pflege-aachen", "de"),
    ("editor-ar.png", "de", "diakonie-jugendmigrationsdienst-aachen", "ar"),
]


def main_window_screenshots(out: Path, size=(1600, 960)) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext
    from desktop.db import open_database
    from desktop.demo import install_demo
    from desktop.offers import list_offers

    from . import i18n
    from .main_window import MainWindow
    from .settings_store import SettingsStore

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        db = open_database("sqlite:///" + os.path.join(folder, "demo.sqlite"))
        install_demo(db)
        ids = {row.slug: row.id for row in list_offers(db)}
        for name, ui, key, text_language in MAIN_SHOTS:
            i18n.set_language(ui)
            settings = SettingsStore(os.path.join(folder, f"{name}.ini"))
            settings.set("first_start_done", True)
            window = MainWindow(AppContext(db=db, user="Demo", ui_language=ui), settings)
            window.resize(*size)
            window.show()
            window.tasks.wait(30000)
            app.processEvents()
            window.open_offer(ids[key])
            window.editor.show_language(text_language)
            window.languages_panel.mark_current(text_language)
            for _ in range(3):
                app.processEvents()
            path = out / name
            window.grab().save(str(path))
            window.editor.set_active(False)
            window.close()
            written.append(path)
        db.dispose()
    i18n.set_language("de")
    return written


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for written_path in main_window_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(written_path)
