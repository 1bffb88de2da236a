"""The editor's form: every field of an offer with the widget that suits it, and the
message label beside each. No logic about saving here; OfferEditor drives it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.choices import Choices
from models.languages import display_name
from models.vocabulary import PUBLICATION_STATES, TARGET_GROUPS

from ..i18n import _, language
from ..wheel_guard import ComboBox
from .areas import AreasField
from .contacts import ContactsEditor, ErrorLabel
from .hours import OpeningHoursEditor
from .pickers import CreatingPicker, ImageChooser
from .rich_text import RichTextField
from .value_widgets import (
    AgeField,
    CheckListField,
    ChoiceField,
    LineField,
    NumberField,
    OptionalDateField,
    PlainTextField,
)

# The per-language fields (the cost and the contacts' areas are texts, translated per language).
TEXT_KEYS = ("title", "summary", "content", "cost", "contact_areas")
# Languages people commonly speak at an offer, besides the region's own.
SPOKEN_LANGUAGES = (
    "de",
    "en",
    "ar",
    "fa",
    "prs",
    "ps",
    "uk",
    "ru",
    "tr",
    "ku",
    "ti",
    "fr",
    "es",
    "it",
    "pl",
    "ro",
    "bg",
    "sq",
    "sr",
    "so",
    "am",
    "ur",
    "hi",
    "zh",
    "vi",
)
# Which field a Problem's ``field`` points at, where the names differ.
PROBLEM_FIELDS = {"category": "category_id", "organization": "organization_id", "coordinates": "latitude"}


def _target_group(key: str) -> str:
    """A target group's name in the interface language (a key the list does not know: as it is)."""
    found = TARGET_GROUPS.get(key)
    return found.get(language(), found["en"]) if found is not None else key


class FormRows(QWidget):
    """A form of fields, each with its message label below it (shown by ``show_problems``):
    the base of the offer form and of the page and event forms."""

    problem_fields: dict[str, str] = {}
    fields: dict[str, QWidget]
    errors: dict[str, ErrorLabel]
    general_error: ErrorLabel

    @staticmethod
    def _form(group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        # Where a row's label and field do not fit side by side, the label goes above the field:
        # the editor then fits its pane (1280 pixels wide and more) instead of scrolling sideways.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return form

    def _add(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        self.fields[key] = widget
        self._add_composite(form, (key,), label, widget)

    def _add_composite(self, form: QFormLayout, keys: tuple[str, ...], label: str, widget: QWidget) -> None:
        error = ErrorLabel()
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(widget)
        column.addWidget(error)
        if label:
            form.addRow(QLabel(label), column)
        else:
            form.addRow(column)
        for key in keys:
            self.errors[key] = error

    def show_problems(self, problems) -> None:
        """Each message beside its field; what has no field goes to the bottom."""
        by_key: dict[str, list[str]] = {}
        contact_messages: dict[str, str] = {}
        general = []
        ui = language()
        for problem in problems:
            if problem.field.startswith("contacts["):
                contact_messages[problem.field] = problem.message(ui)
                continue
            key = PROBLEM_FIELDS.get(problem.field, problem.field)
            if key in self.errors:
                by_key.setdefault(key, []).append(problem.message(ui))
            else:
                general.append(problem.message(ui))
        shown = set()
        for error in self.errors.values():
            if id(error) in shown:
                continue
            keys = [k for k, e in self.errors.items() if e is error]
            messages = [m for k in keys for m in by_key.get(k, [])]
            error.show_message("\n".join(dict.fromkeys(messages)))
            if messages:
                shown.add(id(error))
        if "contacts" in self.fields:
            self.fields["contacts"].show_problems(contact_messages)
        self.general_error.show_message("\n".join(general))


class OfferForm(FormRows):
    problem_fields = PROBLEM_FIELDS

    def __init__(self, choices: Choices, *, create_category, create_organization, parent=None):
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        ui = language()
        layout = QVBoxLayout(self)

        texts = QGroupBox(_("Text"))
        form = self._form(texts)
        self.language_combo = ComboBox()
        self.language_combo.setObjectName("text_language")
        for lc in choices.languages:
            source = f" ← {lc.source_code}" if lc.source_code else ""
            self.language_combo.addItem(f"{lc.native_name} ({lc.code}){source}", lc.code)
        form.addRow(_("Language"), self.language_combo)
        self._add(form, "title", _("Title"), LineField(empty_as_none=False))
        summary = PlainTextField()
        summary.setFixedHeight(64)
        self._add(form, "summary", _("Summary"), summary)
        self._add(form, "content", _("Content"), RichTextField())
        self._add(
            form, "cost", _("Cost"), LineField(empty_as_none=False, placeholder=_("e.g. free of charge"))
        )
        self._add(form, "contact_areas", _("Responsible for"), AreasField())
        layout.addWidget(texts)

        place = QGroupBox(_("Address"))
        form = self._form(place)
        self._add(
            form,
            "municipality_id",
            _("Municipality"),
            CreatingPicker(choices.municipalities, None, new_title=""),
        )
        self._add(form, "street", _("Street and number"), LineField())
        postcode_town = QWidget()
        row = QHBoxLayout(postcode_town)
        row.setContentsMargins(0, 0, 0, 0)
        self.fields["postcode"] = LineField(placeholder="52062")
        self.fields["postcode"].setMaximumWidth(90)
        self.fields["town"] = LineField()
        row.addWidget(self.fields["postcode"])
        row.addWidget(self.fields["town"], 1)
        self._add_composite(form, ("postcode", "town"), _("Postcode, town"), postcode_town)
        coordinates = QWidget()
        row = QHBoxLayout(coordinates)
        row.setContentsMargins(0, 0, 0, 0)
        self.fields["latitude"] = NumberField(placeholder=_("latitude, e.g. 50.7753"))
        self.fields["longitude"] = NumberField(placeholder=_("longitude, e.g. 6.0839"))
        row.addWidget(self.fields["latitude"])
        row.addWidget(self.fields["longitude"])
        self._add_composite(form, ("latitude", "longitude"), _("Coordinates"), coordinates)
        barrier = ChoiceField([(None, _("not known")), (True, _("yes")), (False, _("no"))])
        self._add(form, "barrier_free", _("Barrier-free"), barrier)
        layout.addWidget(place)

        contacts = QGroupBox(_("Contacts"))
        box = QVBoxLayout(contacts)
        self.fields["contacts"] = ContactsEditor()
        box.addWidget(self.fields["contacts"])
        layout.addWidget(contacts)

        hours = QGroupBox(_("Opening hours"))
        form = self._form(hours)
        self._add(form, "opening_hours", "", OpeningHoursEditor())
        self._add(form, "appointment_url", _("Appointments online"), LineField(placeholder="https://"))
        layout.addWidget(hours)

        details = QGroupBox(_("Details"))
        form = self._form(details)
        self._add(
            form,
            "category_id",
            _("Category"),
            CreatingPicker(choices.categories, create_category, new_title=_("New category")),
        )
        self._add(
            form,
            "organization_id",
            _("Organization"),
            CreatingPicker(choices.organizations, create_organization, new_title=_("New organization")),
        )
        codes = list(dict.fromkeys([lc.code for lc in choices.languages] + list(SPOKEN_LANGUAGES)))
        self._add(
            form,
            "languages_spoken",
            _("Languages spoken"),
            CheckListField(codes, lambda code: display_name(code, language())),
        )
        self._add(
            form,
            "target_groups",
            _("Target groups"),
            CheckListField(list(TARGET_GROUPS), _target_group),
        )
        self._add(form, "age_min", _("Age from"), AgeField(placeholder=_("e.g. 12")))
        self._add(form, "age_max", _("Age up to"), AgeField(placeholder=_("e.g. 27")))
        self._add(form, "valid_from", _("Valid from"), OptionalDateField())
        self._add(form, "valid_until", _("Valid until"), OptionalDateField())
        self._add(form, "image_path", _("Image"), ImageChooser())
        self._add(
            form,
            "state",
            _("Publication"),
            ChoiceField([(k, v.get(ui, v["en"])) for k, v in PUBLICATION_STATES.items()]),
        )
        layout.addWidget(details)

        notes = QGroupBox(_("Internal notes (never published)"))
        box = QVBoxLayout(notes)
        self.fields["internal_notes"] = PlainTextField()
        self.fields["internal_notes"].setFixedHeight(70)
        box.addWidget(self.fields["internal_notes"])
        layout.addWidget(notes)

        self.general_error = ErrorLabel()
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        for key, widget in self.fields.items():
            widget.setObjectName(widget.objectName() or f"field_{key}")
