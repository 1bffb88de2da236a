"""The translation feature on the real widgets: settings (service per language, address,
test button), the translate dialog's estimate, a background batch with its summary, and
the review screen using the engine's assist."""

from __future__ import annotations

import pytest

from desktop.context import AppContext
from desktop.offers import get_offer
from desktop.translation.settings import (
    ServiceSettings,
    language_providers,
    save_service,
    set_language_provider,
)


@pytest.fixture
def window(qtbot, demo_db):
    from ui.main_window import MainWindow

    w = MainWindow(AppContext(db=demo_db, user="tester"))
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.list_loaded, timeout=20000)  # the list loads in the background
    return w


def test_settings_choose_a_service_per_language_and_test_it(qtbot, window, mt_server, tmp_path):
    from ui.translation.settings_dialog import TranslationSettingsDialog

    dialog = TranslationSettingsDialog(window.context, window.tasks, parent=window)
    qtbot.addWidget(dialog)
    combo = dialog.combos["ti"]
    # DeepL has no Tigrinya: offered but not selectable
    deepl = combo.findData("deepl")
    assert not combo.model().item(deepl).isEnabled()
    # Dari is translated from Farsi: Google knows only Persian for both, Microsoft has Dari
    dari = dialog.combos["prs"]
    assert not dari.model().item(dari.findData("google")).isEnabled()
    assert dari.model().item(dari.findData("microsoft")).isEnabled()
    combo.setCurrentIndex(combo.findData("microsoft"))
    dialog.combos["uk"].setCurrentIndex(dialog.combos["uk"].findData("libretranslate"))
    box = dialog.services["libretranslate"]
    box.url.setText(mt_server.url)
    box.test_button.click()
    qtbot.waitUntil(lambda: box.test_result.text().startswith("✓"), timeout=5000)
    assert "[en] Hallo" in box.test_result.text()
    dialog.tabs.setCurrentIndex(1)
    dialog.resize(640, 700)
    dialog.grab().save(str(tmp_path / "settings.png"))
    dialog.save()
    chosen = language_providers(window.context.db)
    assert chosen["ti"] == "microsoft" and chosen["uk"] == "libretranslate"


def test_a_wrong_address_shows_the_cause_in_the_dialog(qtbot, window):
    from ui.translation.settings_dialog import TranslationSettingsDialog

    dialog = TranslationSettingsDialog(window.context, window.tasks, parent=window)
    qtbot.addWidget(dialog)
    box = dialog.services["libretranslate"]
    box.url.setText("http://127.0.0.1:9")
    box.test_button.click()
    qtbot.waitUntil(lambda: box.test_result.text().startswith("✗"), timeout=10000)
    assert "LibreTranslate" in box.test_result.text()


def test_translate_dialog_shows_the_estimate_and_the_batch_reports(qtbot, window, mt_server):
    from ui.translation import start_translation
    from ui.translation.translate_dialog import TranslateDialog

    db = window.context.db
    save_service(db, ServiceSettings("libretranslate", url=mt_server.url))
    set_language_provider(db, "uk", "libretranslate")
    dialog = TranslateDialog(window.context, [1, 2, 3], parent=window)
    qtbot.addWidget(dialog)
    assert not dialog.boxes["ar"].isEnabled()  # no service chosen for Arabic
    dialog.boxes["uk"].setChecked(True)
    assert "Wörter" in dialog.estimate_label.text() and mt_server.requests == 0
    start_translation(window, dialog.languages(), dialog.offer_ids)
    qtbot.waitUntil(
        lambda: (
            window.features.dialog("translation", "report") is not None
            and window.features.dialog("translation", "report").isVisible()
        ),
        timeout=20000,
    )
    assert "Übersetzt:" in window.features.dialog("translation", "report").text()
    assert get_offer(db, 1).texts["uk"].status in ("machine", "checked", "approved", "outdated")
    assert mt_server.requests > 0


def test_review_screen_gets_findings_and_back_translation_from_the_engine(qtbot, window, mt_server):
    from desktop.offers import save_translation
    from desktop.review.queue import review_queue
    from desktop.translation.engine import translate_batch
    from desktop.translation.settings import Providers
    from ui.review.review_window import ReviewWindow

    db = window.context.db
    save_service(db, ServiceSettings("libretranslate", url=mt_server.url))
    set_language_provider(db, "uk", "libretranslate")
    offer_id = next(
        o
        for o in range(1, 52)
        if "0241" in get_offer(db, o).texts["de"].content
        and get_offer(db, o).texts["uk"].review_status not in ("checked", "approved")
    )
    translate_batch(db, Providers(db), ["uk"], [offer_id], author="t", force=True)
    text = get_offer(db, offer_id).texts["uk"]
    save_translation(
        db,
        offer_id,
        "uk",
        {"title": text.title, "summary": text.summary, "content": text.content.replace("0241", "0242", 1)},
        author="t",
        review_status="machine",
    )
    from desktop.translation.assist import review_assist

    assist = review_assist(db, window.context.user)  # what the Review menu uses
    assert assist.fetch  # a service is chosen: new back-translations are fetched
    items = [i for i in review_queue(db, languages=["uk"]) if i.offer_id == offer_id]
    review = ReviewWindow(window.context, items, 0, assist, parent=window)
    qtbot.addWidget(review)
    findings = assist.findings(review.review)
    assert any("0241" in f.message_de for f in findings)
    back = assist.back_translation(review.review)
    assert back.get("title") == get_offer(db, offer_id).texts["de"].title


def test_glossary_tab_adds_and_removes_terms(qtbot, window):
    from desktop.translation.glossary import terms_for
    from ui.translation.settings_dialog import TranslationSettingsDialog

    dialog = TranslationSettingsDialog(window.context, window.tasks, parent=window)
    qtbot.addWidget(dialog)
    tab = dialog.glossary
    qtbot.keyClicks(tab.term, "Jobcenter")
    tab.add_button.click()
    qtbot.keyClicks(tab.term, "Integrationskurs")
    tab.language.setCurrentIndex(tab.language.findData("en"))
    qtbot.keyClicks(tab.translation, "integration course")
    tab.add_button.click()
    assert tab.table.rowCount() == 2
    terms = {x.source: x.target for x in terms_for(window.context.db, "de", "en")}
    assert terms == {"Jobcenter": None, "Integrationskurs": "integration course"}
    assert [x.source for x in terms_for(window.context.db, "de", "ar")] == ["Jobcenter"]
    tab.table.selectRow(0)
    tab.remove_button.click()
    assert tab.table.rowCount() == 1
    tab.defaults_button.click()
    assert "Ausländerbehörde" in [x.source for x in terms_for(window.context.db, "de", "ti")]
