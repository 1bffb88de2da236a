"""Which printed words of a flyer are not in the flyer's language: a category without a
name in it, a cost and a contact's area of responsibility in German, a heading or target
group the labels file has no word for. The caller's publishing policy decides whether such
a flyer may print (``desktop.flyers``); the words are named so someone can supply them."""

from __future__ import annotations

from dataclasses import dataclass

from models.i18n import N_, render

from .content import FlyerData
from .wording import _data, is_free

SOURCE_LANGUAGE = "de"
# The headings a flyer prints, by key in resources/flyers/labels.json.
PRINTED_LABELS = ("offer", "address", "hours", "contact", "languages", "for_whom", "cost")


_PART_NAMES = {
    "category": N_("Category"),
    "cost": N_("Cost"),
    "area": N_("Area of responsibility"),
    "label": N_("Heading"),
    "target_group": N_("Target group"),
}


@dataclass(frozen=True)
class ForeignPart:
    kind: str  # "category", "cost", "area", "label", "target_group"
    printed: str  # what is printed instead, in German (or English for labels)

    def describe(self, ui: str = "de") -> str:
        name = _PART_NAMES[self.kind]
        return render(N_("{part} “{printed}”", part=name, printed=self.printed), ui)


def foreign_parts(data: FlyerData, language: str) -> list[ForeignPart]:
    """The printed parts of ``data``'s flyer in ``language`` that are not in that language."""
    if language == SOURCE_LANGUAGE:
        return []
    parts: list[ForeignPart] = []
    if data.category_names and not data.category_names.get(language):
        parts.append(ForeignPart("category", data.category(language)))
    cost = data.cost_in(language)
    if cost and not data.has_own_cost(language) and not is_free(cost):
        parts.append(ForeignPart("cost", cost))
    for index in range(len(data.contacts)):
        area = data.area_in(language, index)
        if area and not data.own_area(language, index):
            parts.append(ForeignPart("area", area))
    if language != "en":
        labels = _data()["labels"]
        own = labels.get(language, {})
        parts += [ForeignPart("label", labels["en"][k]) for k in PRINTED_LABELS if not own.get(k)]
        groups = _data()["target_groups"].get(language, {})
        parts += [ForeignPart("target_group", key) for key in data.target_groups if not groups.get(key)]
    return parts
