"""Errors a user can cause or meet, each with a message in German and English
that says what is wrong and what to do."""

from __future__ import annotations

import os


def default_language() -> str:
    """The UI language for messages outside the window (CLI): English if the locale says so."""
    for var in ("LOTSE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.lower().startswith("en") else "de"
    return "de"


class LotseError(Exception):
    """Base of every error that is shown to the user as a message, never as a traceback."""

    def __init__(self, de: str, en: str):
        super().__init__(en)
        self.de = de
        self.en = en

    def message(self, language: str | None = None) -> str:
        return self.en if (language or default_language()) == "en" else self.de


def error_message(exc: BaseException, language: str | None = None) -> str:
    """What to show for an error: our own message, or the exception's type and text."""
    return exc.message(language) if isinstance(exc, LotseError) else f"{type(exc).__name__}: {exc}"


class DatabaseError(LotseError):
    pass


class DatabaseTooNewError(DatabaseError):
    pass


class NotFoundError(LotseError):
    pass


class ConflictError(LotseError):
    """Someone else saved the same thing meanwhile; nothing was overwritten."""

    def __init__(self, what_de: str, what_en: str, by: str, when):
        stamp = when.astimezone().strftime("%d.%m.%Y %H:%M") if when else "?"
        who = by or "?"
        super().__init__(
            f"{what_de} wurde inzwischen von {who} am {stamp} gespeichert. "
            "Ihre Änderungen wurden nicht gespeichert; laden Sie neu und übertragen Sie sie.",
            f"{what_en} was saved meanwhile by {who} on {stamp}. "
            "Your changes were not saved; reload and apply them again.",
        )
        self.by = by
        self.when = when


class ValidationFailed(LotseError):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(
            "Bitte korrigieren: " + "; ".join(p.message("de") for p in self.problems),
            "Please fix: " + "; ".join(p.message("en") for p in self.problems),
        )


class ReviewedTextProtected(LotseError):
    """A machine translation may not replace a text a person checked or approved."""

    def __init__(self, language_code: str, reviewer: str | None, status: str):
        who = reviewer or "?"
        super().__init__(
            f"Der Text in „{language_code}“ wurde von {who} als „{status}“ markiert; "
            "eine maschinelle Übersetzung ersetzt ihn nicht. Der neue Vorschlag wartet daneben.",
            f"The “{language_code}” text was marked “{status}” by {who}; "
            "a machine translation does not replace it. The new proposal waits beside it.",
        )
        self.language_code = language_code


class RightsError(DatabaseError):
    """The database refused a change the person has no right to; the message says who may."""
