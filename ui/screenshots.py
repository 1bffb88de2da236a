"""Screenshots of the review screen on the demo region, for the documentation:
``python -m ui.screenshots docs/screenshots`` (offscreen, no display needed)."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# (file name, offer key in the demo, language, interface language)
REVIEW_SHOTS = [
    ("review-ar.png", "diakonie-jugendmigrationsdienst-aachen", "ar", "de"),
    ("review-uk.png", "vhs-berufssprachkurs-b2-pflege-aachen", "uk", "en"),
]


def review_screenshots(out: Path, size=(1500, 1000)) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext
    from desktop.db import open_database
    from desktop.demo import install_demo
    from desktop.offers import list_offers
    from desktop.review.queue import review_queue
    from desktop.translation.assist import review_assist

    from .review.review_window import ReviewWindow

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        db = open_database("sqlite:///" + os.path.join(folder, "demo.sqlite"))
        install_demo(db)
        ids = {row.slug: row.id for row in list_offers(db)}
        for name, key, language, ui in REVIEW_SHOTS:
            queue = review_queue(db, languages=[language])
            index = next(i for i, item in enumerate(queue) if item.offer_id == ids[key])
            window = ReviewWindow(AppContext(db=db, user="Demo", ui_language=ui), queue, index, review_assist(db))
            window.resize(*size)
            window.show()
            for _ in range(3):  # layout, then the scroll to the first flagged segment
                app.processEvents()
            path = out / name
            window.grab().save(str(path))
            window.close()
            written.append(path)
        db.dispose()
    return written


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for written_path in review_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(written_path)
