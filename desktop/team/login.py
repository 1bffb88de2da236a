"""Logging in to a team database from the window: the URL in the settings names the server
(and maybe the user), never the password; the password is typed at start or, when the person
asked Lotse to remember it, read from the system keyring (desktop/db_secret.py)."""

from __future__ import annotations

import os

from sqlalchemy.engine import URL, make_url

from ..context import AppContext, open_context
from ..db_secret import forget_password, store_database_url, with_password


def _server_url(value: str | None) -> URL | None:
    """The URL when it points at a PostgreSQL server, else None."""
    if not value or "://" not in value:
        return None
    try:
        url = make_url(value)
    except Exception:  # noqa: BLE001 - a malformed URL is reported when it is opened
        return None
    return url if url.get_backend_name() == "postgresql" else None


def login_user(value: str | None) -> str:
    """The user name the URL names ('' if none): the login dialog starts with it."""
    url = _server_url(value)
    return str(url.username or "") if url is not None else ""


def needs_login(value: str | None) -> bool:
    """A PostgreSQL URL without a password in it, in the keyring or in PGPASSWORD: ask."""
    url = _server_url(value)
    if url is None:
        return False
    if url.password or os.environ.get("PGPASSWORD"):
        return False
    resolved = _server_url(with_password(value))
    return resolved is None or not resolved.password


def with_login(value: str, user: str, password: str) -> str:
    """The URL to connect with: the typed user and password (only in memory, never stored)."""
    url = _server_url(value)
    if url is None:
        return value
    return str(url.set(username=user, password=password).render_as_string(hide_password=False))


def stored_url(value: str, user: str) -> str:
    """What the settings keep: the URL with the user, without any password."""
    url = _server_url(value)
    if url is None:
        return value
    return str(url.set(username=user, password=None).render_as_string(hide_password=False))


def log_in(value: str, user: str, password: str, *, remember: bool) -> tuple[AppContext, str]:
    """Open the database as this person; returns the context and the URL for the settings.
    ``remember``: the password goes to the keyring (as the settings dialog does); otherwise a
    password remembered before is forgotten. A wrong password raises DatabaseError with a
    message that says so; nothing is stored then."""
    context = open_context(with_login(value, user, password), demo_if_empty=False)
    if remember:
        return context, store_database_url(with_login(value, user, password))
    forget_password(stored_url(value, user))
    return context, stored_url(value, user)
