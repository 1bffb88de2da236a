"""Screenshots of team mode for a person to look at (German and English): the login with a
wrong password, the window of an editor with the Publish menu open and the "who may" tooltip
of a disabled entry, the review buttons of a language the person does not review, the people
dialog and the audit view. ``python -m tests.team.screens OUT`` (offscreen; starts its own
PostgreSQL server)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LOTSE_SETTINGS", os.path.join(tempfile.mkdtemp(prefix="lotse-shots-"), "s.ini"))


def _settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _with_tooltip(app, base, origin, text: str):
    """The picture ``base`` with the tooltip Qt shows for ``text`` painted at ``origin``."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QToolTip

    QToolTip.showText(origin, text)
    _settle(app)
    tip = next(w for w in app.topLevelWidgets() if type(w).__name__ == "QTipLabel" or w.inherits("QLabel"))
    picture = tip.grab()
    painter = QPainter(base)
    x = min(origin.x() + 12, base.width() - picture.width() - 4)
    y = (
        origin.y() + 18
        if origin.y() + 18 + picture.height() < base.height()
        else origin.y() - picture.height() - 12
    )
    painter.drawPixmap(x, y, picture)
    painter.end()
    QToolTip.hideText()
    return base


def main(out: Path) -> list[Path]:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext, current_user
    from desktop.db import open_database
    from desktop.demo import install_demo
    from desktop.review.queue import review_queue
    from desktop.team import team_init
    from desktop.team.people import add_person
    from tests.support.pgserver import running_server
    from tests.team.conftest import PASSWORDS
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.operations import Operations
    from ui.review.review_window import ReviewWindow
    from ui.settings_store import SettingsStore
    from ui.team.audit_dialog import AuditDialog
    from ui.team.login_dialog import LoginDialog
    from ui.team.people_dialog import PeopleDialog

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with running_server() as server:
        server.require_passwords()
        url = server.create_database("lotse_shots")
        database = open_database(url)
        install_demo(database)
        database.dispose()
        team_init(url, "ada_admin", PASSWORDS["ada_admin"])

        def login(user: str):
            db = open_database(
                f"postgresql+psycopg://{user}:{PASSWORDS[user]}@127.0.0.1:{server.port}/lotse_shots"
            )
            return AppContext(db=db, user=current_user(db))

        admin = login("ada_admin")
        add_person(admin.db, "eva_editor", "editor", PASSWORDS["eva_editor"], municipalities=["Eschweiler"])
        add_person(admin.db, "rami_reviewer", "reviewer", PASSWORDS["rami_reviewer"], languages=["ar"])
        add_person(admin.db, "paul_publisher", "publisher", PASSWORDS["paul_publisher"])
        eva = login("eva_editor")
        from desktop.offers import get_offer, list_offers, save_offer

        mine = next(r for r in list_offers(eva.db) if r.municipality == "Eschweiler")
        offer = get_offer(eva.db, mine.id)
        save_offer(
            eva.db, offer.id, expected_version=offer.version, author="eva_editor", facts={"cost": "0 €"}
        )
        for ui in ("de", "en"):
            i18n.set_language(ui)
            plain = f"postgresql://eva_editor@127.0.0.1:{server.port}/lotse_shots"
            dialog = LoginDialog(plain)
            dialog.show()
            dialog.password.setText("falsch")
            dialog.try_login()
            while not dialog.buttons.isEnabled():
                _settle(app)
            dialog.adjustSize()
            _settle(app)
            path = out / f"team-login-{ui}.png"
            dialog.grab().save(str(path))
            written.append(path)
            dialog.close()

            settings = SettingsStore(str(out / f"settings-{ui}.ini"))
            settings.set("first_start_done", True)
            window = MainWindow(eva, settings)
            window.resize(1400, 800)
            window.show()
            window.tasks.wait(30000)
            _settle(app)
            menu = window.menu("publish")
            menu.popup(window.mapToGlobal(QPoint(0, 0)))
            _settle(app)
            action = next(a for a in menu.actions() if a.objectName() == "action_publish_package")
            base = window.grab()
            painter = QPainter(base)
            at = window.menuBar().actionGeometry(menu.menuAction()).bottomLeft()
            painter.drawPixmap(at, menu.grab())
            painter.end()
            rect = menu.actionGeometry(action)
            origin = at + rect.center()
            path = out / f"team-disabled-{ui}.png"
            _with_tooltip(app, base, origin, action.toolTip()).save(str(path))
            written.append(path)
            menu.hide()
            window.close()

            queue = [next(i for i in review_queue(eva.db) if i.language_code == "ar")]
            review = ReviewWindow(eva, queue)
            review.resize(1300, 800)
            review.show()
            _settle(app)
            base = review.grab()
            button = review.approved_button
            origin = button.mapTo(review, button.rect().center())
            path = out / f"team-review-{ui}.png"
            _with_tooltip(app, base, origin, button.toolTip()).save(str(path))
            written.append(path)
            review.close()

            for name, dialog_type in (("people", PeopleDialog), ("audit", AuditDialog)):
                operations = Operations(admin)
                shown = dialog_type(admin, operations)
                shown.show()
                operations.wait(30000)
                for _ in range(20):
                    _settle(app)
                path = out / f"team-{name}-{ui}.png"
                shown.grab().save(str(path))
                written.append(path)
                shown.close()
        eva.close()
        admin.close()
    i18n.set_language("de")
    return written


if __name__ == "__main__":
    for shot in main(Path(sys.argv[1] if len(sys.argv) > 1 else "team-screens")):
        print(shot)
