"""The editor of an information page or an event: the offer editor's machinery (undo stack
per field, autosave into drafts and crash recovery, validation beside the field, save with
conflicts, the texts per language) with the page's or the event's form and operations
(desktop/content_editing.py). Nothing of the offer editor is copied: only its hooks differ."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from babel.dates import format_skeleton, format_time
from PySide6.QtWidgets import QWidget

from desktop.choices import Choices, create_organization
from desktop.content_editing import (
    empty_item_payload,
    get_item,
    item_problems,
    payload_from_item,
    save_item,
    timing_of_payload,
)
from desktop.context import AppContext
from desktop.offers import OfferData
from models.languages import babel_locale
from models.recurrence import RecurrenceError, expand, zone
from models.tables import ContentKind

from ..i18n import _, language, on_language_change
from .item_forms import EventForm, ItemForm, PageForm
from .offer_editor import OfferEditor

PREVIEW_COUNT = 5


def occurrence_text(start: datetime, end: datetime, all_day: bool) -> str:
    """“Di., 2. März 2027, 15:00–17:00” in the interface language (CLDR through Babel)."""
    locale = babel_locale(language())
    day = format_skeleton("yMMMEd", start, locale=locale)
    if all_day:
        return day
    return f"{day}, {format_time(start, 'short', locale=locale)}–{format_time(end, 'short', locale=locale)}"


class ItemEditor(OfferEditor):
    """``kind`` "page" or "event"."""

    text_keys = ("title", "content")

    def __init__(
        self, context: AppContext, choices: Choices, kind: str, parent: QWidget | None = None, **how: Any
    ) -> None:
        self.kind = kind
        self._preview_key: object = None
        super().__init__(context, choices, parent, **how)
        self.todos.hide()  # the offer to-dos (confirmations, missing facts) are for offers
        self.minor.setText(_("Minor edit (translations stay current)"))
        on_language_change(self, self._redate)

    # --- the hooks -------------------------------------------------------------------------
    def _make_form(self) -> ItemForm:  # type: ignore[override]
        db = self.context.db
        make: type[ItemForm] = PageForm if self.kind == ContentKind.PAGE.value else EventForm
        return make(
            self.choices,
            create_organization=lambda name: self._write(_("Saving"), lambda: create_organization(db, name)),
        )

    def _empty_payload(self) -> dict:
        return empty_item_payload(self.kind, [lc.code for lc in self.choices.languages])

    def _payload_of(self, data: OfferData) -> dict:
        return payload_from_item(data)

    def _fetch(self, item_id: int) -> OfferData:
        return get_item(self.context.db, item_id)

    def _problems(self) -> list:
        return item_problems(self.kind, self.payload, root=self.root, language=self.language)

    def _saver(self) -> Callable[..., OfferData]:
        kind, root = self.kind, self.root
        return lambda db, item_id, payload, **how: save_item(db, item_id, kind, payload, root=root, **how)

    def _over_latest(self) -> Callable[..., OfferData]:
        kind, root = self.kind, self.root

        def save_over(db: Any, item_id: int, payload: dict, *, author: str, minor: bool = False) -> OfferData:
            latest = get_item(db, item_id)
            base = payload_from_item(latest)
            return save_item(
                db, item_id, kind, payload, base=base, base_version=latest.version, author=author,
                minor=minor, root=root,
            )  # fmt: skip

        return save_over

    def _nothing_open_texts(self) -> tuple[str, str]:
        if self.kind == ContentKind.PAGE.value:
            return _("No page open"), _("Choose a page in the tree, or create one with Ctrl+N.")
        return _("No event open"), _("Choose an event in the list, or create one with Ctrl+N.")

    def _new_title(self) -> str:
        return _("New page") if self.kind == ContentKind.PAGE.value else _("New event")

    # --- pages and events ------------------------------------------------------------------
    def new_item(self, **facts: Any) -> None:
        """A new page (``parent_id=`` under another) or event, not saved yet."""
        self.load(None)
        for key, value in facts.items():
            self.payload["facts"][key] = value
        self._fill_all()
        self._after_change()

    def load(self, offer: OfferData | None, **how: Any) -> None:
        if offer is not None and isinstance(self.form, EventForm):
            self.form.show_zone(offer.facts.get("timezone"))
        super().load(offer, **how)

    def _after_change(self, validate: bool = True) -> None:
        super()._after_change(validate)
        if self.kind == ContentKind.EVENT.value:
            self._show_next_dates()

    def _redate(self) -> None:
        """After a language switch: the next dates are written anew in the new language."""
        if self.kind == ContentKind.EVENT.value:
            self._preview_key = None
            self._show_next_dates()

    def _show_next_dates(self) -> None:
        """The next dates of the rule as it stands, while the person edits it."""
        facts = self.payload["facts"]
        key = tuple(str(facts.get(k)) for k in ("event_start", "event_end", "all_day", "timezone", "rrule"))
        key += (str(facts.get("exdates")), str(facts.get("moved")))
        if key == self._preview_key:
            return
        self._preview_key = key
        form = self.form
        assert isinstance(form, EventForm)
        try:
            timing = timing_of_payload(facts)
            if timing is None:
                form.preview.setText("")
                return
            tz = zone(timing.timezone)
            since = max(datetime.now(tz), timing.start.replace(tzinfo=tz))  # a series yet to begin
            found = expand(timing, since, since + timedelta(days=3 * 366), limit=2000)[:PREVIEW_COUNT]
        except (RecurrenceError, ValueError):
            form.preview.setText("")  # the message is beside the field
            return
        lines = [occurrence_text(o.start, o.end, timing.all_day) for o in found]
        lines = [line + (" " + _("(moved)") if o.moved else "") for line, o in zip(lines, found, strict=True)]
        form.preview.setText("\n".join(lines) if lines else _("No more dates."))
