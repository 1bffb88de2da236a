"""The preview dialog: renders in the background, shows the PDF in QtPdf's view,
re-renders on a new choice, saves and prints (to a PDF printer, headless)."""

from __future__ import annotations

from desktop.context import AppContext

from .support import pdftotext


def make_dialog(qtbot, demo_db, offer_id):
    from ui.flyers.preview_dialog import PreviewDialog
    from ui.task_runner import TaskRunner

    runner = TaskRunner()
    dialog = PreviewDialog(AppContext(db=demo_db, user="tester"), runner, offer_id=offer_id)
    qtbot.addWidget(dialog)
    return dialog, runner


def test_flyer_preview_renders_saves_and_prints(qtbot, demo_db, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    dialog, runner = make_dialog(qtbot, demo_db, 3)
    qtbot.waitUntil(lambda: dialog.document.pageCount() == 1, timeout=60000)
    assert dialog.save_button.isEnabled() and dialog.print_button.isEnabled()
    first = dialog.current

    dialog.link.setText("https://wegweiser.example/{lang}/{slug}")
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    dialog.bilingual.setChecked(True)
    qtbot.waitUntil(
        lambda: dialog.current not in (None, first) and dialog.document.pageCount() >= 1, timeout=60000
    )
    saved = tmp_path / "saved.pdf"
    dialog.save_to(saved)
    text = pdftotext(saved)
    assert "Integrationskurse" in text and "الاندماج" in text
    assert "https://wegweiser.example/ar/vhs-integrationskurse-aachen" in text

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == dialog.document.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
    runner.wait(30000)


def test_a_language_without_text_says_why_instead_of_a_preview(qtbot, demo_db):
    dialog, runner = make_dialog(qtbot, demo_db, 3)
    qtbot.waitUntil(lambda: dialog.document.pageCount() == 1, timeout=60000)
    dialog.language.setCurrentIndex(dialog.language.findData("ti"))
    qtbot.waitUntil(lambda: dialog.last_error is not None, timeout=60000)
    assert "Tigrinya" in dialog.status.text() and not dialog.save_button.isEnabled()
    runner.wait(30000)


def test_brochure_preview_with_a_category(qtbot, demo_db):
    dialog, runner = make_dialog(qtbot, demo_db, None)
    dialog.category.setCurrentIndex(dialog.category.findData("wohnen"))
    qtbot.waitUntil(
        lambda: (
            dialog.document.pageCount() >= 3
            and dialog.last_error is None
            and dialog.options()["category"] == "wohnen"
            and dialog._token is None
        ),
        timeout=90000,
    )
    assert "Wohnen" in pdftotext(dialog.current)
    runner.wait(30000)


def test_publish_menu_has_flyer_and_brochure(qtbot, demo_db):
    from ui.main_window import MainWindow

    window = MainWindow(AppContext(db=demo_db, user="tester"))
    qtbot.addWidget(window)
    texts = [a.text() for a in window.menu("publish").actions()]
    assert any("Flyer" in t for t in texts) and any("Wegweiser" in t for t in texts)


def test_brochure_preview_lists_the_words_not_in_its_language(qtbot, demo_db):
    """As the flyer preview and `lotse brochure` do: per offer, which printed words are not Arabic."""
    from desktop.brochure import brochure_plan

    expected = brochure_plan(demo_db, "ar", policy="checked").not_in_language
    assert expected
    dialog, runner = make_dialog(qtbot, demo_db, None)
    dialog.policy.setCurrentIndex(dialog.policy.findData("checked"))
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    qtbot.waitUntil(
        lambda: (
            dialog._token is None and dialog.options()["language"] == "ar" and not dialog.words.isHidden()
        ),
        timeout=120000,
    )
    lines = dialog.words.text().splitlines()
    offer_id, title, _parts = expected[0]
    assert lines[0].startswith(f"#{offer_id} {title} – Nicht auf Arabisch: ")
    assert len(lines) == min(len(expected), 12) + (len(expected) > 12)
    # A flyer shows no such list (its note is in the status line).
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    qtbot.waitUntil(lambda: dialog._token is None and dialog.words.isHidden(), timeout=120000)
    runner.wait(30000)
