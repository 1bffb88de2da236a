"""Page content for a hosted Integreat CMS through its ``pushpage`` endpoint.

``POST {cms}/api/v3/{region}/{lang}/pushpage/`` with ``{"token": …, "content": …}`` replaces the
content of the one page whose API token it is (switched on in the page's settings in the CMS)
with a new version; the title cannot be pushed. The CMS answers ``{"status": "success"}``, 403
for a wrong token and 405 for anything it cannot take. A token opens one page: it is kept in the
system keyring (or ``$LOTSE_INTEGREAT_PUSH_<REGION>_<PAGE>_KEY``, PAGE being the CMS page id, or
for a page whose id the public API does not show, its slug in the source language), never in the
database, a file or a log.
"""

from __future__ import annotations

import re

import requests

from models.i18n import N_, Verbatim

from ..errors import LotseError
from ..translation import keys

TIMEOUT = (10, 60)
MAX_CONTENT_BYTES = 2 * 1024 * 1024


class PushFailed(LotseError):
    """The CMS did not take the content; nothing changed there."""


def token_name(region: str, page: int | str) -> str:
    """The keyring entry (and, upper-cased, the environment variable) of a page's token;
    ``page`` is its CMS id or its slug in the source language."""
    return "integreat_push_" + re.sub(r"[^A-Za-z0-9]", "_", f"{region}_{page}")


def page_token(region: str, page: int | str) -> str | None:
    return keys.get_key(token_name(region, page))


def store_page_token(region: str, page: int | str, token: str | None) -> None:
    keys.set_key(token_name(region, page), token)


def push_content(base_url: str, region: str, lang: str, token: str, content: str, *, timeout=TIMEOUT) -> None:
    """Send ``content`` (HTML) as the new content of the page ``token`` belongs to."""
    where = f"{base_url.rstrip('/')}/api/v3/{region}/{lang}/pushpage/"
    if not where.startswith(("http://", "https://")):
        raise PushFailed(N_("“{base_url}” is not an http(s) address.", base_url=base_url))
    if not token:
        raise PushFailed(
            N_("No API token is stored for this page (switch it on in the page's settings in the CMS).")
        )
    body = {"token": token, "content": content}
    if len(content.encode("utf-8")) > MAX_CONTENT_BYTES:
        raise PushFailed(N_("The content is too large."))
    try:
        response = requests.post(where, json=body, timeout=timeout, allow_redirects=False)
    except requests.Timeout as exc:
        raise PushFailed(N_("{where}: no answer.", where=where)) from exc
    except requests.RequestException as exc:
        raise PushFailed(
            N_("{where}: cannot connect ({error}).", where=where, error=type(exc).__name__)
        ) from exc
    if response.status_code == 403:
        raise PushFailed(
            N_("{where}: the CMS refuses the token (403). Is it this page's current token?", where=where)
        )
    if response.status_code == 404:
        raise PushFailed(N_("{where}: the CMS has no such region or language (404).", where=where))
    try:
        status = response.json().get("status")
    except ValueError:
        status = None
    if response.status_code != 200 or status != "success":
        answer = Verbatim(str(status)) if status else N_("no status")
        raise PushFailed(
            N_(
                "{where}: the CMS did not take the content (HTTP {code}, {status}).",
                where=where,
                code=response.status_code,
                status=answer,
            )
        )
