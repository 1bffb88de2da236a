"""The translation feature: translate and back-translate selected offers in the background,
translation settings, TMX export/import of the memory. (The review screen takes the engine's
assist itself, through desktop.translation.assist.review_assist.)"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..features import Dialogs, FeatureHost
from ..i18n import N_, _, render

MENU = {
    "translate": N_("Translate selected offers …"),
    "back": N_("Back-translate selected offers"),
    "settings": N_("Translation settings …"),
    "export": N_("Export translation memory (TMX) …"),
    "import": N_("Import translation memory (TMX) …"),
}


def show_error(window, exc) -> None:
    from desktop.errors import error_message

    QMessageBox.warning(window, "Lotse", error_message(exc))


def show_report(window, title: str, report, offer_ids: list[int] | None = None) -> None:
    # The list has the new statuses already: the operation announced what it changed.
    box = QMessageBox(
        QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information,
        title,
        report.summary(),
        parent=window,
    )
    details = [f"#{r.offer_id} {r.language_code} {r.title}: {render(r.reason)}" for r in report.failed]
    details += [
        f"#{r.offer_id} {r.language_code} {r.title}: ⚠ {', '.join(r.flagged)}" for r in report.flagged
    ]
    if details:
        box.setDetailedText("\n".join(details))
    _keep(window, "report", box)
    box.show()


def translate_selected(window) -> None:
    from desktop.translation.settings import is_configured

    from .translate_dialog import TranslateDialog

    db = window.context.db
    if not is_configured(db):
        QMessageBox.information(
            window, "Lotse", _("First choose a service per language in the translation settings.")
        )
        open_settings(window)
        return
    dialog = TranslateDialog(window.context, window.selected_item_ids(), parent=window)
    _keep(window, "translate", dialog)
    if dialog.exec():
        start_translation(window, dialog.languages(), dialog.offer_ids, dialog.force.isChecked())


def start_translation(window, languages: list[str], offer_ids: list[int] | None, force: bool = False):
    """Translate in the background; a summary (translated, unchanged, from memory, failed) at the end."""
    from desktop.translation.engine import translate_batch
    from desktop.translation.settings import Providers

    db, user = window.context.db, window.context.user

    def work(progress, token):
        providers = Providers(db)
        try:
            return translate_batch(
                db,
                providers,
                languages,
                offer_ids,
                author=user,
                progress=progress,
                token=token,
                force=force,
            )
        finally:
            providers.close()

    return window.operations.run_long(
        _("Translating"),
        work,
        on_done=lambda report: show_report(window, _("Translation finished"), report, offer_ids),
        on_error=lambda exc: show_error(window, exc),
        parent=window,
    )


def back_translate_selected(window) -> None:
    from desktop.translation.backtranslate import back_translate_batch
    from desktop.translation.settings import Providers, is_configured, served_languages

    db = window.context.db
    if not is_configured(db):
        QMessageBox.information(
            window, "Lotse", _("First choose a service per language in the translation settings.")
        )
        return
    languages = served_languages(db)  # chosen per language, or a service set up in settings/environment
    offer_ids = window.selected_offer_ids() or None

    def work(progress, token):
        providers = Providers(db)
        try:
            return back_translate_batch(db, providers, languages, offer_ids, progress=progress, token=token)
        finally:
            providers.close()

    window.operations.run_long(
        _("Back-translating"),
        work,
        on_done=lambda report: show_report(window, _("Back-translating"), report, offer_ids),
        on_error=lambda exc: show_error(window, exc),
        parent=window,
    )


def open_settings(window) -> None:
    from .settings_dialog import TranslationSettingsDialog

    _keep(window, "settings", TranslationSettingsDialog(window.context, window.tasks, parent=window)).exec()


def _file_task(window, key: str, path: str, work, done_text) -> None:
    """Run ``work()`` on a chosen file in the background; say the result or the error."""
    if path:
        window.tasks.run(
            MENU[key].render(),
            lambda progress, token: work(),
            on_done=lambda result: QMessageBox.information(window, "Lotse", done_text(result)),
            on_error=lambda exc: show_error(window, exc),
            parent=window,
        )


def export_memory(window) -> None:
    from desktop.translation.tmx_io import export_memory as export

    path, _filter = QFileDialog.getSaveFileName(
        window, _("Export translation memory (TMX) …"), "lotse-memory.tmx", "TMX (*.tmx)"
    )
    _file_task(
        window,
        "export",
        path,
        lambda: export(window.context.db, path),
        lambda n: _("{n} segments exported.").format(n=n),
    )


def import_memory(window) -> None:
    from desktop.translation.tmx_io import import_memory as do_import

    path, _filter = QFileDialog.getOpenFileName(
        window, _("Import translation memory (TMX) …"), "", "TMX (*.tmx);;XML (*.xml)"
    )
    _file_task(
        window,
        "import",
        path,
        lambda: do_import(window.context.db, path),
        lambda r: _(
            "{added} added, {known} already known, {skipped} skipped, {unusable} "
            "without a usable pair of languages."
        ).format(added=r.added, known=r.known, skipped=r.skipped, unusable=r.unusable),
    )


NAME = "translation"


def _keep(window: FeatureHost, name: str, dialog):
    return window.features.dialogs(NAME).keep(name, dialog)


def install(window: FeatureHost, dialogs: Dialogs) -> None:
    menu = window.menu("translate")
    for key, slot, shortcut in (
        ("translate", translate_selected, "Ctrl+T"),
        ("back", back_translate_selected, None),
        (None, None, None),
        ("settings", open_settings, None),
        (None, None, None),
        ("export", export_memory, None),
        ("import", import_memory, None),
    ):
        if key is None:
            menu.addSeparator()
            continue
        action = QAction(MENU[key].render(), window)
        action.setObjectName(f"action_translation_{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda checked=False, slot=slot: slot(window))
        menu.addAction(action)
