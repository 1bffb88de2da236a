"""One language path: switching the interface language takes effect at once, Qt's own words
follow it, undo names fields by their label, and every window and dialog speaks one language."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from .helpers import open_window

# Names and technical words that are the same in both interfaces.
ALLOWED = set(
    "integreat xliff tmx tbx csv excel zip pdf url lotse deepl google microsoft libretranslate mymemory"
    " azure a4 a5 ok id json html qr mail online ctrl strg region internet app status test name format"
    " text details filter version international demo start info export import hallo tag tags enter"
    " de en ar fa uk ti ps so tr ru ku sq fr".split()
)
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}")
LINK = re.compile(r"\S+@\S+|\w+://\S+|\b[\w.-]+\.(?:org|de|com|net)\b")


def _words(texts) -> set[str]:
    return {w.lower() for text in texts for w in WORD.findall(re.sub(r"\{[^}]*\}", "", text or ""))}


def _data_words(db) -> set[str]:
    """The region's own words (offers, names): content, in whatever language it was written."""
    from sqlmodel import select

    from models.tables import Category, Municipality, OfferText, Organization, Region, RegionLanguage

    with db.transaction() as session:
        texts = [t for row in session.exec(select(OfferText)) for t in (row.title, row.summary, row.content)]
        texts += [
            r.name for model in (Organization, Municipality, Region) for r in session.exec(select(model))
        ]
        texts += [n for c in session.exec(select(Category)) for n in c.names.values()]
        texts += [lang.native_name for lang in session.exec(select(RegionLanguage))]
    return _words(texts)


def _language_words(db) -> tuple[set[str], set[str]]:
    """Words only the English texts use, and words only the German translations use (the
    region's content and a few names aside)."""
    from models.i18n import load_catalog

    german = load_catalog("de")
    english_words, german_words = _words(german), _words(german.values())
    common = ALLOWED | _data_words(db)
    return english_words - german_words - common, german_words - english_words - common


def _shown_texts(widgets) -> list[str]:
    """Every word a person can see in these widgets: titles, labels, buttons, menus, tabs, items."""
    texts = []
    for widget in widgets:
        texts += [widget.windowTitle(), widget.toolTip()]
        if isinstance(widget, QAbstractButton | QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QMenu):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            texts += [
                widget.horizontalHeaderItem(i).text()
                for i in range(widget.columnCount())
                if widget.horizontalHeaderItem(i)
            ]
        texts += [a.text() for a in QWidget.actions(widget)]
    return [re.sub(r"<[^>]+>|&(?=\w)", "", t) for t in texts if t]


def _wrong_words(widgets, language: str, db) -> set[str]:
    english_only, german_only = _language_words(db)
    foreign = english_only if language == "de" else german_only
    shown = [LINK.sub("", text) for text in _shown_texts(widgets)]
    return {w for text in shown for w in WORD.findall(text) if w.lower() in foreign}


def _all_windows(qtbot, window):
    """The main window with an offer open, and every dialog the menus open."""
    from desktop.review.queue import review_queue
    from desktop.translation.assist import review_assist
    from ui.cms_link_dialog import CmsLinkDialog
    from ui.exchange.xliff_export_dialog import XliffExportDialog
    from ui.publish_dialog import PublishDialog
    from ui.review.queue_dialog import ReviewQueueDialog
    from ui.review.review_window import ReviewWindow
    from ui.revisions_dialog import RevisionsDialog
    from ui.settings_dialog import SettingsDialog
    from ui.translation.settings_dialog import TranslationSettingsDialog
    from ui.translation.translate_dialog import TranslateDialog

    context, db = window.context, window.context.db
    window.open_offer(window.model.rows()[0].id)
    dialogs = [
        SettingsDialog(context, window.settings, parent=window),
        TranslationSettingsDialog(context, window.tasks, parent=window),
        TranslateDialog(context, [1, 2], parent=window),
        PublishDialog(context, window.tasks, parent=window),
        XliffExportDialog(context, window.tasks, [1], parent=window),
        RevisionsDialog(context, window.model.rows()[0].id, window.choices, parent=window),
        ReviewQueueDialog(context, review_assist(db), parent=window),
        ReviewWindow(context, review_queue(db, languages=["ar"]), 0, review_assist(db), parent=window),
        CmsLinkDialog(context, window.operations, parent=window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    return [window, *dialogs]


def _widgets(top_levels) -> list[QWidget]:
    return [w for top in top_levels for w in [top, *top.findChildren(QWidget)]]


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_window_and_dialog_speaks_one_language(qtbot, demo_db, language):
    from ui.i18n import set_language

    set_language(language)
    window = open_window(qtbot, demo_db)
    top_levels = _all_windows(qtbot, window)
    assert _wrong_words(_widgets(top_levels), language, demo_db) == set()


def test_switching_the_language_in_the_settings_needs_no_restart(qtbot, demo_db):
    from ui.i18n import set_language
    from ui.settings_dialog import SettingsDialog
    from ui.translation.settings_dialog import TranslationSettingsDialog

    set_language("de")
    window = open_window(qtbot, demo_db)
    window.open_offer(window.model.rows()[0].id)
    other = TranslationSettingsDialog(window.context, window.tasks, parent=window)  # an open dialog
    qtbot.addWidget(other)
    other.show()
    assert window.menu("file").title() == "&Datei" and window.editor.save_button.text() == "Speichern"
    assert "Angeboten" in window.list_panel.count_label.text()

    settings = SettingsDialog(window.context, window.settings, parent=window)
    qtbot.addWidget(settings)
    settings.ui_language.setCurrentIndex(settings.ui_language.findData("en"))
    settings.save()

    assert window.settings.get("ui_language") == "en"
    assert window.menu("file").title() == "&File"
    assert window.menu("translate").actions()[0].text() == "Translate selected offers …"
    assert window.editor.save_button.text() == "Save"
    assert window.list_panel.count_label.text().endswith(" offers")
    assert other.windowTitle() == "Translation settings"
    assert _wrong_words(_widgets([window, other]), "en", demo_db) == set()

    set_language("de")  # and back, also at once
    assert window.menu("file").title() == "&Datei" and other.windowTitle() == "Übersetzungseinstellungen"


def test_qt_standard_buttons_follow_the_interface_language(qtbot):
    from ui.i18n import set_language

    set_language("de")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Yes)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    assert box.button(QDialogButtonBox.StandardButton.Yes).text().replace("&", "") == "Ja"
    set_language("en")
    QApplication.processEvents()
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_undo_names_the_field_by_its_label(qtbot, demo_db):
    window = open_window(qtbot, demo_db)
    window.open_offer(window.model.rows()[0].id)
    picker = window.editor.fields["organization_id"]
    ids = [picker.combo.itemData(i) for i in range(picker.combo.count())]
    picker.set_value(next(i for i in ids if i not in (None, picker.value())))
    picker.edited.emit()
    assert window.editor.undo_stack.undoText() == "Träger"
    assert "organization_id" not in window.undo_action.text()
