"""German by default, English selectable; every interface string has its German."""

from __future__ import annotations

import pytest

from desktop.context import AppContext

from .helpers import wait_until_loaded


def test_every_interface_string_has_a_german_translation():
    from ui.i18n_check import interface_strings, missing

    assert len(interface_strings()) > 100
    assert missing() == []


def test_different_texts_have_different_german():
    """Two English texts with one German translation read the same to a German user (the role
    "Reviewer" and the action "Review" were both "Prüfen"): only listed pairs may share one."""
    from ui.i18n_check import ALLOWED_SHARED, shared_translations

    assert shared_translations() == {}
    assert all(len(pair) == 2 and reason for pair, reason in ALLOWED_SHARED.items())


def test_the_roles_are_people_not_actions():
    from models.i18n import set_language, translate
    from ui.team.people_dialog import role_names

    set_language("de")
    roles = set(role_names().values())
    assert roles == {"Bearbeiter:in", "Prüfer:in", "Agentur-Import", "Veröffentlicher:in", "Administrator:in"}
    actions = {translate(a, "de") for a in ("Edit", "Review", "Publish", "Translate", "Save")}
    assert not roles & actions


@pytest.fixture
def english():
    from ui import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("de")


def test_the_window_speaks_german_by_default(qtbot, demo_db):
    from ui import i18n
    from ui.main_window import MainWindow

    i18n.set_language("de")
    window = MainWindow(AppContext(db=demo_db, user="tester"))
    qtbot.addWidget(window)
    assert window.menu("file").title() == "&Datei"
    assert window.list_panel.count_label.text() == "Angebote werden geladen …"
    wait_until_loaded(qtbot, window)
    assert window.list_panel.count_label.text().endswith("Angeboten")
    assert window.editor.save_button.text() == "Speichern"


def test_english_is_selectable(qtbot, demo_db, english):
    from ui.main_window import MainWindow

    window = MainWindow(AppContext(db=demo_db, user="tester"))
    qtbot.addWidget(window)
    assert window.menu("file").title() == "&File"
    assert window.list_panel.count_label.text() == "Loading offers …"
    wait_until_loaded(qtbot, window)
    assert window.list_panel.count_label.text().endswith("offers")
    assert window.editor.save_button.text() == "Save"


def test_arabic_text_is_edited_right_to_left(qtbot, demo_db):
    from PySide6.QtCore import Qt

    from ui.main_window import MainWindow

    window = MainWindow(AppContext(db=demo_db, user="tester"))
    qtbot.addWidget(window)
    wait_until_loaded(qtbot, window)
    row = next(r for r in window.model.rows() if r.statuses.get("ar") not in (None, "missing"))
    window.open_offer(row.id)
    window.languages_panel.language_chosen.emit("ar")
    assert window.editor.language == "ar"
    assert window.editor.fields["title"].layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert (
        window.editor.fields["content"].editor.document().defaultTextOption().textDirection()
        == Qt.LayoutDirection.RightToLeft
    )
    assert window.editor.fields["title"].text() == window.editor.payload["texts"]["ar"]["title"] != ""
    window.languages_panel.language_chosen.emit("de")
    assert window.editor.fields["title"].layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_the_catalogue_is_parsed_once_per_version_of_the_po_file(tmp_path, monkeypatch):
    from models import i18n

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    po = tmp_path / "de.po"
    po.write_text(
        'msgid "Save"\nmsgstr "Speichern"\n\n#, fuzzy\nmsgid "Open"\nmsgstr "Öffnen"\n', encoding="utf-8"
    )
    monkeypatch.setattr(i18n, "catalog_path", lambda language: po)
    assert i18n.load_catalog("de") == {"Save": "Speichern"}  # parsed by Babel: the fuzzy one is left out
    assert len(list((tmp_path / "cache").rglob("de-*.json"))) == 1
    assert i18n.load_catalog("de") == {"Save": "Speichern"}  # from the cache
    po.write_text('msgid "Save"\nmsgstr "Sichern"\n', encoding="utf-8")
    assert i18n.load_catalog("de") == {"Save": "Sichern"}  # a changed file is parsed again
