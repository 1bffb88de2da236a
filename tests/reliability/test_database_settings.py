"""A malformed PostgreSQL URL gets a message that says what is wrong with it (not "unexpected
error: ValueError"), and the settings keep the database password in the keyring only."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.db_secret import store_database_url, with_password
from desktop.errors import LotseError
from tests.support.memory_keyring import memory_keyring

SECRET = "geheim-4711"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"postgresql://lotse:{SECRET}@server:54x2/lotse", "port “54x2”"),
        (f"postgresql://lotse:{SECRET}@server:99999/lotse", "port “99999”"),
        ("postgresql://lotse:ge@heim@server/lotse", "contains an “@”"),
        (f"postgres://lotse:{SECRET}@server/lotse", "write “postgresql://”"),
        (f"postgresql+foo://lotse:{SECRET}@server/lotse", "kind “postgresql+foo”"),
        (f"postgresql://lotse:{SECRET}@[::1/lotse", "square bracket"),
        ("postgresql//server/lotse", "does not start with “postgresql://”"),
    ],
)
def test_a_malformed_database_url_says_what_is_wrong(url, words):
    from desktop.db import open_database

    with pytest.raises(LotseError) as caught:
        open_database(url)
    assert words in caught.value.message("en"), caught.value.message("en")
    for lang in ("de", "en"):
        assert SECRET not in caught.value.message(lang) and "heim@" not in caught.value.message(lang)


def test_the_command_line_says_it_too(capsys):
    assert main(["offers", "list", "--db", f"postgresql://lotse:{SECRET}@server:54x2/lotse"]) == 1
    err = capsys.readouterr().err
    assert "unexpected" not in err and "unerwartet" not in err and "54x2" in err, err
    assert SECRET not in err


def test_the_settings_dialog_keeps_the_password_in_the_keyring_only(
    qtbot, demo_db, tmp_path, postgres_server
):
    from desktop.context import AppContext
    from ui.main_window import MainWindow
    from ui.settings_store import SettingsStore

    ini = tmp_path / "d.ini"
    store = SettingsStore(str(ini))
    url = postgres_server.url("postgres").replace("lotse@", f"lotse:{SECRET}@")
    with memory_keyring() as ring:
        window = MainWindow(AppContext(db=demo_db, user="tester"), store)
        qtbot.addWidget(window)
        window.show_settings()
        dialog = window._settings_dialog
        dialog.database.setText(url)
        dialog.save()
        store.sync()
        assert SECRET not in ini.read_text(encoding="utf-8")
        stored = store.get("database")
        assert stored == url.replace(f":{SECRET}@", "@")
        assert list(ring.entries.values()) == [SECRET]
        assert with_password(stored) == url  # on load the password comes from the keyring
        window.show_settings()
        again = window._settings_dialog
        assert SECRET not in again.database.text()
        again.test_button.click()  # the connection test puts the password back in
        qtbot.waitUntil(lambda: again.test_button.isEnabled(), timeout=20000)
        assert again.connection_result.text().startswith(("Verbunden", "Connected"))


def test_a_password_stored_by_an_older_version_moves_to_the_keyring(tmp_path, qapp):
    from ui.app import move_password_to_keyring
    from ui.settings_store import SettingsStore

    ini = tmp_path / "old.ini"
    store = SettingsStore(str(ini))
    store.set("database", f"postgresql://lotse:{SECRET}@server:5432/lotse")
    store.sync()
    with memory_keyring() as ring:
        move_password_to_keyring(store)
        assert SECRET not in ini.read_text(encoding="utf-8")
        assert with_password(store.get("database")).endswith(f"lotse:{SECRET}@server:5432/lotse")
        assert SECRET in ring.entries.values()


def test_without_a_keyring_a_password_is_refused_not_written(tmp_path):
    with pytest.raises(LotseError) as caught:
        store_database_url(f"postgresql://lotse:{SECRET}@server/lotse")
    assert "PGPASSWORD" in caught.value.message("en") and SECRET not in caught.value.message("de")
    assert store_database_url("postgresql://lotse@server/lotse") == "postgresql://lotse@server/lotse"
