"""Every printed word in the flyer's language: the publishing policy decides whether a
flyer or a brochure entry whose category, cost, contact areas or headings are not in its
language may print. "approved" (only texts a fluent speaker confirmed) asks for every word;
"checked" and "machine" print and say which words are not in the language."""

from __future__ import annotations

from typing import Literal

from export.flyers.content import FlyerData
from export.flyers.coverage import ForeignPart, foreign_parts
from models.i18n import N_, Localized
from models.languages import display_name

from .errors import LotseError

EVERY_WORD = ("approved",)  # policies under which a flyer prints only in its language


def parts_list(parts: list[ForeignPart] | tuple[ForeignPart, ...]) -> Localized:
    """The parts named in the language they are shown in."""
    return Localized(lambda ui: ", ".join(p.describe(ui) for p in parts))


def _language_name(language: str) -> Localized:
    return Localized(lambda ui: display_name(language, ui))


def not_in_language_note(
    parts: list[ForeignPart] | tuple[ForeignPart, ...], language: str, ui: str | None = None
) -> str:
    """One line for the CLI and the preview: which printed words are not in the language."""
    return N_(
        "Not in {language}: {parts}", language=_language_name(language), parts=parts_list(parts)
    ).render(ui)


Where = Literal["flyer", "entry"]


def foreign_words_error(parts: list[ForeignPart], language: str, where: Where) -> LotseError:
    values = {"language": _language_name(language), "parts": parts_list(parts)}
    if where == "flyer":
        return LotseError(
            N_(
                "Not everything on the flyer is in {language}: {parts}. The policy “approved only” asks for "
                "every printed word in the language: add the category names in Settings → Categories or "
                "print with another policy.",
                **values,
            )
        )
    return LotseError(
        N_(
            "Not everything in the entry is in {language}: {parts}. The policy “approved only” asks for "
            "every printed word in the language: add the category names in Settings → Categories or "
            "print with another policy.",
            **values,
        )
    )


def check_every_word(data: FlyerData, language: str, rule: str, where: Where) -> list[ForeignPart]:
    """The parts not in ``language``; a LotseError naming them when ``rule`` asks for every word."""
    parts = foreign_parts(data, language)
    if parts and rule in EVERY_WORD:
        raise foreign_words_error(parts, language, where)
    return parts
