"""Saying what is wrong with a database URL before SQLAlchemy fails on it with a bare
ValueError ("invalid literal for int()") or a plugin error. The password is never repeated."""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from .errors import DatabaseError

EXAMPLE = "postgresql://name:passwort@server:5432/lotse"
_SCHEMES = ("postgresql", "postgresql+psycopg", "postgresql+psycopg2", "sqlite")
_AUTHORITY = re.compile(r"^(?P<scheme>[^:/]*)://(?P<authority>[^/?#]*)")


def masked(url: str) -> str:
    """The URL with any password replaced by ***, even when it cannot be parsed."""
    return re.sub(r"^([^:/]*://[^:/@]*:)[^/]*@", r"\1***@", url)


def _wrong(de: str, en: str, url: str) -> DatabaseError:
    shown = masked(url)
    return DatabaseError(
        f"Die Datenbankadresse „{shown}“ ist nicht gültig: {de} Beispiel: {EXAMPLE.replace('passwort', '…')}",
        f"The database URL “{shown}” is not valid: {en} Example: {EXAMPLE.replace('passwort', '…')}",
    )


def check_database_url(url: str) -> None:
    """Raise DatabaseError saying what is wrong with ``url`` (scheme, port, an @ in the password,
    anything else SQLAlchemy cannot read); return quietly for a usable URL."""
    match = _AUTHORITY.match(url)
    if match is None:
        raise _wrong("Sie beginnt nicht mit „postgresql://“.", "it does not start with “postgresql://”.", url)
    scheme, authority = match["scheme"].lower(), match["authority"]
    if scheme == "postgres":
        raise _wrong(
            "Sie beginnt mit „postgres://“; richtig ist „postgresql://“.",
            "it starts with “postgres://”; write “postgresql://”.",
            url,
        )
    if scheme not in _SCHEMES:
        raise _wrong(
            f"Die Art „{scheme or '(leer)'}“ kennt Lotse nicht; möglich sind postgresql:// "
            "oder ein Dateipfad (SQLite).",
            f"Lotse does not know the kind “{scheme or '(empty)'}”; use postgresql:// "
            "or a file path (SQLite).",
            url,
        )
    if authority.count("@") > 1:
        raise _wrong(
            "Das Passwort (oder der Name) enthält ein „@“; schreiben Sie es als „%40“.",
            "the password (or the user name) contains an “@”; write it as “%40”.",
            url,
        )
    host = authority.rsplit("@", 1)[-1]
    port = host.rsplit("]", 1)[-1].rpartition(":")[2] if ":" in host.rsplit("]", 1)[-1] else ""
    if host.startswith("[") and "]" not in host:
        raise _wrong(
            "Die eckige Klammer der IPv6-Adresse ist nicht geschlossen.",
            "the square bracket of the IPv6 address is not closed.",
            url,
        )
    if port and (not port.isdigit() or not 0 < int(port) < 65536):
        raise _wrong(
            f"Der Port „{port}“ ist keine Zahl zwischen 1 und 65535.",
            f"the port “{port}” is not a number from 1 to 65535.",
            url,
        )
    try:
        make_url(url).get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise _wrong(
            f"Sie lässt sich nicht lesen ({type(exc).__name__}).",
            f"it cannot be read ({type(exc).__name__}).",
            url,
        ) from None
