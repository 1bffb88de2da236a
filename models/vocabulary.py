"""Fixed vocabularies with their labels: English msgids, translated through the catalogue
(models/i18n.py) when shown."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .i18n import N_, Joined, Message, Text, Verbatim


class Label(Message):
    """A vocabulary word. ``label.render()`` in the interface language; ``label["de"]`` and
    ``label.get(language, default)`` render in that language (the review screen still asks so)."""

    __slots__ = ()

    def __getitem__(self, language: str) -> str:
        return self.render(language)

    def get(self, language: str | None, default: object = None) -> str:
        return self.render(language)


def _labels(words: dict[str, Message]) -> dict[str, Label]:
    return {key: Label(word.msgid) for key, word in words.items()}


TARGET_GROUPS: dict[str, Label] = _labels(
    {
        "all_newcomers": N_("All newcomers"),
        "refugees": N_("Refugees"),
        "asylum_seekers": N_("Asylum seekers"),
        "women": N_("Women"),
        "families": N_("Families"),
        "children": N_("Children"),
        "youth": N_("Young people"),
        "seniors": N_("Older people"),
        "skilled_workers": N_("Skilled workers"),
        "students": N_("Students"),
        "eu_citizens": N_("EU citizens"),
        "people_with_disabilities": N_("People with disabilities"),
        "lgbtiq": N_("LGBTIQ*"),
    }
)

PUBLICATION_STATES: dict[str, Label] = _labels(
    {
        "draft": N_("Draft"),
        "published": N_("Published"),
        "archived": N_("Archived"),
    }
)

STATUS_LABELS: dict[str, Label] = _labels(
    {
        "missing": N_("missing"),
        "machine": N_("machine"),
        "checked": N_("checked"),
        "approved": N_("approved"),
        "outdated": N_("outdated"),
        "in_translation": N_("in translation"),
        "source": N_("source"),
    }
)

PUBLISH_POLICIES = ("approved", "checked", "machine")

# Every field of an offer by its label: undo entries, histories and messages name fields so,
# never by an attribute name ("organization_id").
FACT_FIELD_LABELS: dict[str, Label] = _labels(
    {
        "category_id": N_("Category"),
        "organization_id": N_("Organization"),
        "municipality_id": N_("Municipality"),
        "street": N_("Street"),
        "postcode": N_("Postcode"),
        "town": N_("Town"),
        "latitude": N_("Latitude"),
        "longitude": N_("Longitude"),
        "contacts": N_("Contacts"),
        "opening_hours": N_("Opening hours"),
        "appointment_url": N_("Appointments online"),
        "barrier_free": N_("Barrier-free"),
        "languages_spoken": N_("Languages spoken"),
        "target_groups": N_("Target groups"),
        "cost": N_("Cost"),
        "valid_from": N_("Valid from"),
        "valid_until": N_("Valid until"),
        "image_path": N_("Image"),
        "internal_notes": N_("Internal notes"),
        "state": N_("State"),
    }
)
# A page's and an event's own facts (beside the offer's), as their editors name them.
ITEM_FIELD_LABELS: dict[str, Label] = _labels(
    {
        "parent_id": N_("Parent page"),
        "position": N_("Order"),
        "icon": N_("Icon"),
        "event_start": N_("Start"),
        "event_end": N_("End"),
        "all_day": N_("All day"),
        "timezone": N_("Time zone"),
        "rrule": N_("Recurrence"),
        "exdates": N_("Cancelled dates"),
        "moved": N_("Moved dates"),
        "place_id": N_("Venue"),
        "meeting_url": N_("Online meeting"),
    }
)
TEXT_FIELD_LABELS: dict[str, Label] = _labels(
    {
        "title": N_("Title"),
        "summary": N_("Summary"),
        "content": N_("Content"),
        "cost": N_("Cost"),
        "contact_areas": N_("Contacts' areas of responsibility"),
        "area": N_("Area of responsibility"),  # one contact's (a review segment "area:KEY")
    }
)


def contact_labels(contacts: Iterable[Mapping[str, Any] | None] | None) -> dict[str, Text]:
    """Each contact by its key, as a reader knows them: the name, else "Contact 2" (its place)."""
    labels: dict[str, Text] = {}
    for position, contact in enumerate(contacts or ()):
        key = str((contact or {}).get("key") or "")
        name = str((contact or {}).get("name") or "").strip()
        if key:
            labels[key] = Verbatim(name) if name else N_("Contact {number}", number=position + 1)
    return labels


def part_label(part: str, contacts: Mapping[str, Text] | None = None) -> Text:
    """A text's part as a reader knows it: "Title", "Content 3" (never "content:2"), a
    contact's area ("area:KEY") with the contact's name ("Area of responsibility – Frau Esser",
    ``contacts`` from :func:`contact_labels`; the label alone for a contact no longer there)."""
    name, _sep, index = part.partition(":")
    label = TEXT_FIELD_LABELS.get(name)
    if label is None:
        return Verbatim(part)
    word = Message(label.msgid)
    if name == "area":
        contact = (contacts or {}).get(index)
        return word if contact is None else N_("Area of responsibility – {name}", name=contact)
    return Joined([word, str(int(index) + 1)], " ") if index.isdigit() else word
