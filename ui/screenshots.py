"""Screenshots of the main window and the review screen on the demo region, for the
documentation: ``python -m ui.screenshots docs/screenshots`` (offscreen, no display needed)."""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

# (file name, interface language, offer key in the demo, language of the text shown)
MAIN_SHOTS = [
    ("main-de.png", "de", "caritas-migrationsberatung-aachen", "de"),
    ("main-en.png", "en", "vhs-berufssprachkurs-b2-pflege-aachen", "de"),
    ("editor-ar.png", "de", "diakonie-jugendmigrationsdienst-aachen", "ar"),
]
# (file name, interface language, offer key in the demo, language reviewed)
REVIEW_SHOTS = [
    ("review-ar.png", "de", "diakonie-jugendmigrationsdienst-aachen", "ar"),
    ("review-uk.png", "en", "vhs-berufssprachkurs-b2-pflege-aachen", "uk"),
]


@contextmanager
def _demo_region():
    """(application, database, offer id by demo key) for a fresh copy of the demo region."""
    from PySide6.QtWidgets import QApplication

    from desktop.db import open_database
    from desktop.demo import install_demo
    from desktop.offers import list_offers

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        db = open_database("sqlite:///" + os.path.join(folder, "demo.sqlite"))
        try:
            install_demo(db)
            yield app, db, {row.slug: row.id for row in list_offers(db)}, folder
        finally:
            db.dispose()


def _settle(app, rounds: int = 3) -> None:
    for _ in range(rounds):  # layout, then what the window schedules after showing (scrolling)
        app.processEvents()


def main_window_screenshots(out: Path, size=(1600, 960)) -> list[Path]:
    from desktop.context import AppContext

    from . import i18n
    from .main_window import MainWindow
    from .settings_store import SettingsStore

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with _demo_region() as (app, db, ids, folder):
        for name, ui, key, text_language in MAIN_SHOTS:
            i18n.set_language(ui)
            settings = SettingsStore(os.path.join(folder, f"{name}.ini"))
            settings.set("first_start_done", True)
            window = MainWindow(AppContext(db=db, user="Demo"), settings)
            window.resize(*size)
            window.show()
            window.tasks.wait(30000)
            app.processEvents()
            window.open_offer(ids[key])
            window.editor.show_language(text_language)
            window.languages_panel.mark_current(text_language)
            _settle(app)
            path = out / name
            window.grab().save(str(path))
            window.editor.set_active(False)
            window.close()
            written.append(path)
    i18n.set_language("de")
    return written


def review_screenshots(out: Path, size=(1500, 1000)) -> list[Path]:
    from desktop.context import AppContext
    from desktop.review.queue import review_queue
    from desktop.translation.assist import review_assist

    from . import i18n
    from .review.review_window import ReviewWindow

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with _demo_region() as (app, db, ids, _folder):
        for name, ui, key, language in REVIEW_SHOTS:
            i18n.set_language(ui)
            queue = review_queue(db, languages=[language])
            index = next(i for i, item in enumerate(queue) if item.offer_id == ids[key])
            window = ReviewWindow(AppContext(db=db, user="Demo"), queue, index, review_assist(db))
            window.resize(*size)
            window.show()
            _settle(app)
            path = out / name
            window.grab().save(str(path))
            window.close()
            written.append(path)
    i18n.set_language("de")
    return written


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for written_path in main_window_screenshots(folder) + review_screenshots(folder):
        print(written_path)
