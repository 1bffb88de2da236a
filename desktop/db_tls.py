"""TLS for a team database: libpq's ``sslmode`` and ``sslrootcert`` as part of the database
URL (``postgresql://eva@server/lotse?sslmode=verify-full&sslrootcert=/path/ca.pem``), so the
settings file, ``--db`` and ``LOTSE_DB`` carry them alike. The settings dialog shows them as
two fields; these functions take the URL apart and put it together again."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from models.i18n import N_

from .errors import DatabaseError

# libpq's modes, weakest first; "verify-full" checks the certificate and the server's name.
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def split_tls(value: str) -> tuple[str, str, str]:
    """(URL without the TLS options, sslmode or '', sslrootcert or '')."""
    try:
        url = make_url(value)
    except Exception:  # noqa: BLE001 - not a URL (a file path): no TLS
        return value, "", ""
    if url.get_backend_name() != "postgresql":
        return value, "", ""
    query = dict(url.query)
    mode, root = query.pop("sslmode", ""), query.pop("sslrootcert", "")
    rest = url.set(query=query).render_as_string(hide_password=False)
    return rest, _one(mode), _one(root)


def _one(value: str | tuple[str, ...]) -> str:
    return value if isinstance(value, str) else (value[0] if value else "")


def join_tls(value: str, mode: str, root_certificate: str) -> str:
    """The URL with these TLS options (empty ones left out); a file path is returned as it is."""
    mode, root_certificate = mode.strip(), root_certificate.strip()
    try:
        url = make_url(value)
    except Exception:  # noqa: BLE001 - a file path: nothing to add
        return value
    if url.get_backend_name() != "postgresql":
        return value
    if mode and mode not in SSL_MODES:
        raise DatabaseError(
            N_("Unknown TLS mode “{mode}”; possible: {modes}.", mode=mode, modes=", ".join(SSL_MODES))
        )
    query = {k: v for k, v in dict(url.query).items() if k not in ("sslmode", "sslrootcert")}
    if mode:
        query["sslmode"] = mode
    if root_certificate:
        query["sslrootcert"] = root_certificate
    return url.set(query=query).render_as_string(hide_password=False)


def tls_problem(detail: str, shown: str) -> DatabaseError | None:
    """A connection refused for TLS reasons, said so with what to set; None for anything else.
    ``detail`` is the driver's first line, ``shown`` the URL without password."""
    lowered = detail.lower()
    if "no encryption" in lowered or "hostnossl" in lowered:
        return DatabaseError(
            N_(
                "The database server {shown} accepts only encrypted connections (TLS). In the "
                "settings choose “require” or better “verify-full” with the root certificate from "
                "the server's administrator (in the URL: ?sslmode=verify-full&sslrootcert=FILE).",
                shown=shown,
            )
        )
    if "certificate verify failed" in lowered or "certificate" in lowered and "does not match" in lowered:
        return DatabaseError(
            N_(
                "The database server {shown} shows a certificate that the root certificate chosen does "
                "not confirm ({detail}). Nothing was sent. Ask the server's administrator for the right "
                "root certificate; never switch the check off for a server on the network.",
                shown=shown,
                detail=detail,
            )
        )
    if "root certificate file" in lowered or "could not read root certificate" in lowered:
        return DatabaseError(
            N_(
                "The root certificate for {shown} cannot be read ({detail}). Choose the file again in the "
                "settings.",
                shown=shown,
                detail=detail,
            )
        )
    if "server does not support ssl" in lowered:
        return DatabaseError(
            N_(
                "The database server {shown} offers no encryption (TLS), but the settings require it. "
                "Ask the server's administrator to switch TLS on.",
                shown=shown,
            )
        )
    return None
