"""The window in team mode, against a real PostgreSQL that checks passwords: the login dialog
(wrong password, another try, "remember" in the keyring, never in the settings), actions the
person may not take disabled with a tooltip naming who may, the people dialog and the audit
view (both running their desktop/team operations off the GUI thread)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import psycopg

from desktop.db import open_database
from desktop.team.login import needs_login
from tests.support.memory_keyring import memory_keyring
from tests.team.conftest import PASSWORDS, login_url


def plain_url(server, database: str, user: str) -> str:
    return f"postgresql://{user}@127.0.0.1:{server.port}/{database}"


def context_as(server, database: str, user: str):
    from desktop.context import AppContext, current_user

    db = open_database(login_url(server, database, user))
    return AppContext(db=db, user=current_user(db))


def test_login_asks_again_after_a_wrong_password_and_remembers_only_in_the_keyring(
    qtbot, team_server, team_db, monkeypatch
):
    from ui.team.login_dialog import LoginDialog

    monkeypatch.delenv("PGPASSWORD", raising=False)
    url = plain_url(team_server, team_db, "eva_editor")
    with memory_keyring() as ring:
        assert needs_login(url)
        dialog = LoginDialog(url)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.user.text() == "eva_editor"
        qtbot.keyClicks(dialog.password, "not-" + PASSWORDS["eva_editor"])
        dialog.try_login()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=20000)
        assert dialog.isVisible() and dialog.context is None
        assert "Benutzername oder Passwort stimmen nicht" in dialog.message.text()
        assert dialog.password.text() == ""  # nothing of the wrong try is kept
        assert PASSWORDS["eva_editor"] not in dialog.message.text()  # the typed one is never shown
        qtbot.keyClicks(dialog.password, PASSWORDS["eva_editor"])
        dialog.remember.setChecked(True)
        dialog.try_login()
        qtbot.waitUntil(lambda: dialog.context is not None, timeout=20000)
        context = dialog.context
        try:
            assert context.user == "eva_editor" and context.rights.roles == {"editor"}
            assert PASSWORDS["eva_editor"] not in dialog.stored_url
            assert dialog.stored_url == url
            assert list(ring.entries.values()) == [PASSWORDS["eva_editor"]]
            assert not needs_login(dialog.stored_url)  # the next start logs in from the keyring
        finally:
            context.close()
        # Not remembered the next time: the keyring forgets it, the start asks again.
        again = LoginDialog(url)
        qtbot.addWidget(again)
        qtbot.keyClicks(again.password, PASSWORDS["eva_editor"])
        again.try_login()
        qtbot.waitUntil(lambda: again.context is not None, timeout=20000)
        again.context.close()
        assert ring.entries == {} and needs_login(url)
    settings_file = Path(os.environ["LOTSE_SETTINGS"])
    if settings_file.exists():
        assert PASSWORDS["eva_editor"] not in settings_file.read_text(encoding="utf-8", errors="replace")


def test_the_window_disables_what_the_person_may_not_do_and_says_who_may(
    qtbot, team_server, team_db, tmp_path
):
    from ui.main_window import MainWindow
    from ui.settings_dialog import SettingsDialog
    from ui.settings_store import SettingsStore

    context = context_as(team_server, team_db, "eva_editor")
    settings = SettingsStore(str(tmp_path / "s.ini"))
    settings.set("first_start_done", True)
    window = MainWindow(context, settings)
    qtbot.addWidget(window)
    window.show()
    try:
        actions = {a.objectName(): a for a in window.findChildren(type(window.save_action))}
        publish = actions["action_publish_package"]
        assert not publish.isEnabled()
        assert publish.toolTip().startswith("Veröffentlichen dürfen nur")
        assert not actions["action_flyer"].isEnabled() and not actions["action_calendar"].isEnabled()
        assert not actions["action_event_flyer"].isEnabled()
        assert not actions["action_people"].isEnabled()
        assert "Administrator:innen" in actions["action_people"].toolTip()
        assert not actions["action_xliff_import"].isEnabled()
        assert "Agentur-Import" in actions["action_xliff_import"].toolTip()
        assert not actions["action_translation_import"].isEnabled()
        assert actions["action_translation_translate"].isEnabled()  # machine translation is the editor's
        assert window.menu("team").menuAction().isVisible()
        dialog = SettingsDialog(context, settings, parent=window)
        qtbot.addWidget(dialog)
        assert not dialog.tabs.widget(1).isEnabled()
        assert "nur Administrator:innen" in dialog.tabs.tabToolTip(1)
        assert dialog.tabs.widget(0).isEnabled()  # this computer's settings stay hers
    finally:
        window.close()
        context.close()


def test_review_buttons_only_for_the_languages_reviewers(qtbot, team_server, team_db):
    from desktop.review.queue import review_queue
    from ui.review.review_window import ReviewWindow

    for user, allowed in (("rami_reviewer", {"ar"}), ("eva_editor", set())):
        context = context_as(team_server, team_db, user)
        try:
            items = review_queue(context.db)
            queue = [next(i for i in items if i.language_code == code) for code in ("ar", "fa")]
            window = ReviewWindow(context, queue)
            qtbot.addWidget(window)
            window.show()
            seen = {}
            for item in queue:
                window.show_item(item)
                seen[item.language_code] = (
                    window.approved_button.isEnabled(),
                    window.approved_button.toolTip(),
                )
                assert window.checked_button.isEnabled() == window.approved_button.isEnabled()
            for code, (enabled, tip) in seen.items():
                assert enabled == (code in allowed), (user, code)
                if not enabled:
                    name = "Arabisch" if code == "ar" else "Persisch"
                    assert tip.startswith(f"Nur Prüfer:innen für {name}"), tip
            window.close()
        finally:
            context.close()


def test_people_dialog_adds_changes_and_removes_a_person(qtbot, team_server, team_db):
    from desktop.changes import Kind
    from ui.operations import Operations
    from ui.team.people_dialog import PeopleDialog

    context = context_as(team_server, team_db, "ada_admin")
    operations = Operations(context)
    heard = []
    operations.notifier.changed.connect(lambda changes: heard.append(changes.has(Kind.RIGHTS)))
    try:
        dialog = PeopleDialog(context, operations)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.table.rowCount() >= 4, timeout=20000)
        names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        assert {"ada_admin", "eva_editor", "rami_reviewer", "paul_publisher"} <= set(names)

        form = dialog.form(None)
        form.name.setText("nora_new")
        for edit in (form.password, form.repeat):
            edit.setText("Nora-secret-QQ")
        form.roles["reviewer"].setChecked(True)
        form.roles["agency"].setChecked(True)
        for i in range(form.languages.count()):
            if form.languages.item(i).text().endswith("(ar)"):
                form.languages.item(i).setCheckState(form.languages.item(i).checkState().Checked)
        form._check()
        assert form.result() == form.DialogCode.Accepted
        dialog.add_from(form)
        assert form.password.text() == "" and form.repeat.text() == ""
        qtbot.waitUntil(lambda: any(p.name == "nora_new" for p in dialog.people), timeout=20000)
        nora = next(p for p in dialog.people if p.name == "nora_new")
        assert nora.roles == ["agency", "reviewer"] and nora.languages == ["ar"]
        with psycopg.connect(
            host="127.0.0.1",
            port=team_server.port,
            dbname=team_db,
            user="nora_new",
            password="Nora-secret-QQ",
        ) as conn:
            assert conn.execute("SELECT lotse_may_review('ar'), lotse_may_review('fa')").fetchone() == (
                True,
                False,
            )

        row = [p.name for p in dialog.people].index("nora_new")
        dialog.table.selectRow(row)
        form = dialog.form(dialog.selected())
        form.roles["agency"].setChecked(False)
        for i in range(form.languages.count()):
            if form.languages.item(i).text().endswith("(fa)"):
                form.languages.item(i).setCheckState(form.languages.item(i).checkState().Checked)
        dialog.change_from(dialog.selected(), form)
        qtbot.waitUntil(
            lambda: next(p for p in dialog.people if p.name == "nora_new").languages == ["ar", "fa"],
            timeout=20000,
        )
        assert next(p for p in dialog.people if p.name == "nora_new").roles == ["reviewer"]

        dialog.table.selectRow([p.name for p in dialog.people].index("nora_new"))
        dialog.remove(confirmed=True)
        qtbot.waitUntil(
            lambda: not next(p for p in dialog.people if p.name == "nora_new").can_login, timeout=20000
        )
        assert any(heard), "the window hears that rights changed"
    finally:
        operations.wait(20000)
        context.close()
    # A non-administrator (whose menu entry is disabled anyway) is refused by the database.
    editor = context_as(team_server, team_db, "eva_editor")
    try:
        dialog = PeopleDialog(editor, Operations(editor))
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() >= 4, timeout=20000)
        form = dialog.form(None)
        form.name.setText("mallory")
        form.password.setText("Mallory-pw-1")
        form.roles["admin"].setChecked(True)
        dialog.add_from(form)
        qtbot.waitUntil(lambda: "Recht" in dialog.status.text(), timeout=20000)
        assert "mallory" not in [p.name for p in dialog.people]
    finally:
        editor.close()


def test_audit_view_filters_and_exports_csv(qtbot, team_server, team_db, tmp_path):
    from ui.operations import Operations
    from ui.team.audit_dialog import AuditDialog

    with psycopg.connect(
        host="127.0.0.1",
        port=team_server.port,
        dbname=team_db,
        user="eva_editor",
        password=PASSWORDS["eva_editor"],
    ) as conn:
        offer = conn.execute(
            "SELECT o.id FROM offer o JOIN municipality m ON m.id = o.municipality_id "
            "WHERE m.name = 'Eschweiler' ORDER BY o.id LIMIT 1"
        ).fetchone()[0]
        conn.execute("UPDATE offer SET street = 'Audit-Straße 1' WHERE id = %s", (offer,))
    context = context_as(team_server, team_db, "ada_admin")
    try:
        dialog = AuditDialog(context, Operations(context))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=20000)
        dialog.person.setText("eva_editor")
        dialog.item.setCurrentIndex(dialog.item.findData("offer"))
        dialog.item_id.setText(str(offer))
        dialog.reload()
        qtbot.waitUntil(
            lambda: (
                dialog.entries
                and all(e.person == "eva_editor" and e.item_id == offer for e in dialog.entries)
            ),
            timeout=20000,
        )
        assert "street" in dialog.table.item(0, 6).text()
        out = tmp_path / "audit.csv"
        dialog.export_to(out)
        qtbot.waitUntil(out.exists, timeout=20000)
        rows = list(csv.reader(out.open(encoding="utf-8-sig"), delimiter=";"))  # Excel-ready CSV
        assert rows[0][:4] == ["id", "at", "person", "action"] and len(rows) == len(dialog.entries) + 1
        assert {r[2] for r in rows[1:]} == {"eva_editor"}
    finally:
        context.close()


def test_no_password_in_the_window_logs():
    """Whatever the window tests above wrote under the test's state folders holds no password."""
    for folder in (Path.home() / ".local" / "state" / "Lotse", Path(os.environ["LOTSE_SETTINGS"]).parent):
        if not folder.exists():
            continue
        for path in folder.rglob("*"):
            if path.is_file() and path.stat().st_size < 20_000_000:
                data = path.read_bytes()
                for secret in PASSWORDS.values():
                    assert secret.encode() not in data, path


def test_a_print_run_from_the_flyer_preview_is_recorded_for_the_publisher(
    qtbot, team_server, team_db, tmp_path
):
    from desktop.offers import list_offers
    from tests.team.test_rights import audit
    from ui.flyers.preview_dialog import PreviewDialog
    from ui.task_runner import TaskRunner

    context = context_as(team_server, team_db, "paul_publisher")
    try:
        offer = next(r for r in list_offers(context.db) if r.municipality == "Eschweiler").id
        tasks = TaskRunner()
        dialog = PreviewDialog(context, tasks, offer_id=offer)
        qtbot.addWidget(dialog)
        tasks.wait(60000)
        done = []
        dialog.record_print_run({"out": str(tmp_path / "f.pdf")}, lambda: done.append(True))
        qtbot.waitUntil(lambda: bool(done), timeout=30000)
        tasks.wait(60000)
    finally:
        context.close()
    rows = audit(team_server, team_db, action="publish.flyer")
    assert rows[-1][0] == "paul_publisher" and rows[-1][5]["offer"] == offer
