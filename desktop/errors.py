"""Errors a user can cause or meet, each with a message that says what is wrong and what to
do: a ``Message`` (``N_("English text {value}", value=…)``) rendered in the interface language
where it is shown (see models/i18n.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from models.i18n import N_, Joined, MessageError, Text, Verbatim, language

if TYPE_CHECKING:
    from models.validation import Problem


def default_language() -> str:
    """The interface language messages are rendered in (the command line sets it at start)."""
    return language()


class LotseError(MessageError):
    """Base of every error that is shown to the user as a message, never as a traceback."""


def error_message(exc: BaseException, language_code: str | None = None) -> str:
    """What to show for an error: our own message, or the exception's type and text."""
    return exc.message(language_code) if isinstance(exc, MessageError) else f"{type(exc).__name__}: {exc}"


def error_text(exc: BaseException) -> Text:
    """An error as a message to carry on (a report's reason, a finding)."""
    return exc.text if isinstance(exc, MessageError) else Verbatim(f"{type(exc).__name__}: {exc}")


class DatabaseError(LotseError):
    pass


class DatabaseTooNewError(DatabaseError):
    pass


class NotFoundError(LotseError):
    pass


class ConflictError(LotseError):
    """Someone else saved the same thing meanwhile; nothing was overwritten."""

    def __init__(self, what: Text, by: str | None, when: datetime | None):
        stamp = when.astimezone().strftime("%d.%m.%Y %H:%M") if when else "?"
        super().__init__(
            N_(
                "{what} was saved meanwhile by {who} on {stamp}. "
                "Your changes were not saved; reload and apply them again.",
                what=what,
                who=by or "?",
                stamp=stamp,
            ),
        )
        self.by = by
        self.when = when


class ValidationFailed(LotseError):
    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(N_("Please fix: {problems}", problems=Joined(p.text() for p in self.problems)))


class ReviewedTextProtected(LotseError):
    """A machine translation may not replace a text a person checked or approved."""

    def __init__(self, language_code: str, reviewer: str | None, status: str):
        who = reviewer or "?"
        super().__init__(
            N_(
                "The “{language_code}” text was marked “{status}” by {who}; a machine "
                "translation does not replace it. The new proposal waits beside it.",
                language_code=language_code,
                status=status,
                who=who,
            ),
        )
        self.language_code = language_code


class RightsError(DatabaseError):
    """The database refused a change the person has no right to; the message says who may."""
