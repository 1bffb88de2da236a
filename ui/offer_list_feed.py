"""What the main window's offer list shows, and keeping it current: the whole list read in the
background (the window paints first), the search index built after the rows have painted, and
single rows read again after a change. Of two reloads, only the later one's rows are shown."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from desktop.errors import error_message
from desktop.offer_search import build_search_index, collect_search_texts
from desktop.offers import OfferRow, list_offers
from desktop.search_index import SearchIndex
from desktop.tasks import CancelToken

from .after_paint import after_next_paint
from .i18n import _, language

if TYPE_CHECKING:
    from .main_window import MainWindow


class OfferListFeed:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.loaded = False  # the list holds the rows of the latest reload
        self.search_ready = False  # the search index covers the list's rows
        self.search_index = SearchIndex()
        self._index_pending: set[int] = set()
        self._index_building = False
        self._index_token: CancelToken | None = None
        self._generation = 0
        self._refresh_after_load: set[int] = set()

    def reload(self) -> None:
        """Read the list again in the background; the rows replace the list when they arrive,
        then the search index is rebuilt. A reload while one runs: the later one's rows win."""
        self._generation += 1
        generation = self._generation
        self.loaded = False
        self.window.list_panel.set_loading(True)
        db = self.window.context.db
        self.window.tasks.run(
            _("Loading offers …"),
            lambda progress, token: list_offers(db),
            dialog=False,
            on_done=lambda rows: self._rows_arrived(generation, rows),
            on_error=lambda exc: self._rows_failed(generation, exc),
        )

    def adopt(self) -> None:
        """The list came filled with every row (read before the window was built, ui/app.py):
        they count as the latest reload's, and the search index is built after they painted."""
        self._generation += 1
        self.loaded = True
        window = self.window
        window.list_panel.set_loading(False)
        window.update_actions()
        self.search_ready = False
        QTimer.singleShot(0, window, window.offers_loaded.emit)  # after whoever builds the window connected
        after_next_paint(window.table.viewport(), self._rebuild_search_index)

    def _rows_arrived(self, generation: int, rows: list[OfferRow]) -> None:
        if generation != self._generation:
            return  # a later reload is on its way
        window = self.window
        current = window.editor.offer.id if window.editor.offer else None
        with window.selection_held():
            window.model.set_rows(rows)
            if current is not None:
                window.list_panel.select_offer(current)
        self.loaded = True
        window.list_panel.set_loading(False)
        self._reopen_if_changed({row.id: row for row in rows})
        # Offers changed while the list was read may have been read before the change.
        changed, self._refresh_after_load = self._refresh_after_load, set()
        if changed:
            self.refresh(sorted(changed))
        window.update_actions()
        self.search_ready = False
        window.offers_loaded.emit()
        after_next_paint(window.table.viewport(), self._rebuild_search_index)  # the rows paint first

    def _rows_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.window.list_panel.set_loading(False)
        message = error_message(exc, language())
        self.window.statusBar().showMessage(
            _("The offers could not be loaded: {error}").format(error=message), 15000
        )

    def _rebuild_search_index(self) -> None:
        if self._index_building:
            return
        self._index_building = True
        db = self.window.context.db

        def done(index: SearchIndex) -> None:
            self._index_building = False
            self.search_ready = True
            self.search_index = index
            pending, self._index_pending = self._index_pending, set()
            self._update_index(pending)
            self.window.proxy.set_search_index(index)
            self.window.list_panel.update_count()

        def failed(exc: BaseException) -> None:
            self._index_building = False
            self.window.statusBar().showMessage(
                _("The search index could not be built: {error}").format(error=exc), 10000
            )

        def cancelled() -> None:
            self._index_building = False

        self._index_token = self.window.tasks.run(
            _("Preparing the search"),
            lambda progress, token: build_search_index(db, progress=progress, token=token),
            on_done=done,
            on_error=failed,
            on_cancel=cancelled,
        )

    def _update_index(self, offer_ids: Iterable[int]) -> None:
        ids = list(offer_ids)
        if not ids:
            return
        if self._index_building:
            self._index_pending.update(ids)
            return
        texts = collect_search_texts(self.window.context.db, ids)
        for offer_id in ids:
            if offer_id in texts:
                self.search_index.set(offer_id, texts[offer_id])
            else:
                self.search_index.drop(offer_id)

    def refresh(self, offer_ids: list[int], *, reopen: bool = True) -> None:
        """After a change to some offers: their rows and search words, not the whole list.
        ``reopen``: show the open offer anew when it changed (the notifier's subscribers decide
        that themselves)."""
        window = self.window
        if not self.loaded:
            self._refresh_after_load.update(offer_ids)
        rows = {row.id: row for row in list_offers(window.context.db, offer_ids=list(offer_ids))}
        self._update_index(offer_ids)
        for offer_id in offer_ids:
            if offer_id in rows:
                window.model.put_row(rows[offer_id])
            else:
                window.model.remove_offer(offer_id)
        window.proxy.set_search_index(self.search_index if len(self.search_index) else None)
        window.list_panel.update_count()
        if reopen:
            self._reopen_if_changed(rows)

    def _reopen_if_changed(self, rows: dict[int, OfferRow]) -> None:
        """The open offer was changed outside the editor (archive, restore, an import): show
        the new version, unless the user is in the middle of changing it."""
        editor = self.window.editor
        open_offer = editor.offer
        if (
            open_offer is not None
            and open_offer.id in rows
            and rows[open_offer.id].version != editor.base_version
            and not editor.is_dirty()
        ):
            editor.open_offer(open_offer.id)

    def stop(self) -> None:
        """The window closes: the search index need not be finished."""
        if self._index_building and self._index_token is not None:
            self._index_token.cancel()
