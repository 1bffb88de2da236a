"""Database errors as messages: how a database is named in them (never with its password)
and the translation of a driver's error into a ``DatabaseError`` (or a ``RightsError``) that
says what happened in words from the catalogue. Split from ``desktop/db.py`` (issue 14)."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from models.i18n import N_

from .errors import DatabaseError


def describe_url(url: str) -> str:
    """The URL without a password, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a message must never fail
        return "<database>"


def translate_db_error(exc: Exception, url: str) -> DatabaseError:
    """A driver's error as a message from the catalogue: a refusal of the team rights, a TLS
    problem, a wrong password, a damaged file, a full disk, no permission, no server."""
    from .team.refusals import rights_error

    refused = rights_error(exc)
    if refused is not None:
        return refused
    shown = describe_url(url)
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
    lowered = detail.lower()
    from .db_tls import tls_problem

    tls = tls_problem(detail, shown)
    if tls is not None:
        return tls
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        user = make_url(url).username or "?"
        return DatabaseError(
            N_(
                "Logging in as {user} to {shown} failed: the user name or password is wrong. "
                "An administrator can set a new password (lotse users change).",
                user=user,
                shown=shown,
            )
        )
    if "file is not a database" in lowered or "malformed" in lowered:
        return DatabaseError(
            N_(
                "The database {shown} is damaged ({detail}). Nothing was changed. Restore a backup (*.bak).",
                shown=shown,
                detail=detail,
            ),
        )
    if "disk" in lowered or "no space" in lowered or "file too large" in lowered:
        return DatabaseError(
            N_(
                "The disk holding {shown} is full or reports an error ({detail}). "
                "This save was not stored; everything saved before is kept. Free "
                "some space and save again.",
                shown=shown,
                detail=detail,
            ),
        )
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        return DatabaseError(
            N_(
                "The database {shown} cannot be opened or written ({detail}). Check "
                "its place and permissions or choose another with --db.",
                shown=shown,
                detail=detail,
            ),
        )
    if (
        "connection" in lowered
        or "could not connect" in lowered
        or "server closed" in lowered
        or "refused" in lowered
        or "timeout" in lowered
    ):
        return DatabaseError(
            N_(
                "The database server {shown} does not answer ({detail}). Check that "
                "it is running and the address is right.",
                shown=shown,
                detail=detail,
            ),
        )
    return DatabaseError(
        N_("Database error in {shown}: {detail}", shown=shown, detail=detail),
    )
