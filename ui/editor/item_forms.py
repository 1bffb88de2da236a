"""The forms of an information page and of an event: the text of one language (title and
limited HTML content, as for offers) and the facts of the kind, each field with its message
beside it (``FormRows``). ItemEditor (ui/editor/item_editor.py) drives them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.choices import Choices
from models.vocabulary import PUBLICATION_STATES

from ..i18n import _, language
from ..wheel_guard import ComboBox
from .contacts import ErrorLabel
from .event_fields import CheckField, DateListField, DateTimeField, MovedField, RuleField
from .offer_form import FormRows
from .pickers import CreatingPicker, ImageChooser
from .rich_text import RichTextField
from .value_widgets import AgeField, ChoiceField, LineField

# Common zones of the regions Lotse serves; an imported event's own zone is added when shown.
ZONES = ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/Luxembourg", "Europe/Brussels", "UTC")


class ItemForm(FormRows):
    """What pages and events share: the text, the organization, the image, the publication."""

    def __init__(
        self, choices: Choices, *, create_organization: Callable[[str], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.fields = {}
        self.errors = {}
        self.layout_ = QVBoxLayout(self)
        texts = QGroupBox(_("Text"))
        form = self._form(texts)
        self.language_combo = ComboBox()
        self.language_combo.setObjectName("text_language")
        for lc in choices.languages:
            source = f" ← {lc.source_code}" if lc.source_code else ""
            self.language_combo.addItem(f"{lc.native_name} ({lc.code}){source}", lc.code)
        form.addRow(_("Language"), self.language_combo)
        self._add(form, "title", _("Title"), LineField(empty_as_none=False))
        self._add(form, "content", _("Content"), RichTextField())
        self.layout_.addWidget(texts)
        self.kind_box = QGroupBox()
        self.kind_form = self._form(self.kind_box)
        self.layout_.addWidget(self.kind_box)
        details = QGroupBox(_("Details"))
        self.details_form = self._form(details)
        self._add(
            self.details_form,
            "organization_id",
            _("Responsible organization"),
            CreatingPicker(choices.organizations, create_organization, new_title=_("New organization")),
        )
        self._add(self.details_form, "image_path", _("Thumbnail"), ImageChooser())
        ui = language()
        self._add(
            self.details_form,
            "state",
            _("Publication"),
            ChoiceField([(k, v.get(ui, v["en"])) for k, v in PUBLICATION_STATES.items()]),
        )
        self.layout_.addWidget(details)
        self.general_error = ErrorLabel()
        self.layout_.addWidget(self.general_error)
        self.layout_.addStretch(1)

    def finish(self) -> None:
        for key, widget in self.fields.items():
            widget.setObjectName(widget.objectName() or f"field_{key}")


class PageForm(ItemForm):
    def __init__(
        self, choices: Choices, *, create_organization: Callable[[str], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(choices, create_organization=create_organization, parent=parent)
        self.kind_box.setTitle(_("Place in the page tree"))
        self.parent_field = ChoiceField([(None, _("(top level)"))])
        self._add(self.kind_form, "parent_id", _("Parent page"), self.parent_field)
        position = AgeField(placeholder=_("at the end"))
        position.setToolTip(_("Order among the pages beside it: 0 is the first."))
        self._add(self.kind_form, "position", _("Order"), position)
        self._add(self.kind_form, "icon", _("Icon"), LineField(placeholder=_("e.g. mdi-home")))
        self.finish()

    def set_pages(self, pages: list[tuple[int, int, str]], own_id: int | None) -> None:
        """The pages to choose a parent from: (id, depth, title), in tree order."""
        items: list[tuple[object, str]] = [(None, _("(top level)"))]
        items += [(pid, "    " * depth + title) for pid, depth, title in pages if pid != own_id]
        self.parent_field.set_items(items)


class EventForm(ItemForm):
    def __init__(
        self, choices: Choices, *, create_organization: Callable[[str], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(choices, create_organization=create_organization, parent=parent)
        self.kind_box.setTitle(_("Date and place"))
        form = self.kind_form
        self._add(form, "event_start", _("Start"), DateTimeField())
        self._add(form, "event_end", _("End"), DateTimeField())
        self._add(form, "all_day", "", CheckField(_("All day")))
        self.zones = ChoiceField([(z, z) for z in ZONES])
        self._add(form, "timezone", _("Time zone"), self.zones)
        self._add(form, "rrule", _("Recurrence"), RuleField())
        self._add(form, "exdates", _("Cancelled dates"), DateListField())
        self._add(form, "moved", _("Moved dates"), MovedField())
        self.preview = QLabel()
        self.preview.setObjectName("next_dates")
        self.preview.setWordWrap(True)
        form.addRow(_("Next dates"), self.preview)
        self.places = ChoiceField([(None, _("a free address (below)"))])
        self._add(form, "place_id", _("Venue"), self.places)
        self._add(form, "street", _("Street and number"), LineField())
        self._add(form, "postcode", _("Postcode"), LineField(placeholder="52062"))
        self._add(form, "town", _("Town"), LineField())
        self._add(form, "meeting_url", _("Online meeting"), LineField(placeholder="https://"))
        self.finish()

    def set_places(self, places: list[tuple[int, str]]) -> None:
        self.places.set_items([(None, _("a free address (below)")), *places])

    def show_zone(self, zone: str | None) -> None:
        """An imported event's own zone joins the choices."""
        if zone and self.zones.findData(zone) < 0:
            self.zones.addItem(zone, zone)
