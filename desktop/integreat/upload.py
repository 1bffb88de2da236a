"""An XLIFF zip delivered to a hosted Integreat CMS over HTTP, the way its page XLIFF upload
form does it: log in (``/login/``, Django's form with its CSRF token), upload the zip
(``/{region}/pages/{lang}/xliff/upload/``, field ``xliff_file``), read the preview the CMS
makes of it (``…/xliff/import/{uuid}/``: every file with its page and the CMS's errors), and
only when the user confirms, post the confirmation (as its "Bestätigen" button does).

The password comes from the system keyring or ``$LOTSE_INTEGREAT_LOGIN_<HOST>_<USER>_KEY``
(``login_password``), or is asked for; it is never written to a file, the database or a log,
and no error message contains it.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from models.i18n import N_

from ..errors import LotseError
from ..translation import keys

TIMEOUT = (10, 120)
MAX_PAGE_BYTES = 8 * 1024 * 1024  # the preview of a large zip is long, but bounded
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class UploadFailed(LotseError):
    """The CMS did not take the upload; nothing was imported."""


def login_key(base_url: str, user: str) -> str:
    """The keyring entry (and, upper-cased, ``$LOTSE_…_KEY``) of a CMS login's password."""
    host = urlsplit(base_url).hostname or base_url
    return "integreat_login_" + re.sub(r"[^A-Za-z0-9]", "_", f"{host}_{user}")


def login_password(base_url: str, user: str) -> str | None:
    return keys.get_key(login_key(base_url, user))


def store_login_password(base_url: str, user: str, password: str | None) -> None:
    keys.set_key(login_key(base_url, user), password)


@dataclass
class PreviewFile:
    name: str
    page: str = ""  # the CMS page's title and id, as its preview shows them
    errors: list[str] = field(default_factory=list)


@dataclass
class Preview:
    """What the CMS says it would import; ``confirm`` finishes the import."""

    import_url: str
    files: list[PreviewFile]
    general: list[str]  # messages not about one file
    http: requests.Session = field(repr=False)

    @property
    def errors(self) -> list[str]:
        return self.general + [e for f in self.files for e in f.errors]


def _read(response: requests.Response, where: str) -> str:
    body = b""
    for chunk in response.iter_content(65536):
        body += chunk
        if len(body) > MAX_PAGE_BYTES:
            raise UploadFailed(N_("{where}: the CMS's answer is too large.", where=where))
    return body.decode(response.encoding or "utf-8", "replace")


def _call(http: requests.Session, method: str, url: str, **how: Any) -> requests.Response:
    try:
        return http.request(method, url, timeout=TIMEOUT, allow_redirects=False, stream=True, **how)
    except requests.Timeout as exc:
        raise UploadFailed(N_("{where}: no answer.", where=url)) from exc
    except requests.RequestException as exc:
        raise UploadFailed(
            N_("{where}: cannot connect ({detail}).", where=url, detail=type(exc).__name__)
        ) from exc


def _csrf(http: requests.Session, page: str) -> str:
    token = http.cookies.get("csrftoken")
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    return found.group(1) if found else token or ""


def _messages(page: str) -> list[str]:
    """The CMS's alert messages (messages.html) as plain text."""
    return [_plain(m) for m in re.findall(r'role="alert">\s*<p>(.*?)</p>', page, re.S)]


def _plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def login(base_url: str, user: str, password: str) -> requests.Session:
    base = base_url.rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise UploadFailed(N_("“{url}” is not an http(s) address.", url=base_url))
    http = requests.Session()
    where = f"{base}/login/"
    form = _call(http, "GET", where)
    if form.status_code != 200:
        raise UploadFailed(
            N_("{where}: no login page (HTTP {status}).", where=where, status=form.status_code)
        )
    token = _csrf(http, _read(form, where))
    answer = _call(
        http,
        "POST",
        where,
        data={"username": user, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": where},
    )
    target = answer.headers.get("Location", "")
    if answer.status_code != 302 or "/login" in urlsplit(target).path:
        raise UploadFailed(
            N_(
                "{where}: the CMS refuses the login of “{user}” (user name or password wrong?).",
                where=where,
                user=user,
            )
        )
    return http


def upload(base_url: str, region: str, lang: str, zip_path: str | Path, http: requests.Session) -> Preview:
    """Upload the zip and read the CMS's preview (nothing is imported yet)."""
    base = base_url.rstrip("/")
    path = Path(zip_path)
    if path.stat().st_size > MAX_UPLOAD_BYTES:
        raise UploadFailed(N_("{path} is too large to upload.", path=path))
    where = f"{base}/{region}/pages/{lang}/xliff/upload/"
    pages = f"{base}/{region}/pages/{lang}/"
    token = http.cookies.get("csrftoken") or ""
    with path.open("rb") as handle:
        answer = _call(
            http,
            "POST",
            where,
            data={"csrfmiddlewaretoken": token},
            files={"xliff_file": (path.name, handle, "application/zip")},
            headers={"Referer": pages},
        )
    target = urljoin(where, answer.headers.get("Location", ""))
    if answer.status_code != 302 or "/xliff/import/" not in target:
        detail = ""
        if answer.status_code == 302:  # back to the page tree: the CMS says why there
            detail = "; ".join(_messages(_read(_call(http, "GET", target), target)))
        raise UploadFailed(
            N_(
                "{where}: the CMS did not take the file (HTTP {status}). {detail}",
                where=where,
                status=answer.status_code,
                detail=detail,
            )
        )
    page = _call(http, "GET", target)
    if page.status_code != 200:
        raise UploadFailed(N_("{where}: no preview (HTTP {status}).", where=target, status=page.status_code))
    return _preview(target, _read(page, target), http)


def _preview(url: str, page: str, http: requests.Session) -> Preview:
    """Each file's box of the CMS's preview: its name, page (title and id) and errors."""
    starts = [
        (m.start(), m.group(1).rsplit("/", 1)[-1]) for m in re.finditer(r"([\w.\-/]+\.xliff)\s*</span>", page)
    ]
    files: list[PreviewFile] = []
    general = _messages(page[: starts[0][0]]) if starts else _messages(page)
    for index, (start, name) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(page)
        box = page[start:end]
        found = re.search(r"</label>\s*(.*?)\s*<span class=\"font-bold\">\(ID: (\d+)\)</span>", box, re.S)
        title = f"{_plain(found.group(1))} (ID {found.group(2)})" if found else ""
        files.append(PreviewFile(name, title, _messages(box)))
    return Preview(url, files, general, http)


def confirm(preview: Preview, *, machine_translated: bool = False) -> None:
    """Confirm the import the preview shows (the CMS writes new translation versions)."""
    token = preview.http.cookies.get("csrftoken") or ""
    data = {"csrfmiddlewaretoken": token}
    if machine_translated:
        data["machine_translated"] = "on"
    answer = _call(
        preview.http, "POST", preview.import_url, data=data, headers={"Referer": preview.import_url}
    )
    if answer.status_code != 302:
        errors = _messages(_read(answer, preview.import_url)) if answer.status_code == 200 else []
        raise UploadFailed(
            N_(
                "{where}: the CMS did not import the files (HTTP {status}). {detail}",
                where=preview.import_url,
                status=answer.status_code,
                detail="; ".join(errors),
            )
        )
