"""The exchange menu: XLIFF for translation agencies, offers from and to spreadsheets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from ..features import Dialogs, FeatureHost
from .common import run_task, show_info, tr


def _save_path(window, de: str, en: str, default: str, filters: str) -> str | None:
    """Ask where to save; a name without an ending gets the one of the chosen filter."""
    path, chosen = QFileDialog.getSaveFileName(
        window, tr(window.context.ui_language, de, en), str(Path.home() / default), filters
    )
    if path and not Path(path).suffix:
        path += "." + chosen.rsplit("*.", 1)[-1].rstrip(")").split()[0]
    return path or None


def _open_path(window, de: str, en: str, filters: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        window, tr(window.context.ui_language, de, en), str(Path.home()), filters
    )
    return path or None


def _action(window, de: str, en: str, slot) -> QAction:
    action = QAction(tr(window.context.ui_language, de, en), window)
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
            "Übersetzte XLIFF-Datei öffnen",
            "Open a translated XLIFF file",
            "XLIFF (*.xliff *.xlf *.sdlxliff *.mqxliff *.zip)",
        )
    if not path:
        return

    def work(progress, token):
        return preview_xliff_import(window.context.db, Path(path), progress=progress, token=token)

    def done(preview) -> None:
        _keep(
            window,
            XliffImportDialog(window.context, window.tasks, preview, parent=window, on_saved=window.reload),
        ).open()

    run_task(window, window.tasks, tr(ui, "XLIFF lesen", "Reading XLIFF"), work, done, ui)


def start_table_import(window, path: str | None = None) -> None:
    from .table_import_dialog import TableImportDialog

    ui = window.context.ui_language
    if path is None:
        path = _open_path(
            window,
            "Tabelle mit Angeboten öffnen",
            "Open a spreadsheet of offers",
            tr(ui, "Tabellen", "Spreadsheets") + " (*.csv *.xlsx)",
        )
    if not path:
        return
    _keep(
        window,
        TableImportDialog(window.context, window.tasks, Path(path), parent=window, on_saved=window.reload),
    ).open()


def start_list_export(window, path: str | None = None) -> None:
    from desktop.exchange.offer_export import export_offer_list

    ui = window.context.ui_language
    if path is None:
        path = _save_path(
            window,
            "Angebotsliste exportieren",
            "Export the offer list",
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
        tr(ui, "Liste exportieren", "Exporting the list"),
        work,
        lambda count: show_info(
            window, tr(ui, f"{count} Angebote gespeichert:\n{path}", f"{count} offers saved:\n{path}")
        ),
        ui,
    )


def start_glossary_export(window, path: str | None = None) -> None:
    from desktop.exchange.glossary_io import export_glossary

    ui = window.context.ui_language
    if path is None:
        path = _save_path(
            window, "Glossar exportieren", "Export the glossary", "glossar.tbx", "TBX (*.tbx);;CSV (*.csv)"
        )
    if not path:
        return
    run_task(
        window,
        window.tasks,
        tr(ui, "Glossar exportieren", "Exporting the glossary"),
        lambda progress, token: export_glossary(window.context.db, Path(path)),
        lambda count: show_info(
            window, tr(ui, f"{count} Begriffe gespeichert:\n{path}", f"{count} terms saved:\n{path}")
        ),
        ui,
    )


def start_glossary_import(window, path: str | None = None) -> None:
    from desktop.exchange.glossary_io import import_glossary

    ui = window.context.ui_language
    if path is None:
        path = _open_path(window, "Glossar importieren", "Import a glossary", "TBX, CSV (*.tbx *.csv)")
    if not path:
        return

    def done(result) -> None:
        lines = [
            tr(
                ui,
                f"{result.added} neu, {result.changed} geändert, {result.unchanged} unverändert.",
                f"{result.added} new, {result.changed} changed, {result.unchanged} unchanged.",
            )
        ]
        lines += [
            f"{tr(ui, 'Zeile', 'Row')} {n}: {de if ui == 'de' else en}" for n, de, en in result.rejected[:15]
        ]
        show_info(window, "\n".join(lines))

    run_task(
        window,
        window.tasks,
        tr(ui, "Glossar importieren", "Importing the glossary"),
        lambda progress, token: import_glossary(window.context.db, Path(path)),
        done,
        ui,
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
        "XLIFF für Übersetzungsagentur exportieren …",
        "Export XLIFF for a translation agency …",
        lambda: open_xliff_export(window),
    )
    _action(
        window,
        "Übersetzte XLIFF-Datei importieren …",
        "Import a translated XLIFF file …",
        lambda: start_xliff_import(window),
    )
    window.menu("exchange").addSeparator()
    _action(
        window,
        "Angebote aus Tabelle importieren (CSV, Excel) …",
        "Import offers from a spreadsheet (CSV, Excel) …",
        lambda: start_table_import(window),
    )
    _action(
        window,
        "Angebotsliste exportieren (CSV, Excel) …",
        "Export the offer list (CSV, Excel) …",
        lambda: start_list_export(window),
    )
    window.menu("exchange").addSeparator()
    _action(
        window,
        "Aktualisierungsrunde: Träger um Prüfung bitten …",
        "Update round: ask the providers to check …",
        lambda: _round("start_round_request", window),
    )
    _action(
        window,
        "Rückmeldung eines Trägers einlesen …",
        "Read a provider's reply …",
        lambda: _round("start_round_reply", window),
    )
    window.menu("exchange").addSeparator()
    _action(
        window,
        "Glossar importieren (TBX, CSV) …",
        "Import a glossary (TBX, CSV) …",
        lambda: start_glossary_import(window),
    )
    _action(
        window,
        "Glossar exportieren (TBX, CSV) …",
        "Export the glossary (TBX, CSV) …",
        lambda: start_glossary_export(window),
    )
