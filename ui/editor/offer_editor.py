"""The offer editor: the form, its undo stack, inline checks, saving, and autosave.

The editor holds a plain JSON working copy (``payload``, see desktop/offer_editing.py).
Every user edit becomes an undo step that writes one field of the payload; the widgets
only show it. Saving and autosaving call operations in desktop/.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.choices import Choices, create_category, create_organization
from desktop.context import AppContext
from desktop.offer_editing import (
    empty_payload,
    empty_text,
    keyed_payload,
    payload_from_offer,
    problems_in,
    save_over_latest,
    save_payload,
)
from desktop.offers import OfferData, get_offer
from models.contact_keys import KEY
from models.vocabulary import FACT_FIELD_LABELS, TEXT_FIELD_LABELS

from ..dates import moment_text
from ..i18n import _, on_language_change
from ..icons import icon
from ..operations import Operations, operations_for
from .field_undo import FieldEdit
from .offer_form import TEXT_KEYS, OfferForm
from .storing import EditorStoring
from .todos import TodoBanner
from .value_widgets import UndoKeysToWindow

AUTOSAVE_MS = 3000
# The widgets that keep Ctrl+Z for themselves unless told otherwise (see UndoKeysToWindow).
TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def field_labels() -> dict[str, str]:
    """Every field by its label, for undo entries ("Undo Organization", never "organization_id")."""
    return {key: label.render() for key, label in (FACT_FIELD_LABELS | TEXT_FIELD_LABELS).items()}


class OfferEditor(EditorStoring, QWidget):
    saved = Signal(object)  # OfferData after a save
    loaded = Signal(object)  # OfferData or None (a new offer)
    dirty_changed = Signal(bool)
    language_changed = Signal(str)
    notice = Signal(str)  # for the status bar: a draft could not be kept

    def __init__(
        self,
        context: AppContext,
        choices: Choices,
        parent=None,
        autosave_ms: int = AUTOSAVE_MS,
        *,
        operations: Operations | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.operations = operations or operations_for(context, self)
        self.operations.notifier.changed.connect(self._changes_arrived)
        self.choices = choices
        self.root = choices.root_language
        self.language = self.root
        self.offer: OfferData | None = None
        self.base: dict | None = None
        self.base_version: int | None = None
        self.payload: dict = self._empty_payload()
        self._applying = False
        self._autosaved: dict | None = None
        self._was_dirty = False
        self.active = False  # False while no offer is open
        self.undo_stack = QUndoStack(self)
        self.problems = []

        self.form = self._make_form()
        self.fields = self.form.fields
        self._key_filter = UndoKeysToWindow(self)
        for key, widget in self.fields.items():
            widget.edited.connect(lambda key=key: self._user_edited(key))
            for child in [widget, *widget.findChildren(QWidget)]:
                # Only where Ctrl+Z can arrive and be taken: every event of every other
                # widget (paint, move, resize) would otherwise call into Python.
                if isinstance(child, TEXT_INPUTS):
                    child.installEventFilter(self._key_filter)
        if "contacts" in self.fields:
            self.fields["contacts"].install_key_filter(self._key_filter)
        self.form.language_combo.activated.connect(
            lambda _i: self.show_language(self.form.language_combo.currentData())
        )

        self.heading = QLabel()
        self.heading.setObjectName("editor_heading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.subheading = QLabel()
        self.subheading.setStyleSheet("color: #606060;")
        self.subheading.setWordWrap(True)
        on_language_change(self, self._update_heading)  # "saved {when}": the date in the new language
        # A long hint wraps instead of widening the window.
        self.subheading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll = scroll

        self.minor = QCheckBox(_("Minor edit (translations stay current)"))
        self.minor.setObjectName("minor_edit")
        self.minor.setToolTip(_("For typos and formatting: the translations are not marked outdated."))
        self.state_label = QLabel()
        # Red once: it is empty while there is no problem (a style sheet set per check re-polished it).
        self.state_label.setStyleSheet("color: #B00020;")
        self.save_button = QPushButton(icon("save"), _("Save"))
        self.save_button.setObjectName("save_button")
        self.save_button.clicked.connect(self.save)
        self.discard_button = QPushButton(_("Discard changes"))
        self.discard_button.clicked.connect(self.discard_changes)
        bar = QHBoxLayout()
        bar.addWidget(self.minor)
        bar.addWidget(self.state_label, 1)
        bar.addWidget(self.discard_button)
        bar.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        self.todos = TodoBanner(context, self.operations)
        layout.addWidget(self.todos)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.set_active(False)

    # --- what differs between offers, pages and events (ui/editor/item_editor.py) -------------
    text_keys: tuple[str, ...] = TEXT_KEYS
    kind = "offer"  # models.tables.ContentKind; ItemEditor: "page" or "event"

    def _make_form(self) -> OfferForm:
        context = self.context
        return OfferForm(
            self.choices,
            # The pickers need the new choice back at once: written off the GUI thread all the same.
            create_category=lambda name: self._write(
                _("Saving"), lambda: create_category(context.db, name, language=self.root)
            ),
            create_organization=lambda name: self._write(
                _("Saving"), lambda: create_organization(context.db, name)
            ),
        )

    def _empty_payload(self) -> dict:
        return empty_payload([lc.code for lc in self.choices.languages])

    def _payload_of(self, data: OfferData) -> dict:
        return payload_from_offer(data)

    def _fetch(self, item_id: int) -> OfferData:
        return get_offer(self.context.db, item_id)

    def _problems(self) -> list:
        return problems_in(
            self.payload, root=self.root, language=self.language, bounding_box=self.choices.bounding_box
        )

    def _saver(self):
        """The save that runs off the GUI thread: (db, id, payload, base=, base_version=,
        author=, minor=) -> OfferData."""
        return save_payload

    def _over_latest(self):
        return save_over_latest

    def _nothing_open_texts(self) -> tuple[str, str]:
        return _("No offer open"), _("Choose an offer in the list on the left, or create one with Ctrl+N.")

    def _new_title(self) -> str:
        return _("New offer")

    # --- loading -------------------------------------------------------------------------
    def set_active(self, on: bool) -> None:
        self.active = on
        self.form.setEnabled(on)
        self.save_button.setEnabled(on)
        self.discard_button.setEnabled(on and self.is_dirty())
        self.minor.setEnabled(on and self.offer is not None)
        if not on:
            heading, hint = self._nothing_open_texts()
            self.heading.setText(heading)
            self.subheading.setText(hint)

    def open_offer(self, offer_id: int) -> None:
        self.load(self._fetch(offer_id))

    def new_offer(self) -> None:
        self.load(None)

    def load(self, offer: OfferData | None, *, draft: dict | None = None, keep_undo: bool = False) -> None:
        """Show an offer (None: a new one); ``draft`` puts an autosaved state on top of it;
        ``keep_undo`` after a save, so Ctrl+Z still goes back past it."""
        self.offer = offer
        codes = [lc.code for lc in self.choices.languages]
        self.base = self._payload_of(offer) if offer else None
        self.base_version = offer.version if offer else None
        self.payload = copy.deepcopy(self.base) if offer else self._empty_payload()
        for code in codes:
            self.payload["texts"].setdefault(code, empty_text())
        language = self.root
        if draft:
            # A draft autosaved before the contacts had keys: its areas meant the contacts at their positions.
            self.base = draft.get("base", self.base)
            if self.base is not None and "contacts" in self.base.get("facts", {}):
                self.base = keyed_payload(self.base, self._payload_of(offer) if offer else None)
            self.payload = copy.deepcopy(draft["payload"])
            if "contacts" in self.payload.get("facts", {}):
                self.payload = keyed_payload(self.payload, self.base)
            self.base_version = draft.get("base_version", self.base_version)
            language = draft.get("language", self.root)
        self._autosaved = copy.deepcopy(self.payload) if draft else None
        if not keep_undo:
            self.undo_stack.clear()
        self.minor.setChecked(False)
        self.set_active(True)
        self._fill_all()
        self.show_language(language if language in codes else self.root)
        self._after_change(validate=False)  # show_language has just checked the same payload
        self.todos.show_for(offer.id if offer else None)
        self.loaded.emit(offer)

    def _fill_all(self) -> None:
        self._applying = True
        try:
            for key, widget in self.fields.items():
                if key not in self.text_keys:
                    widget.set_value(copy.deepcopy(self.payload["facts"].get(key)))
            self._show_contact_names()
        finally:
            self._applying = False

    def show_language(self, code: str) -> None:
        """Edit the texts of another language (right to left where the language is)."""
        self.language = code
        index = self.form.language_combo.findData(code)
        self.form.language_combo.setCurrentIndex(index)
        choice = self.choices.language(code)
        rtl = bool(choice and choice.direction == "rtl")
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        for key in self.text_keys:
            if key == "content":
                self.fields[key].set_direction(rtl)
            else:
                self.fields[key].setLayoutDirection(direction)
        self._applying = True
        try:
            for key in self.text_keys:
                self.fields[key].set_value(self.payload["texts"].get(code, {}).get(key, ""))
        finally:
            self._applying = False
        self.validate()
        self.language_changed.emit(code)

    # --- editing -------------------------------------------------------------------------
    def _current(self, key: str, code: str | None):
        if key in self.text_keys:
            return self.payload["texts"].setdefault(code, empty_text())[key]
        return self.payload["facts"].get(key)

    def _user_edited(self, key: str) -> None:
        if self._applying or not self.active:
            return
        code = self.language if key in self.text_keys else None
        new = copy.deepcopy(self.fields[key].value())
        old = copy.deepcopy(self._current(key, code))
        if new == old:
            return
        label = field_labels().get(key, key)
        self.undo_stack.push(FieldEdit(self, key, code, old, new, label))

    def apply_value(self, key: str, code: str | None, value) -> None:
        """Write one field of the payload and show it (the undo stack's only way in)."""
        if key in self.text_keys:
            self.payload["texts"].setdefault(code, empty_text())[key] = copy.deepcopy(value)
            if code != self.language:
                self.show_language(code)
        else:
            self.payload["facts"][key] = copy.deepcopy(value)
        widget = self.fields[key]
        if key == "contacts":
            self._show_contact_names()
        if widget.value() != value:
            self._applying = True
            try:
                widget.set_value(copy.deepcopy(value))
            finally:
                self._applying = False
        self._after_change()

    def _show_contact_names(self) -> None:
        """The areas' lines follow the contacts (one per contact, named after them)."""
        if "contact_areas" not in self.fields:
            return  # a page's or an event's form has no contacts
        contacts = self.payload["facts"].get("contacts") or []
        self.fields["contact_areas"].set_contacts(
            [((c or {}).get(KEY) or "", (c or {}).get("name") or "") for c in contacts]
        )

    def _after_change(self, validate: bool = True) -> None:
        if validate:
            self.validate()
        dirty = self.is_dirty()
        self.discard_button.setEnabled(self.active and dirty)
        self._update_heading()
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)

    def validate(self) -> list:
        self.problems = self._problems()
        self.form.show_problems(self.problems)
        count = len(self.problems)
        self.state_label.setText(
            "" if not count else (_("1 problem") if count == 1 else _("{n} problems").format(n=count))
        )
        return self.problems

    def is_dirty(self) -> bool:
        if not self.active:
            return False
        if self.base is None:
            return self.payload != self._empty_payload()
        return self.payload != self.base

    def title(self) -> str:
        return (self.payload["texts"].get(self.root) or {}).get("title") or ""

    def _update_heading(self) -> None:
        if not self.active:
            return
        star = " •" if self.is_dirty() else ""
        self.heading.setText((self.title() or self._new_title()) + star)
        if self.offer is None:
            self.subheading.setText(_("Not saved yet"))
        else:
            when = moment_text(self.offer.updated_at) if self.offer.updated_at else ""
            self.subheading.setText(
                _("No. {id} · version {version} · saved {when} by {who}").format(
                    id=self.offer.id, version=self.offer.version, when=when, who=self.offer.updated_by or "?"
                )
            )

    def close_offer(self) -> None:
        self.offer = None
        self.base = None
        self.undo_stack.clear()
        self.payload = self._empty_payload()
        self._fill_all()
        self.show_language(self.root)
        self.set_active(False)
        self._after_change()

    def _focus_problem(self, problem) -> None:
        key = self.form.problem_fields.get(problem.field, problem.field.split("[")[0])
        widget = self.fields.get(key)
        if widget is not None:
            self.scroll.ensureWidgetVisible(widget)
            widget.setFocus()
