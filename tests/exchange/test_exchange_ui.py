"""The exchange dialogs, driven like a user would: export, preview with diffs, accept/reject, mapping."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.context import AppContext
from desktop.offers import count_offers, get_offer
from tests.exchange.agency import translate_path

SHOTS = os.environ.get("LOTSE_SCREENSHOTS")


def shot(widget, name):
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def window(qtbot, demo_db):
    from ui.main_window import MainWindow

    win = MainWindow(AppContext(db=demo_db, user="tester"))
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.list_loaded, timeout=20000)  # the list loads in the background
    return win


def _menu_texts(window):
    return [a.text() for a in window.menu("exchange").actions() if a.text()]


@pytest.mark.parametrize("code", ["ar", "ti"])
def test_agency_round_trip_from_the_window(qtbot, window, demo_db, tmp_path, code):
    from ui.exchange import open_xliff_export, start_xliff_import

    assert any("XLIFF" in t for t in _menu_texts(window)) and any("Excel" in t for t in _menu_texts(window))
    window.table.selectRow(0)
    open_xliff_export(window)
    dialog = window.features.dialog("exchange", "dialog")
    dialog.language.setCurrentIndex(dialog.language.findData(code))
    dialog.folder.setText(str(tmp_path))
    dialog.all_offers.setChecked(True)
    shot(dialog, "xliff_export")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    exported = dialog.result.path
    assert exported.suffix == ".zip" and len(dialog.result.offers) >= 40
    back = translate_path(exported, tmp_path / "back.zip", say=lambda t: f"{code}: {t.strip()}")
    with zipfile.ZipFile(back) as archive:  # one file without any translation
        names = archive.namelist()

    start_xliff_import(window, str(back))
    qtbot.waitUntil(lambda: window.features.dialog("exchange", "dialog") is not dialog, timeout=20000)
    review = window.features.dialog("exchange", "dialog")
    assert review.model.rowCount() == len(names)
    assert not review.save_button.isEnabled()  # no agency named yet
    review.agency.setText("Übersetzungsbüro Asmara")
    everything = len(review.preview.accepted)
    review.model.tick_all(False)
    assert review.preview.accepted == [] and not review.save_button.isEnabled()
    review.model.tick_all(True)
    assert len(review.preview.accepted) >= everything  # now also those a check held back
    review.model.tick_all(False)
    review.model.tick_all(True)
    for change in review.preview.changes:  # back to what the checks proposed
        change.accepted = change.accepted and not any(f.severity == "error" for f in change.findings)
    # Reject the first text, keep the rest.
    first = review.model.index(0, 0)
    review.model.setData(first, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    review.table.selectRow(1)
    assert f"{code}:" in review.diff.toPlainText()
    shot(review, f"xliff_import_preview_{code}")
    rejected_offer = review.preview.changes[0].offer_id
    expected = len(review.preview.accepted)
    assert len(names) - 3 <= expected < len(names)  # texts with an engine error wait unticked
    review.save_button.click()
    qtbot.waitUntil(lambda: review.result is not None, timeout=20000)
    assert review.result.saved == expected
    assert get_offer(demo_db, rejected_offer).texts[code].status == review.preview.changes[0].old_status
    assert (
        get_offer(demo_db, review.preview.changes[1].offer_id).texts[code].reviewed_by
        == "Übersetzungsbüro Asmara"
    )
    window.reload()
    qtbot.waitUntil(lambda: window.list_loaded, timeout=20000)
    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    statuses = [row.statuses[code] for row in rows]
    # the export holds pages and events too (one translation path for every kind); the list shows offers
    offers = {row.id for row in rows}
    expected_offers = sum(1 for c in review.preview.accepted if c.offer_id in offers)
    approved_before = sum(
        c.old_status == "approved" for c in review.preview.changes if not c.accepted and c.offer_id in offers
    )
    assert expected_offers < expected and statuses.count("approved") >= expected_offers + approved_before


def test_spreadsheet_import_maps_checks_and_confirms(qtbot, window, demo_db, tmp_path):
    from ui.exchange import start_table_import

    path = tmp_path / "caritas.csv"
    path.write_text(
        "Name des Angebots;Straße;PLZ;E-Mail;Bereich\n"
        "Frauencafé Eschweiler;Marktplatz 3;52249;frauencafe@caritas.example;Beratung\n"
        "Nähstube;Marktplatz 4;52249;naehstube@caritas;Beratung\n",
        encoding="utf-8",
    )
    before = count_offers(demo_db)
    start_table_import(window, str(path))
    dialog = window.features.dialog("exchange", "dialog")
    assert dialog.mapping().get(0) is None  # "Name des Angebots" is not a heading we know
    dialog.set_field("Name des Angebots", "title")
    shot(dialog, "table_import_mapping")
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20000)
    model = dialog.sheet.model()
    assert model.rowCount() == 2 and model.columnCount() == 7
    email = model.index(1, 3)
    assert "keine gültige E-Mail-Adresse" in model.data(email, Qt.ItemDataRole.ToolTipRole)
    assert model.data(email, Qt.ItemDataRole.BackgroundRole) is not None
    assert "E-Mail: „naehstube@caritas“ ist keine gültige" in model.data(model.index(1, 6))
    assert dialog.save_button.text() == "2 Angebote übernehmen"
    shot(dialog, "table_import_check")
    assert count_offers(demo_db) == before
    report = tmp_path / "report.txt"
    dialog.save_report(str(report))
    assert report.read_text(encoding="utf-8").splitlines()[2].startswith("Zeile 3, Spalte „E-Mail“")
    model.setData(email, "naehstube@caritas.example")  # fixed in place: the row is checked again
    assert model.data(model.index(1, 3)) == "naehstube@caritas.example"
    assert model.data(model.index(1, 3), Qt.ItemDataRole.BackgroundRole) is None
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert count_offers(demo_db) == before + 2
    assert (
        dialog.pages.currentIndex() == 2 and "2 Angebote als Entwurf angelegt" in dialog.report_summary.text()
    )
    shot(dialog, "table_import_report")


def test_an_imported_offer_shows_its_to_dos_in_the_editor(qtbot, window, demo_db, tmp_path):
    from desktop.exchange.offer_import import apply_offer_import, preview_offer_import
    from desktop.offer_todos import open_todos

    path = tmp_path / "liste.csv"
    path.write_text(
        "Angebot;E-Mail;Zielgruppe\nNähstube;naehstube@caritas;Menschen in Kurzarbeit / 16 bis 25 Jahre\n",
        encoding="utf-8",
    )
    offer_id = apply_offer_import(demo_db, preview_offer_import(demo_db, path), author="tester").created[0]
    window.reload()
    window.open_offer(offer_id)
    banner = window.editor.todos
    fields = window.editor.form.fields
    assert (fields["age_min"].value(), fields["age_max"].value()) == (16, 25)
    assert fields["target_groups"].value() == ["youth"]
    assert not banner.isHidden()
    text = banner.label.text()
    assert "„naehstube@caritas“ ist keine gültige E-Mail-Adresse" in text and "Menschen in Kurzarbeit" in text
    shot(window, "editor_import_todos")
    banner.done_button.click()
    assert banner.isHidden()
    qtbot.waitUntil(lambda: not open_todos(demo_db, offer_id), timeout=20000)
    window.open_offer(offer_id)
    assert window.editor.todos.isHidden()


def test_a_target_group_phrase_is_mapped_with_one_click_and_remembered(qtbot, window, demo_db, tmp_path):
    from desktop.exchange.offer_import import preview_offer_import
    from ui.exchange import start_table_import

    path = tmp_path / "liste.csv"
    path.write_text("Angebot;Zielgruppe\nBewerbungstraining;Menschen in Kurzarbeit\n", encoding="utf-8")
    start_table_import(window, str(path))
    dialog = window.features.dialog("exchange", "dialog")
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20000)
    assert not dialog.groups.isHidden() and list(dialog.groups.combos) == ["Menschen in Kurzarbeit"]
    dialog.groups.choose("Menschen in Kurzarbeit", "skilled_workers")
    dialog.groups.apply()
    qtbot.waitUntil(
        lambda: dialog.preview.rows[0].facts["target_groups"] == ["skilled_workers"], timeout=20000
    )
    assert dialog.groups.isHidden()
    assert preview_offer_import(demo_db, path).rows[0].facts["target_groups"] == ["skilled_workers"]


def test_a_duplicate_row_gets_its_own_choice_from_its_menu(qtbot, window, demo_db, tmp_path):
    from ui.exchange import start_table_import

    path = tmp_path / "doppelt.csv"
    path.write_text(
        "Angebot;Straße;PLZ\nNähcafé;Markt 3;52062\nNähcafe;Markt 3;52062\nNähcafé;Markt 3;52062\n",
        encoding="utf-8",
    )
    start_table_import(window, str(path))
    dialog = window.features.dialog("exchange", "dialog")
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20000)
    assert [r.action for r in dialog.preview.rows] == ["create", "skip", "skip"]
    assert dialog.sheet.duplicate_menu(0) is None  # the first is no duplicate
    menu = dialog.sheet.duplicate_menu(1)
    assert [a.text() for a in menu.actions()] == ["Diese Zeile überspringen", "Beide behalten (neu anlegen)"]
    menu.actions()[1].trigger()
    assert [r.action for r in dialog.preview.rows] == ["create", "create", "skip"]
    assert dialog.save_button.text() == "2 Angebote übernehmen"


def test_a_spreadsheet_in_windows_1252_is_detected_and_a_wrong_encoding_shows_its_reason(
    qtbot, window, tmp_path
):
    from PySide6.QtWidgets import QMessageBox

    from ui.exchange import start_table_import

    path = tmp_path / "ansi.csv"
    path.write_bytes("Titel;Ort\nBegegnungscafé;Würselen\n".encode("cp1252"))
    start_table_import(window, str(path))
    dialog = window.features.dialog("exchange", "dialog")
    assert dialog.check_button.isEnabled() and dialog.mapping() == {0: "title", 1: "town"}
    assert "windows-1252" not in dialog.mapping_hint.text() and "cp1252" in dialog.mapping_hint.text()
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("utf-8"))
    boxes = [b for b in dialog.findChildren(QMessageBox) if b.objectName() == "exchange_error"]
    assert boxes and "utf-8" in boxes[0].text()
    assert not dialog.check_button.isEnabled()


def test_glossary_export_and_import_from_the_menu(qtbot, window, demo_db, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from desktop.translation.glossary import add_term, list_terms
    from ui.exchange import start_glossary_export, start_glossary_import

    add_term(demo_db, "Jobcenter")
    path = tmp_path / "glossar.tbx"
    start_glossary_export(window, str(path))
    qtbot.waitUntil(lambda: path.exists(), timeout=10000)
    other = tmp_path / "agentur.csv"
    other.write_text(
        "term;target_language;translation\nAusländerbehörde;ar;دائرة الأجانب\nKita;xx;Kita\n",
        encoding="utf-8",
    )
    start_glossary_import(window, str(other))
    qtbot.waitUntil(
        lambda: any(
            b.objectName() == "exchange_info" and "1 neu" in b.text()
            for b in window.findChildren(QMessageBox)
        ),
        timeout=10000,
    )
    box = [b for b in window.findChildren(QMessageBox) if "1 neu" in b.text()][0]
    assert "Zeile 3" in box.text() and "xx" in box.text()
    assert {t.term for t in list_terms(demo_db)} == {"Jobcenter", "Ausländerbehörde"}
