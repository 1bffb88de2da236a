"""The information pages tab: the page tree (drag and drop or Alt+arrows to move a page, each
move one ``move_page`` operation that never outdates a translation) beside the page editor.
The tree reads ``list_pages`` off the GUI thread and follows the notifier."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.changes import Changes
from desktop.content import PageRow, archive_subtree, list_pages, move_page
from desktop.page_moves import shift_page
from models.vocabulary import PUBLICATION_STATES

from .editor.item_forms import PageForm
from .editor_panes import editor_panes
from .i18n import N_, _, language, on_language_change
from .item_languages import StatusFilter, status_strip, status_tooltip, strip_size

ID_ROLE = Qt.ItemDataRole.UserRole
STATUSES_ROLE = Qt.ItemDataRole.UserRole + 1


class PageTree(QTreeWidget):
    """The tree; a drop asks for a move (``move_requested(page, parent, position)``) instead of
    moving the item itself: the tree shows what the database holds once the move is stored."""

    move_requested = Signal(int, object, int)

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderLabels([_("Title"), _("State"), _("Languages")])
        # The title takes what the other two leave: the languages (a coloured square each) and
        # the state always show, also in a narrow pane (they were cut off at 1280 pixels).
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def drop_target(
        self, item: QTreeWidgetItem | None, where: QAbstractItemView.DropIndicatorPosition
    ) -> tuple[object, int] | None:
        """(new parent id or None, position) for a drop on/above/below ``item``."""
        indicator = QAbstractItemView.DropIndicatorPosition
        if item is None or where == indicator.OnViewport:
            return None, self.topLevelItemCount()
        parent = item.parent()
        parent_id = parent.data(0, ID_ROLE) if parent else None
        index = parent.indexOfChild(item) if parent else self.indexOfTopLevelItem(item)
        if where == indicator.OnItem:
            return item.data(0, ID_ROLE), item.childCount()
        if where == indicator.BelowItem:
            return parent_id, index + 1
        return parent_id, index

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        dragged = self.currentItem()
        target = self.drop_target(self.itemAt(event.position().toPoint()), self.dropIndicatorPosition())
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if dragged is None or target is None:
            return
        parent_id, position = target
        page_id = dragged.data(0, ID_ROLE)
        old_parent = dragged.parent()
        if (old_parent.data(0, ID_ROLE) if old_parent else None) == parent_id:
            siblings = old_parent.indexOfChild(dragged) if old_parent else self.indexOfTopLevelItem(dragged)
            if siblings < position:
                position -= 1  # the page leaves its own place above the drop
        self.move_requested.emit(page_id, parent_id, position)


class PagesPanel(QWidget):
    def __init__(self, window: Any) -> None:
        super().__init__()
        self.main = window
        self.loaded = False
        self.rows: list = []
        self.tree = PageTree()
        self.tree.move_requested.connect(self.move_page_to)
        self.search = QLineEdit()
        self.search.setObjectName("page_search")
        self.search.setPlaceholderText(_("Search pages …"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.hint = QLabel(_("Drag a page to move it, or use Alt+arrow keys; Ctrl+N creates a page."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #606060;")
        buttons = QHBoxLayout()
        self.new_button = QPushButton(_("New page"))
        self.new_button.setObjectName("new_page")
        self.new_button.clicked.connect(self.new_page)
        self.sub_button = QPushButton(_("New subpage"))
        self.sub_button.setObjectName("new_subpage")
        self.sub_button.clicked.connect(lambda: self.new_page(under_current=True))
        self.archive_button = QPushButton(_("Archive with subpages"))
        self.archive_button.setObjectName("archive_subtree")
        self.archive_button.clicked.connect(self.archive_current)
        for button in (self.new_button, self.sub_button, self.archive_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        self.only = StatusFilter(N_("Only pages whose {language} text is: {status}"))
        self.only.changed.connect(lambda: self._filter(self.search.text()))
        column.addWidget(self.search)
        column.addLayout(buttons)
        column.addWidget(self.only)
        column.addWidget(self.tree, 1)
        column.addWidget(self.hint)
        self.editor, self.splitter, self.languages = editor_panes(
            self, window, left, "page", [520, 760, 260],
            N_("Click a language to edit its text; double-click to list the pages with that status."),
        )  # fmt: skip
        self.languages.status_filter_requested.connect(self.only.set)
        self.editor.saved.connect(lambda page: self._select(page.id))
        self.tree.currentItemChanged.connect(self._current_changed)
        self._following = True
        self.step_actions = []
        for name, keys, step in (
            ("page_up", "Alt+Up", "up"),
            ("page_down", "Alt+Down", "down"),
            ("page_indent", "Alt+Right", "indent"),
            ("page_outdent", "Alt+Left", "outdent"),
        ):
            action = QAction(self)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, step=step: self.step(step))
            self.tree.addAction(action)
            self.step_actions.append(action)
        window.notifier.changed.connect(self._changes_arrived)
        on_language_change(self, self._redraw)

    # --- the tree --------------------------------------------------------------------------
    def load(self) -> None:
        db = self.main.context.db
        self.main.tasks.run(
            _("Loading pages"), lambda progress, token: list_pages(db), on_done=self._show, dialog=False
        )

    def _show(self, rows: list[PageRow]) -> None:
        self.rows = rows
        codes = [lc.code for lc in self.main.choices.languages]
        self.tree.setIconSize(strip_size(len(codes)))
        current = self.current_page_id() or (self.editor.offer.id if self.editor.offer else None)
        self._following = False
        try:
            self.tree.clear()
            items: dict[int, QTreeWidgetItem] = {}
            for row in rows:
                names = PUBLICATION_STATES.get(row.state)
                state = names.get(language(), row.state) if names else row.state
                item = QTreeWidgetItem([row.title, state, ""])
                item.setData(0, ID_ROLE, row.id)
                item.setToolTip(0, row.title)
                item.setData(0, STATUSES_ROLE, row.statuses)
                item.setIcon(2, status_strip(row.statuses, codes))
                item.setToolTip(2, status_tooltip(row.statuses, codes))
                if row.state == "archived":
                    item.setForeground(0, Qt.GlobalColor.gray)
                parent = items.get(row.parent_id) if row.parent_id is not None else None
                if parent is None:
                    self.tree.addTopLevelItem(item)
                else:
                    parent.addChild(item)
                items[row.id] = item
            self.tree.expandAll()
            if current in items:
                self.tree.setCurrentItem(items[current])
        finally:
            self._following = True
        self._offer_parents(self.editor.offer.id if self.editor.offer else None)
        self._filter(self.search.text())
        self.loaded = True

    def _redraw(self) -> None:
        """After a language switch: each page's state and its languages' tooltip are composed words."""
        if self.loaded:
            self._show(self.rows)

    def _offer_parents(self, own_id: int | None) -> None:
        """The parent choices: every page but the one open."""
        form = self.editor.form
        if isinstance(form, PageForm):
            form.set_pages([(r.id, r.depth, r.title) for r in self.rows], own_id)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()

        def visit(item: QTreeWidgetItem | None) -> bool:
            if item is None:
                return False
            shown = any([visit(item.child(i)) for i in range(item.childCount())])
            own = (not needle or needle in item.text(0).casefold()) and self.only.accepts(
                item.data(0, STATUSES_ROLE) or {}
            )
            shown = shown or own  # a page shows with what is found below it
            item.setHidden(not shown)
            return shown

        for i in range(self.tree.topLevelItemCount()):
            visit(self.tree.topLevelItem(i))

    def item_of(self, page_id: int) -> QTreeWidgetItem | None:
        found = [
            it
            for it in self.tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive)
            if it.data(0, ID_ROLE) == page_id
        ]
        return found[0] if found else None

    def current_page_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item else None

    def _select(self, page_id: int) -> None:
        item = self.item_of(page_id)
        if item is not None:
            self._following = False
            self.tree.setCurrentItem(item)
            self._following = True

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if not self._following or current is None:
            return
        page_id = current.data(0, ID_ROLE)
        if self.editor.offer is not None and self.editor.offer.id == page_id:
            return
        if not self.editor.confirm_leave():
            return
        self.open_page(page_id)

    def open_page(self, page_id: int, draft: dict | None = None) -> None:
        self.editor.load(self.editor._fetch(page_id), draft=draft)
        self._offer_parents(page_id)
        self.editor._fill_all()
        self._select(page_id)

    def _changes_arrived(self, changes: Changes) -> None:
        """A move, a save, an archive, a translation: the tree shows the new state."""
        if self.loaded and changes.ids("offer"):
            self.load()

    # --- changes ---------------------------------------------------------------------------
    def new_page(self, under_current: bool = False) -> None:
        if not self.editor.confirm_leave():
            return
        parent = self.current_page_id() if under_current else None
        self._offer_parents(None)
        self.editor.new_item(parent_id=parent)
        self.editor.fields["title"].setFocus()

    def move_page_to(self, page_id: int, parent_id: int | None, position: int) -> None:
        db, user = self.main.context.db, self.main.context.user
        self.main.operations.run(
            _("Moving the page"),
            lambda: move_page(db, page_id, parent_id, position, author=user),
            origin=self,
            parent=self,
        )

    def step(self, step: str) -> None:
        page_id = self.current_page_id()
        if page_id is None:
            return
        db, user = self.main.context.db, self.main.context.user
        self.main.operations.run(
            _("Moving the page"),
            lambda: shift_page(db, page_id, step, author=user),
            origin=self,
            parent=self,
        )

    def archive_current(self) -> None:
        page_id = self.current_page_id()
        if page_id is None:
            return
        db, user = self.main.context.db, self.main.context.user
        self.main.operations.run(
            _("Archiving"),
            lambda: archive_subtree(db, page_id, author=user),
            origin=self,
            on_done=lambda count: self.main.statusBar().showMessage(
                _("{count} pages archived.").format(count=count), 8000
            ),
            parent=self,
        )
