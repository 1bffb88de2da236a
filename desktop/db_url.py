"""Saying what is wrong with a database URL before SQLAlchemy fails on it with a bare
ValueError ("invalid literal for int()") or a plugin error. The password is never repeated."""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from models.i18n import N_, Message, Verbatim

from .errors import DatabaseError

EXAMPLE = "postgresql://name:passwort@server:5432/lotse"
_SCHEMES = ("postgresql", "postgresql+psycopg", "postgresql+psycopg2", "sqlite")
_AUTHORITY = re.compile(r"^(?P<scheme>[^:/]*)://(?P<authority>[^/?#]*)")


def masked(url: str) -> str:
    """The URL with any password replaced by ***, even when it cannot be parsed."""
    return re.sub(r"^([^:/]*://[^:/@]*:)[^/]*@", r"\1***@", url)


def _wrong(problem: Message, url: str) -> DatabaseError:
    return DatabaseError(
        N_(
            "The database URL “{url}” is not valid: {problem} Example: {example}",
            url=masked(url),
            problem=problem,
            example=EXAMPLE.replace("passwort", "…"),
        )
    )


def check_database_url(url: str) -> None:
    """Raise DatabaseError saying what is wrong with ``url`` (scheme, port, an @ in the password,
    anything else SQLAlchemy cannot read); return quietly for a usable URL."""
    match = _AUTHORITY.match(url)
    if match is None:
        raise _wrong(N_("it does not start with “postgresql://”."), url)
    scheme, authority = match["scheme"].lower(), match["authority"]
    if scheme == "postgres":
        raise _wrong(N_("it starts with “postgres://”; write “postgresql://”."), url)
    if scheme not in _SCHEMES:
        raise _wrong(
            N_(
                "Lotse does not know the kind “{scheme}”; use postgresql:// or a file path (SQLite).",
                scheme=Verbatim(scheme) if scheme else N_("(empty)"),
            ),
            url,
        )
    if authority.count("@") > 1:
        raise _wrong(N_("the password (or the user name) contains an “@”; write it as “%40”."), url)
    host = authority.rsplit("@", 1)[-1]
    port = host.rsplit("]", 1)[-1].rpartition(":")[2] if ":" in host.rsplit("]", 1)[-1] else ""
    if host.startswith("[") and "]" not in host:
        raise _wrong(N_("the square bracket of the IPv6 address is not closed."), url)
    if port and (not port.isdigit() or not 0 < int(port) < 65536):
        raise _wrong(N_("the port “{port}” is not a number from 1 to 65535.", port=port), url)
    try:
        make_url(url).get_dialect()
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise _wrong(N_("it cannot be read ({error}).", error=type(exc).__name__), url) from None
