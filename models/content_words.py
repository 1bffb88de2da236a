"""Words Lotse itself writes INTO content, in the content's own language: the interface language
(the window's, the command line's) never chooses them. A copy's title is marked in the language
the title is written in, "Sprachcafé (Kopie)" in a German source text also when the window speaks
English. The wording is the catalogue's (``{title} (copy)`` in resources/i18n), rendered in the
content's language; a language without a catalogue gets the English."""

from __future__ import annotations

from .i18n import N_, Verbatim


def copy_title(title: str, language: str) -> str:
    """The title of a copy of an offer, page or event, in ``language`` (the source text's)."""
    return N_("{title} (copy)", title=Verbatim(title)).render(language)
