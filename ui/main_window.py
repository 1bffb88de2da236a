"""The main window: the offer list on the left, the editor in the middle, the languages
of the open offer on the right; menus, toolbar and a status bar that shows background work.

Features plug in through ``window.menu(name)``, ``window.tasks``, ``window.selected_offer_ids()``,
``window.reload()`` and ``window.context`` (see ui/features.py).

The window paints before the offer list is read: the list loads in the background (10,000
offers take about a second) and shows "Loading offers …" meanwhile; ``list_loaded`` tells
whether it holds the rows of the latest reload, ``offers_loaded`` is emitted when they arrive.
At a cold start the list comes already filled (``list_panel``: read and shown before the data
layer was imported, ui/app.py); the window takes it over when its choices are the ones it reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QVBoxLayout, QWidget

from desktop.choice_values import Choice
from desktop.choices import load_choices
from desktop.context import AppContext
from desktop.drafts import discard_draft, list_drafts
from desktop.errors import NotFoundError
from desktop.offers import get_offer

from .after_paint import after_next_paint
from .content_tabs import ContentTabs
from .dates import time_text
from .editor.offer_editor import OfferEditor
from .editor_routing import EditorRouting
from .features import Features
from .i18n import _, language, on_language_change
from .icons import icon
from .languages_panel import LanguagesPanel
from .offer_actions import OfferActions
from .offer_list_feed import OfferListFeed
from .offer_list_panel import OfferListPanel
from .operations import Operations
from .recovery_banner import RecoveryBanner
from .settings_store import SettingsStore
from .task_runner import TaskRunner
from .window_menus import StatusBar, WindowMenus


class MainWindow(QMainWindow):
    offers_loaded = Signal()  # the list holds the rows of the latest reload

    def __init__(
        self,
        context: AppContext,
        settings: SettingsStore | None = None,
        *,
        list_panel: OfferListPanel | None = None,
    ):
        super().__init__()
        self.context = context
        self.settings = settings or SettingsStore()
        self.choices = load_choices(context.db, language())
        self.region_name = self.choices.region_name
        self.setWindowTitle(f"Lotse – {self.region_name}[*]")
        self.setWindowIcon(icon("mdi6.compass-outline", "#2E6DA4"))
        self.tasks = TaskRunner(self)
        # Every change runs through these and is announced on their notifier; passed down
        # to the editor, the review screens and the features like the context.
        self.operations = Operations(context, self, tasks=self.tasks)
        self.notifier = self.operations.notifier
        self._following_selection = True
        self.feed = OfferListFeed(self)

        # A list filled before the window (ui/app.py) is taken over when it was read with the same
        # choices (languages, categories …); otherwise it is left and this one is read anew.
        adopted = list_panel is not None and list_panel.choices == self.choices
        self.list_panel = list_panel if list_panel is not None and adopted else OfferListPanel(self.choices)
        self.model, self.proxy = self.list_panel.model, self.list_panel.proxy
        self.table, self.search = self.list_panel.table, self.list_panel.search
        autosave_ms = max(1, int(self.settings.get("autosave_seconds"))) * 1000
        self.editor = OfferEditor(context, self.choices, autosave_ms=autosave_ms, operations=self.operations)
        self.languages_panel = LanguagesPanel(self.choices)
        self.recovery = RecoveryBanner()
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.recovery)
        column.addWidget(self.editor, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.languages_panel)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([600, 700, 290])
        self.content_tabs = ContentTabs(self, self.splitter)
        self.setCentralWidget(self.content_tabs)
        self.routing = EditorRouting(self)  # Ctrl+S, Ctrl+N, Ctrl+Z follow the tab in front

        self.status = StatusBar(self)
        self.actions = OfferActions(self)
        self.menus = WindowMenus(self, self.actions)
        self.save_action, self.undo_action, self.redo_action = (
            self.menus.save,
            self.menus.undo,
            self.menus.redo,
        )
        self._connect()
        self.features = Features()  # each feature keeps its own dialogs there
        self.features.install_all(self)
        self.resize(1560, 900)
        self._restore_layout()
        if adopted:
            self.feed.adopt()
            if self.table.currentIndex().isValid():  # clicked while the window was being built
                self._current_changed(self.table.currentIndex(), None)
        else:
            self.list_panel.set_loading(True)
            after_next_paint(self.table.viewport(), self.reload)  # the first paint does not wait for the list
        self.recovery.show_drafts(list_drafts(context.db, author=context.user))
        self._first_start_hint()
        self._saved_at: datetime | None = None  # the last save's time, shown in the status bar
        on_language_change(self, self._language_changed)

    # --- building ------------------------------------------------------------------------
    def _connect(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # Filtering resets the list; the open offer stays selected when it is still shown.
        self.model.modelReset.connect(
            lambda: self.editor.offer and self._select_quietly(self.editor.offer.id)
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.update_actions())
        self.editor.loaded.connect(self._editor_loaded)
        self.editor.saved.connect(self._editor_saved)
        self.editor.language_changed.connect(self.languages_panel.mark_current)
        self.editor.dirty_changed.connect(lambda dirty: self.setWindowModified(dirty))
        self.languages_panel.language_chosen.connect(self.editor.show_language)
        self.languages_panel.status_filter_requested.connect(self.list_panel.show_status)
        self.recovery.restore_requested.connect(self.restore_draft)
        self.recovery.discard_requested.connect(self._discard_draft)
        self.editor.notice.connect(lambda text: self.statusBar().showMessage(text, 10000))
        db = self.context.db
        self.languages_panel.follow(self.notifier, lambda offer_id: get_offer(db, offer_id))
        self.notifier.changed.connect(self._changes_arrived)
        self.operations.busy_changed.connect(self._refresh_undo_actions)
        self.update_actions()

    def _language_changed(self) -> None:
        """The words swapped by ui.i18n are done; redraw what is composed with values."""
        self.list_panel.update_count()
        self._rename_categories()
        self.table.viewport().update()
        self.languages_panel.retranslate()
        self._show_saved()
        if self.editor.offer is not None:
            self.languages_panel.show_offer(self.editor.offer, self.editor.language)
        self.update_actions()

    def _rename_categories(self) -> None:
        """A category's name is the region's word in each language: the filter and the editors'
        pickers show it in the new interface language (the list keeps the source language's)."""
        names = {c.id: c.name for c in load_choices(self.context.db, language()).categories}
        self.choices.categories[:] = [Choice(c.id, names.get(c.id, c.name)) for c in self.choices.categories]
        combos = [self.list_panel.category]
        combos += [e.fields["category_id"].combo for e in self.routing.editors if "category_id" in e.fields]
        for combo in combos:
            for index in range(combo.count()):
                if combo.itemData(index) in names:
                    combo.setItemText(index, names[combo.itemData(index)])

    def _changes_arrived(self, changes) -> None:
        """The list follows every change to offers (the editor and the panels decide for themselves)."""
        ids = changes.ids("offer")
        if ids:
            self.refresh_offers(sorted(ids), reopen=False)

    def _refresh_undo_actions(self, busy: bool) -> None:
        """While a change is stored, Ctrl+Z waits; afterwards it offers what the stack holds."""
        group = self.routing.group
        self.undo_action.setEnabled(not busy and group.canUndo())
        self.redo_action.setEnabled(not busy and group.canRedo())

    def menu(self, name: str) -> QMenu:
        """A top-level menu by name (see ui/features.py)."""
        return self.menus.menu(name)

    # --- the list ------------------------------------------------------------------------
    def selected_offer_ids(self) -> list[int]:
        ids = self.list_panel.selected_offer_ids()
        if not ids and self.editor.offer is not None:
            ids = [self.editor.offer.id]
        return ids

    def selected_item_ids(self) -> list[int]:
        """What "translate" and "review" act on: on the pages or events tab the page or event
        open there, else the selected offers."""
        editor = self.content_tabs.current_editor()
        if editor is None:
            return self.selected_offer_ids()
        return [editor.offer.id] if editor.offer is not None else []

    # The list's rows and search index: ui/offer_list_feed.py.
    @property
    def list_loaded(self) -> bool:
        return self.feed.loaded

    @property
    def search_ready(self) -> bool:
        return self.feed.search_ready

    def reload(self) -> None:
        self.feed.reload()

    def refresh_offers(self, offer_ids: list[int], *, reopen: bool = True) -> None:
        self.feed.refresh(offer_ids, reopen=reopen)

    def _current_changed(self, current, previous) -> None:
        if not self._following_selection or not current.isValid():
            return
        offer_id = self.list_panel.offer_id_at(current.row())
        if self.editor.offer is not None and self.editor.offer.id == offer_id:
            return
        if not self.editor.confirm_leave():
            # Stay on the offer with the unsaved changes (after this signal has finished).
            stay = self.editor.offer.id if self.editor.offer else None
            QTimer.singleShot(0, lambda: self._select_quietly(stay))
            return
        self._open(offer_id)

    @contextmanager
    def selection_held(self) -> Iterator[None]:
        """Change the list's selection without opening what it selects."""
        self._following_selection = False
        try:
            yield
        finally:
            self._following_selection = True

    def _select_quietly(self, offer_id: int | None) -> None:
        with self.selection_held():
            if offer_id is None:
                self.table.clearSelection()
            else:
                self.list_panel.select_offer(offer_id)

    def _open(self, offer_id: int, draft: dict | None = None) -> None:
        try:
            self.editor.load(get_offer(self.context.db, offer_id), draft=draft)
        except NotFoundError as exc:
            self.statusBar().showMessage(exc.message(language()), 8000)
            self.refresh_offers([offer_id])

    def open_offer(self, offer_id: int, draft: dict | None = None) -> None:
        """Show the offer in the list and in the editor (asks first about unsaved changes)."""
        if (
            self.editor.offer is not None
            and self.editor.offer.id != offer_id
            and not self.editor.confirm_leave()
        ):
            return
        self._select_quietly(offer_id)
        self._open(offer_id, draft)

    def update_actions(self) -> None:
        """Duplicate, archive, delete, versions: for the selected offers, or on the pages and
        events tabs for the page or event open there."""
        has_selection = bool(self.selected_item_ids())
        for action in (
            self.actions.duplicate,
            self.actions.archive,
            self.actions.restore,
            self.actions.delete,
            self.menus.revisions,
        ):
            action.setEnabled(has_selection)

    def _editor_loaded(self, offer) -> None:
        self.languages_panel.show_offer(offer, self.editor.language)
        self.update_actions()

    def _editor_saved(self, offer) -> None:
        self._select_quietly(offer.id)  # the list has its row from the notifier already
        self.languages_panel.show_offer(offer, self.editor.language)
        self._saved_at = offer.updated_at
        self._show_saved()

    def _show_saved(self) -> None:
        """ "Saved 14:05:09" / "Saved 2:05:09 PM": the time of the last save, in the interface language."""
        if self._saved_at is not None:
            time = time_text(self._saved_at.astimezone(), seconds=True)
            self.status.saved_label.setText(_("Saved {time}").format(time=time))

    # --- drafts from an earlier run ----------------------------------------------------------
    def restore_draft(self, draft) -> None:
        if self.routing.restore(draft):  # a page's or an event's
            return
        if not self.editor.confirm_leave():
            return
        self.recovery.done_with(draft)
        if draft.offer_id is None:
            self._select_quietly(None)
            self.editor.load(None, draft=draft.payload)
        else:
            self.open_offer(draft.offer_id, draft=draft.payload)
        self.statusBar().showMessage(_("Restored. Save to keep the changes."), 8000)

    def _discard_draft(self, draft) -> None:
        db, user = self.context.db, self.context.user
        self.operations.run(
            _("Discarding changes"),
            lambda: discard_draft(
                db, draft.offer_id, author=user, kind=str(draft.payload.get("kind") or "offer")
            ),
            origin=self,
            on_done=lambda _r: self.recovery.done_with(draft),
            parent=self,
        )

    # --- dialogs -------------------------------------------------------------------------
    def show_revisions(self) -> None:
        from .revisions_dialog import RevisionsDialog

        if panel := self.actions.items.panel():
            return self.actions.items.revisions(panel)
        ids = self.selected_offer_ids()
        if not ids or not self.editor.confirm_leave():
            return
        self._revisions = RevisionsDialog(
            self.context, ids[0], self.choices, parent=self, operations=self.operations
        )
        self._revisions.show()

    def show_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        self._settings_dialog = SettingsDialog(self.context, self.settings, parent=self)
        self._settings_dialog.region_changed.connect(self._region_changed)
        self._settings_dialog.show()

    def _region_changed(self) -> None:
        self.statusBar().showMessage(
            _("Region settings saved. Languages and names take effect after a restart."), 8000
        )

    def hint_text(self) -> str:
        return _(
            "<b>Welcome to Lotse.</b> On the left are the offers of the region “{region}”. "
            "Type into the search "
            "field to find one, or use the filters below it. Click an offer to edit "
            "it in the middle; the right "
            "shows how far each language is. Ctrl+N creates a new offer, Ctrl+S saves, Ctrl+Z undoes. "
            "Your work is saved every few seconds as a draft, so nothing is lost."
        ).format(region=self.region_name)

    def show_hint(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, _("Where to start"), self.hint_text())

    def _first_start_hint(self) -> None:
        if not self.settings.get("first_start_done"):
            self.editor.subheading.setText(self.hint_text())
            self.settings.set("first_start_done", True)

    # --- window state ----------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry, state = self.settings.get("window/geometry"), self.settings.get("window/state")
        if geometry:
            self.restoreGeometry(geometry)
        if state:
            self.restoreState(state)
        if self.settings.get("window/splitter"):
            self.splitter.restoreState(self.settings.get("window/splitter"))
        self.list_panel.restore_columns(self.settings.get("window/columns"))

    def save_layout(self) -> None:
        self.settings.set("window/geometry", bytes(self.saveGeometry().data()))
        self.settings.set("window/state", bytes(self.saveState().data()))
        self.settings.set("window/splitter", bytes(self.splitter.saveState().data()))
        self.settings.set("window/columns", bytes(self.table.horizontalHeader().saveState().data()))
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.routing.confirm_leave_all():
            event.ignore()
            return
        self.routing.stop()
        self.save_layout()
        self.feed.stop()
        self.tasks.wait(5000)
        self.operations.wait(5000)
        event.accept()
