"""The exchange menu: XLIFF for translation agencies, offers from and to spreadsheets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from ..features import Dialogs, FeatureHost
from ..i18n import N_, Message, _, render
from .common import run_change, run_task, show_info


def _save_path(window, title: Message, default: str, filters: str) -> str | None:
    """Ask where to save; a name without an ending gets the one of the chosen filter."""
    path, chosen = QFileDialog.getSaveFileName(window, title.render(), str(Path.home() / default), filters)
    if path and not Path(path).suffix:
        path += "." + chosen.rsplit("*.", 1)[-1].rstrip(")").split()[0]
    return path or None


def _open_path(window, title: Message, filters: str) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(window, title.render(), str(Path.home()), filters)
    return path or None


def _action(window, text: Message, slot) -> QAction:
    action = QAction(text.render(), window)
    action.triggered.connect(slot)
    window.menu("exchange").addAction(action)
    return action


def open_xliff_export(window) -> None:
    from .xliff_export_dialog import XliffExportDialog

    dialog = _keep(
        window, XliffExportDialog(window.context, window.tasks, window.selected_offer_ids(), parent=window)
    )
    dialog.accepted.connect(window.reload)  # only an export that ran marks texts
    dialog.open()


def start_xliff_import(window, path: str | None = None) -> None:
    from desktop.exchange.xliff_import import preview_xliff_import

    from .xliff_import_dialog import XliffImportDialog

    ui = window.context.ui_language
    if path is None:
        path = _open_path(
            window,
            N_("Open a translated XLIFF file"),
            "XLIFF (*.xliff *.xlf *.sdlxliff *.mqxliff *.zip)",
        )
    if not path:
        return

    def work(progress, token):
        return preview_xliff_import(window.context.db, Path(path), progress=progress, token=token)

    def done(preview) -> None:
        _keep(
            window,
            XliffImportDialog(
                window.context, window.tasks, preview, parent=window, operations=window.operations
            ),
        ).open()

    run_task(window, window.tasks, _("Reading XLIFF"), work, done, ui)


def start_table_import(window, path: str | None = None) -> None:
    from .table_import_dialog import TableImportDialog

    if path is None:
        path = _open_path(
            window,
            N_("Open a spreadsheet of offers"),
            _("Spreadsheets") + " (*.csv *.xlsx)",
        )
    if not path:
        return
    _keep(
        window,
        TableImportDialog(
            window.context, window.tasks, Path(path), parent=window, operations=window.operations
        ),
    ).open()


def start_list_export(window, path: str | None = None) -> None:
    from desktop.exchange.offer_export import export_offer_list

    ui = window.context.ui_language
    if path is None:
        path = _save_path(
            window,
            N_("Export the offer list"),
            "angebote.xlsx",
            "Excel (*.xlsx);;CSV (*.csv)",
        )
    if not path:
        return
    ids = window.selected_offer_ids() or None

    def work(progress, token):
        return export_offer_list(
            window.context.db, Path(path), offer_ids=ids, language=ui, progress=progress, token=token
        )

    run_task(
        window,
        window.tasks,
        _("Exporting the list"),
        work,
        lambda count: show_info(window, _("{count} offers saved:\n{path}").format(count=count, path=path)),
        ui,
    )


def start_glossary_export(window, path: str | None = None) -> None:
    from desktop.exchange.glossary_io import export_glossary

    ui = window.context.ui_language
    if path is None:
        path = _save_path(window, N_("Export the glossary"), "glossar.tbx", "TBX (*.tbx);;CSV (*.csv)")
    if not path:
        return
    run_task(
        window,
        window.tasks,
        _("Exporting the glossary"),
        lambda progress, token: export_glossary(window.context.db, Path(path)),
        lambda count: show_info(window, _("{count} terms saved:\n{path}").format(count=count, path=path)),
        ui,
    )


def start_glossary_import(window, path: str | None = None) -> None:
    from desktop.exchange.glossary_io import import_glossary

    if path is None:
        path = _open_path(window, N_("Import a glossary"), "TBX, CSV (*.tbx *.csv)")
    if not path:
        return

    def done(result) -> None:
        lines = [
            _("{added} new, {changed} changed, {unchanged} unchanged.").format(
                added=result.added, changed=result.changed, unchanged=result.unchanged
            )
        ]
        lines += [
            _("Row {number}: {why}").format(number=n, why=render(why)) for n, why in result.rejected[:15]
        ]
        show_info(window, "\n".join(lines))

    run_change(
        window,
        window.operations,
        _("Importing the glossary"),
        lambda progress, token: import_glossary(window.context.db, Path(path)),
        done,
    )


NAME = "exchange"


def _keep(window: FeatureHost, dialog):
    """The exchange's dialog open now (one at a time), kept by the feature, not the window."""
    return window.features.dialogs(NAME).keep("dialog", dialog)


def _round(name: str, window) -> None:
    from . import round_dialog

    getattr(round_dialog, name)(window)


def install(window: FeatureHost, dialogs: Dialogs) -> None:
    _action(
        window,
        N_("Export XLIFF for a translation agency …"),
        lambda: open_xliff_export(window),
    )
    _action(
        window,
        N_("Import a translated XLIFF file …"),
        lambda: start_xliff_import(window),
    ).setObjectName("action_xliff_import")
    window.menu("exchange").addSeparator()
    _action(
        window,
        N_("Import offers from a spreadsheet (CSV, Excel) …"),
        lambda: start_table_import(window),
    )
    _action(
        window,
        N_("Export the offer list (CSV, Excel) …"),
        lambda: start_list_export(window),
    )
    window.menu("exchange").addSeparator()
    _action(
        window,
        N_("Update round: ask the providers to check …"),
        lambda: _round("start_round_request", window),
    )
    _action(
        window,
        N_("Read a provider's reply …"),
        lambda: _round("start_round_reply", window),
    )
    window.menu("exchange").addSeparator()
    _action(
        window,
        N_("Import a glossary (TBX, CSV) …"),
        lambda: start_glossary_import(window),
    ).setObjectName("action_glossary_import")
    _action(
        window,
        N_("Export the glossary (TBX, CSV) …"),
        lambda: start_glossary_export(window),
    )
