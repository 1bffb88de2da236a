"""The main window: the offer list on the left, the editor in the middle, the languages
of the open offer on the right; menus, toolbar and a status bar that shows background work.

Features plug in through ``window.menu(name)``, ``window.tasks``, ``window.selected_offer_ids()``,
``window.reload()`` and ``window.context`` (see ui/features.py).

The window paints before the offer list is read: the list loads in the background (10,000
offers take about a second) and shows "Loading offers …" meanwhile; ``list_loaded`` tells
whether it holds the rows of the latest reload, ``offers_loaded`` is emitted when they arrive.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QSplitter, QVBoxLayout, QWidget

from desktop.choices import load_choices
from desktop.context import AppContext
from desktop.drafts import discard_draft, list_drafts
from desktop.errors import NotFoundError, error_message
from desktop.offer_search import SearchIndex, build_search_index, collect_search_texts
from desktop.offers import get_offer, list_offers

from .after_paint import after_next_paint
from .content_tabs import ContentTabs
from .editor.offer_editor import OfferEditor
from .editor_routing import EditorRouting
from .features import Features
from .i18n import _, language, on_language_change
from .icons import icon
from .languages_panel import LanguagesPanel
from .offer_actions import OfferActions
from .offer_list_panel import OfferListPanel
from .operations import Operations
from .recovery_banner import RecoveryBanner
from .settings_store import SettingsStore
from .task_runner import TaskRunner


def menu_titles() -> tuple[tuple[str, str], ...]:
    return (
        ("file", _("&File")),
        ("edit", _("&Edit")),
        ("offer", _("&Offer")),
        ("translate", _("&Translate")),
        ("review", _("&Review")),
        ("publish", _("&Publish")),
        ("exchange", _("E&xchange")),
        ("team", _("Tea&m")),
        ("help", _("&Help")),
    )


class MainWindow(QMainWindow):
    offers_loaded = Signal()  # the list holds the rows of the latest reload

    def __init__(self, context: AppContext, settings: SettingsStore | None = None):
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
        self.search_index = SearchIndex()
        self._index_pending: set[int] = set()
        self._index_building = False
        self._following_selection = True
        self.list_loaded = False
        self.search_ready = False  # the search index covers the list's rows
        self._load_generation = 0  # of two reloads, only the later one's rows are shown
        self._refresh_after_load: set[int] = set()

        self.list_panel = OfferListPanel(self.choices)
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

        self._build_status_bar()
        self.actions = OfferActions(self)
        self._menus: dict[str, object] = {}
        self._build_menus()
        self._connect()
        self.features = Features()  # each feature keeps its own dialogs there
        self.features.install_all(self)
        self.resize(1560, 900)
        self._restore_layout()
        self.list_panel.set_loading(True)
        after_next_paint(self.table.viewport(), self.reload)  # the first paint does not wait for the list
        self.recovery.show_drafts(list_drafts(context.db, author=context.user))
        self._first_start_hint()
        on_language_change(self, self._language_changed)

    # --- building ------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.setMaximumHeight(14)
        self.busy.hide()
        self.busy_label = QLabel()
        self.saved_label = QLabel()
        bar.addPermanentWidget(self.saved_label)
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.busy)
        bar.showMessage(self.region_name)

        def busy_changed(busy: bool, text: str) -> None:
            self.busy.setVisible(busy)
            self.busy_label.setText(text if busy else "")

        self.tasks.busy_changed.connect(busy_changed)

    def _action(self, name: str, text: str, shortcut, slot, icon_name: str | None = None) -> QAction:
        action = QAction(icon(icon_name or name), text, self)
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        for name, title in menu_titles():
            menu = self.menuBar().addMenu(title)
            menu.setObjectName(f"menu_{name}")
            self._menus[name] = menu
        self.save_action = self._action("save", _("&Save"), QKeySequence.StandardKey.Save, self.routing.save)
        self.undo_action = self.routing.group.createUndoAction(self, _("&Undo"))
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.routing.group.createRedoAction(self, _("&Redo"))
        self.redo_action.setIcon(icon("redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.revisions_action = self._action(
            "revisions", _("&Revisions …"), QKeySequence("Ctrl+H"), self.show_revisions
        )
        self.settings_action = self._action(
            "settings", _("S&ettings …"), QKeySequence("Ctrl+,"), self.show_settings
        )
        self.reload_action = self._action(
            "reload", _("Re&load"), QKeySequence.StandardKey.Refresh, self.reload
        )
        find = self._action(
            "search",
            _("&Find"),
            QKeySequence.StandardKey.Find,
            lambda: (self.search.setFocus(), self.search.selectAll()),
        )
        quit_action = self._action("quit", _("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        hint = self._action(
            "about", _("&Where to start"), QKeySequence.StandardKey.HelpContents, self.show_hint
        )
        a = self.actions
        self.menu("file").addActions([a.new, self.save_action, self.reload_action])
        self.menu("file").addSeparator()
        self.menu("file").addAction(self.settings_action)
        self.menu("file").addSeparator()
        self.menu("file").addAction(quit_action)
        self.menu("edit").addActions([self.undo_action, self.redo_action])
        self.menu("edit").addSeparator()
        self.menu("edit").addAction(find)
        self.menu("offer").addActions([a.duplicate, a.archive, a.restore, a.delete])
        self.menu("offer").addSeparator()
        self.menu("offer").addAction(self.revisions_action)
        self.menu("help").addAction(hint)

        toolbar = self.addToolBar(_("Main toolbar"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([a.new, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([a.duplicate, a.archive, a.delete, self.revisions_action])
        toolbar.addSeparator()
        toolbar.addAction(self.settings_action)
        self.toolbar = toolbar

    def _connect(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        # Filtering resets the list; the open offer stays selected when it is still shown.
        self.model.modelReset.connect(
            lambda: self.editor.offer and self._select_quietly(self.editor.offer.id)
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
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
        self._update_actions()

    def _language_changed(self) -> None:
        """The words swapped by ui.i18n are done; redraw what is composed with values."""
        self.list_panel.update_count()
        self.table.viewport().update()
        self.languages_panel.retranslate()
        if self.editor.offer is not None:
            self.languages_panel.show_offer(self.editor.offer, self.editor.language)
        self._update_actions()

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

    def menu(self, name: str):
        """A top-level menu by name (see ui/features.py)."""
        return self._menus[name]

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

    def reload(self) -> None:
        """Read the list again in the background; the rows replace the list when they arrive,
        then the search index is rebuilt. A reload while one runs: the later one's rows win."""
        self._load_generation += 1
        generation = self._load_generation
        self.list_loaded = False
        self.list_panel.set_loading(True)
        db = self.context.db
        self.tasks.run(
            _("Loading offers …"),
            lambda progress, token: list_offers(db),
            dialog=False,
            on_done=lambda rows: self._rows_arrived(generation, rows),
            on_error=lambda exc: self._rows_failed(generation, exc),
        )

    def _rows_arrived(self, generation: int, rows: list) -> None:
        if generation != self._load_generation:
            return  # a later reload is on its way
        current = self.editor.offer.id if self.editor.offer else None
        self._following_selection = False
        try:
            self.model.set_rows(rows)
            if current is not None:
                self.list_panel.select_offer(current)
        finally:
            self._following_selection = True
        self.list_loaded = True
        self.list_panel.set_loading(False)
        self._reopen_if_changed({row.id: row for row in rows})
        # Offers changed while the list was read may have been read before the change.
        changed, self._refresh_after_load = self._refresh_after_load, set()
        if changed:
            self.refresh_offers(sorted(changed))
        self._update_actions()
        self.search_ready = False
        self.offers_loaded.emit()
        after_next_paint(self.table.viewport(), self._rebuild_search_index)  # the rows paint first

    def _rows_failed(self, generation: int, exc) -> None:
        if generation != self._load_generation:
            return
        self.list_panel.set_loading(False)
        message = error_message(exc, language())
        self.statusBar().showMessage(
            _("The offers could not be loaded: {error}").format(error=message), 15000
        )

    def _rebuild_search_index(self) -> None:
        if self._index_building:
            return
        self._index_building = True
        db = self.context.db

        def done(index: SearchIndex) -> None:
            self._index_building = False
            self.search_ready = True
            self.search_index = index
            pending, self._index_pending = self._index_pending, set()
            self._update_index(pending)
            self.proxy.set_search_index(index)
            self.list_panel.update_count()

        def failed(exc) -> None:
            self._index_building = False
            self.statusBar().showMessage(
                _("The search index could not be built: {error}").format(error=exc), 10000
            )

        self._index_token = self.tasks.run(
            _("Preparing the search"),
            lambda progress, token: build_search_index(db, progress=progress, token=token),
            on_done=done,
            on_error=failed,
            on_cancel=lambda: setattr(self, "_index_building", False),
        )

    def _update_index(self, offer_ids) -> None:
        ids = list(offer_ids)
        if not ids:
            return
        if self._index_building:
            self._index_pending.update(ids)
            return
        texts = collect_search_texts(self.context.db, ids)
        for offer_id in ids:
            if offer_id in texts:
                self.search_index.set(offer_id, texts[offer_id])
            else:
                self.search_index.drop(offer_id)

    def refresh_offers(self, offer_ids: list[int], *, reopen: bool = True) -> None:
        """After a change to some offers: their rows and search words, not the whole list.
        ``reopen``: show the open offer anew when it changed (the notifier's subscribers decide
        that themselves)."""
        if not self.list_loaded:
            self._refresh_after_load.update(offer_ids)
        rows = {row.id: row for row in list_offers(self.context.db, offer_ids=list(offer_ids))}
        self._update_index(offer_ids)
        for offer_id in offer_ids:
            if offer_id in rows:
                self.model.put_row(rows[offer_id])
            else:
                self.model.remove_offer(offer_id)
        self.proxy.set_search_index(self.search_index if len(self.search_index) else None)
        self.list_panel.update_count()
        if reopen:
            self._reopen_if_changed(rows)

    def _reopen_if_changed(self, rows: dict) -> None:
        """The open offer was changed outside the editor (archive, restore, an import): show
        the new version, unless the user is in the middle of changing it."""
        open_offer = self.editor.offer
        if (
            open_offer is not None
            and open_offer.id in rows
            and rows[open_offer.id].version != self.editor.base_version
            and not self.editor.is_dirty()
        ):
            self.editor.open_offer(open_offer.id)

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

    def _select_quietly(self, offer_id: int | None) -> None:
        self._following_selection = False
        try:
            if offer_id is None:
                self.table.clearSelection()
            else:
                self.list_panel.select_offer(offer_id)
        finally:
            self._following_selection = True

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

    def _update_actions(self) -> None:
        has_selection = bool(self.selected_offer_ids())
        for action in (
            self.actions.duplicate,
            self.actions.archive,
            self.actions.restore,
            self.actions.delete,
            self.revisions_action,
        ):
            action.setEnabled(has_selection)

    def _editor_loaded(self, offer) -> None:
        self.languages_panel.show_offer(offer, self.editor.language)
        self._update_actions()

    def _editor_saved(self, offer) -> None:
        self._select_quietly(offer.id)  # the list has its row from the notifier already
        self.languages_panel.show_offer(offer, self.editor.language)
        self.saved_label.setText(
            _("Saved {time}").format(time=offer.updated_at.astimezone().strftime("%H:%M:%S"))
        )

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
            lambda: discard_draft(db, draft.offer_id, author=user),
            origin=self,
            on_done=lambda _r: self.recovery.done_with(draft),
            parent=self,
        )

    # --- dialogs -------------------------------------------------------------------------
    def show_revisions(self) -> None:
        from .revisions_dialog import RevisionsDialog

        ids = self.selected_offer_ids()
        if not ids or not self.editor.confirm_leave():
            return
        self._revisions = RevisionsDialog(self.context, ids[0], self.choices, parent=self)
        self._revisions.restored.connect(lambda offer_id: self.refresh_offers([offer_id]))
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
        if self.settings.get("window/columns"):
            self.table.horizontalHeader().restoreState(self.settings.get("window/columns"))
        else:
            self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

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
        if self._index_building:
            self._index_token.cancel()
        self.tasks.wait(5000)
        self.operations.wait(5000)
        event.accept()
