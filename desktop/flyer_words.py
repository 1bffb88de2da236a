"""Every printed word in the flyer's language: the publishing policy decides whether a
flyer or a brochure entry whose category, cost, contact areas or headings are not in its
language may print. "approved" (only texts a fluent speaker confirmed) asks for every word;
"checked" and "machine" print and say which words are not in the language."""

from __future__ import annotations

from export.flyers.content import FlyerData
from export.flyers.coverage import ForeignPart, foreign_parts
from models.languages import display_name

from .errors import LotseError

EVERY_WORD = ("approved",)  # policies under which a flyer prints only in its language


def parts_list(parts: list[ForeignPart] | tuple[ForeignPart, ...], ui: str) -> str:
    return ", ".join(p.describe(ui) for p in parts)


def not_in_language_note(parts, language: str, ui: str) -> str:
    """One line for the CLI and the preview: which printed words are not in the language."""
    if ui == "en":
        return f"Not in {display_name(language, 'en')}: {parts_list(parts, 'en')}"
    return f"Nicht auf {display_name(language)}: {parts_list(parts, 'de')}"


def foreign_words_error(parts: list[ForeignPart], language: str, what_de: str, what_en: str) -> LotseError:
    return LotseError(
        f"{what_de} steht nicht alles auf {display_name(language)}: {parts_list(parts, 'de')}. Die "
        "Veröffentlichungsregel „nur freigegebene“ verlangt jedes gedruckte Wort in der Sprache: übersetzen "
        "Sie Kosten und Zuständigkeiten mit dem Text des Angebots, tragen Sie die Kategorienamen unter "
        "Einstellungen → Kategorien nach oder drucken Sie mit einer anderen Regel.",
        f"Not everything {what_en} is in {display_name(language, 'en')}: {parts_list(parts, 'en')}. The "
        "policy “approved only” asks for every printed word in the language: translate the cost and the "
        "areas of responsibility with the offer's text, add the category names in Settings → Categories "
        "or print with another policy.",
    )


def check_every_word(
    data: FlyerData, language: str, rule: str, what_de: str, what_en: str
) -> list[ForeignPart]:
    """The parts not in ``language``; a LotseError naming them when ``rule`` asks for every word."""
    parts = foreign_parts(data, language)
    if parts and rule in EVERY_WORD:
        raise foreign_words_error(parts, language, what_de, what_en)
    return parts
