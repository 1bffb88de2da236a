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
