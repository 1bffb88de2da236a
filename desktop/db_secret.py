"""The database password lives in the system keyring, never in the settings file: the URL is
stored without it, and the password is put back from the keyring when the URL is used.

Without a keyring the password is not stored at all; PostgreSQL's own ``PGPASSWORD`` or
``~/.pgpass`` then provide it (libpq reads both), and the message says so."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from models.i18n import N_

from .errors import LotseError
from .translation.keys import SERVICE, system_keyring


def _account(url) -> str:
    """The keyring entry's name: which user on which server and database (no password)."""
    return f"database:{url.username or ''}@{url.host or ''}:{url.port or ''}/{url.database or ''}"


def _parsed(value: str):
    if "://" not in value or value.startswith("sqlite"):
        return None
    try:
        return make_url(value)
    except Exception:  # noqa: BLE001 - a malformed URL is reported when it is opened
        return None


def store_database_url(value: str) -> str:
    """Put the URL's password into the keyring; return the URL to store (without it)."""
    url = _parsed(value.strip())
    if url is None or not url.password:
        return value.strip()
    ring = system_keyring()
    if ring is None:
        raise LotseError(
            N_(
                "There is no keyring on this system; the database password is not "
                "stored in the settings. Leave it out of the URL and set PGPASSWORD or "
                "put it into ~/.pgpass."
            )
        )
    try:
        ring.set_password(SERVICE, _account(url), str(url.password))
    except Exception as exc:  # noqa: BLE001 - a locked or broken keyring
        raise LotseError(
            N_("The keyring did not store the database password ({error}).", error=type(exc).__name__)
        ) from None
    return url._replace(password=None).render_as_string(hide_password=False)  # set(password=None) keeps it


def with_password(value: str | None) -> str | None:
    """The URL with its password from the keyring, if it names a user and has none itself."""
    url = _parsed(value or "")
    if url is None or url.password or not url.username:
        return value
    ring = system_keyring()
    if ring is None:
        return value
    try:
        password = ring.get_password(SERVICE, _account(url))
    except Exception:  # noqa: BLE001 - no password: PGPASSWORD or ~/.pgpass may still provide it
        return value
    return url.set(password=password).render_as_string(hide_password=False) if password else value


def forget_password(value: str) -> None:
    """Remove a remembered password for this URL's user, server and database (if any)."""
    url = _parsed(value.strip())
    ring = system_keyring()
    if url is None or ring is None:
        return
    try:
        ring.delete_password(SERVICE, _account(url))
    except Exception:  # noqa: BLE001 - nothing stored, or a locked keyring: nothing to forget
        return
