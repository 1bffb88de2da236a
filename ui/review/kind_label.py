"""How the review list and the review screen name what a text belongs to besides its title:
"Information page", or "Event" with its next date (CLDR through Babel, interface language);
offers need no word."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_skeleton

from models.languages import babel_locale

from ..i18n import _, language


def kind_label(kind: str, when: datetime | None = None) -> str:
    if kind == "page":
        return _("Information page")
    if kind == "event":
        if when is None:
            return _("Event")
        day = format_skeleton("yMMMEd", when, locale=babel_locale(language()))
        return _("Event on {date}").format(date=day)
    return ""


def with_kind(title: str, kind: str, when: datetime | None = None) -> str:
    label = kind_label(kind, when)
    return f"{label}: {title}" if label else title
