"""Category names per language in the region settings, printed in the flyer's language
(issue 18 item 11)."""

from __future__ import annotations

import tempfile

import pytest

from desktop.category_names import load_category_names, save_category_names
from desktop.context import AppContext
from desktop.errors import LotseError
from export.flyers import render_flyer
from tests.support.factory import make_region

from .support import pdftotext, sample_data

TIGRINYA = "ጀርመንኛ ምምሃር"


def test_names_are_kept_per_language_and_checked(db):
    ids = make_region(db)
    table = load_category_names(db)
    assert [code for code, _ in table.languages][0] == "de"
    assert table.categories[0].names == {"de": "Beratung", "en": "Counselling"}
    save_category_names(db, {ids["category_id"]: {"ar": " الاستشارة ", "en": ""}})
    assert load_category_names(db).categories[0].names == {"de": "Beratung", "ar": "الاستشارة"}
    with pytest.raises(LotseError, match="source language"):
        save_category_names(db, {ids["category_id"]: {"de": ""}})
    with pytest.raises(LotseError, match="not one of the region"):
        save_category_names(db, {ids["category_id"]: {"xx": "Name"}})
    with pytest.raises(LotseError, match="no category"):
        save_category_names(db, {ids["category_id"] + 99: {"ar": "x"}})
    assert load_category_names(db).categories[0].names == {"de": "Beratung", "ar": "الاستشارة"}


def test_a_name_set_in_the_settings_dialog_is_printed_on_that_languages_flyer(qtbot, demo_db, tmp_path):
    from ui.settings_dialog import SettingsDialog
    from ui.settings_store import SettingsStore

    data = sample_data(demo_db)
    before = pdftotext(render_flyer(data, tmp_path / "before.pdf", "ti").path)
    assert "Deutsch lernen" in before  # no Tigrinya name yet: German is printed

    store = SettingsStore(tempfile.mkdtemp(prefix="lotse-settings-") + "/lotse.ini")
    dialog = SettingsDialog(AppContext(db=demo_db, user="tester"), store)
    qtbot.addWidget(dialog)
    tab = dialog.category_names
    tab.set_name(data.category_slug, "ti", TIGRINYA)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted

    data = sample_data(demo_db)
    text = pdftotext(render_flyer(data, tmp_path / "after.pdf", "ti").path)
    assert TIGRINYA in text and "Deutsch lernen" not in text
