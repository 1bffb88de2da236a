"""Reading a live (or local) Integreat CMS over HTTP: its public API v3 for one region, saved
as the same JSON files a package folder or saved API files hold, so that the one file reader
(export/integreat/reader.py) and the one import (desktop/integreat_import.py) read them.

    source = parse_cms_url("https://cms.integreat-app.de/augsburg/")
    files = fetch_region(source, folder, progress, token)

Fetched per region: ``regions/{region}/``, ``{region}/languages/``; per language ``pages/``,
``locations/``, ``events/?combine_recurring=True``, ``imprint/``. Hostile or broken servers are
bounded: every answer is read at most to the reader's size limit (and all together to its
total), every request has a timeout, only http and https, at most a few redirects; anything
that is not the JSON of an Integreat API stops with a message that names the address.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import requests
from urllib3.exceptions import ReadTimeoutError

from export.integreat.reader import MAX_FILE_BYTES, MAX_TOTAL_BYTES
from models.i18n import N_, Verbatim

from ..errors import LotseError
from ..tasks import CancelToken, Progress, no_progress
from .thumbnails import fetch_pictures, thumbnail_urls

TIMEOUT = (10, 60)  # seconds to connect, seconds between bytes
MAX_REDIRECTS = 5
MAX_LANGUAGES = 100
_SLUG = re.compile(r"^[\w-]{1,100}$")  # region and language slugs as the CMS allows them (Unicode)
_CODE = re.compile(r"^[A-Za-z0-9-]{2,16}$")
USER_AGENT = "Lotse (Integreat import)"


class FetchFailed(LotseError):
    """The CMS could not be read; nothing was imported."""


def is_url(text: str) -> bool:
    return str(text).lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class CmsSource:
    base: str  # scheme://host[:port], without a trailing slash
    region: str

    def api(self, path: str) -> str:
        return f"{self.base}/api/v3/{path}"


def parse_cms_url(url: str, region: str | None = None) -> CmsSource:
    """The CMS and region an address names: ``https://HOST/api/v3/REGION/…``,
    ``https://HOST/REGION/…`` (a page of the region) or ``https://HOST`` with ``region``."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchFailed(N_("“{url}” is not an http or https address.", url=url))
    base = f"{parts.scheme}://{parts.netloc}"
    segments = [s for s in parts.path.split("/") if s]
    if segments[:2] == ["api", "v3"]:
        segments = segments[2:]
        if segments[:1] == ["regions"]:
            segments = segments[1:]
    found = region or (segments[0] if segments else None)
    if not found:
        raise FetchFailed(
            N_(
                "“{url}” names no region. Give it, e.g. {base}/augsburg/ or with --region.",
                url=url,
                base=base,
            )
        )
    if not _SLUG.match(found):
        raise FetchFailed(N_("“{found}” is not a region slug.", found=found))
    return CmsSource(base, found)


class _Client:
    """GETs with timeouts, a size limit per answer and in total, JSON only."""

    def __init__(self, timeout=TIMEOUT, max_bytes: int = MAX_FILE_BYTES, max_total: int = MAX_TOTAL_BYTES):
        self.session = requests.Session()
        self.session.max_redirects = MAX_REDIRECTS
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
        self.session.trust_env = False  # no proxies or netrc credentials from the environment
        self.timeout, self.max_bytes, self.max_total = timeout, max_bytes, max_total
        self.total = 0

    def get(self, url: str, *, missing_ok: bool = False) -> bytes | None:
        try:
            with self.session.get(url, timeout=self.timeout, stream=True, allow_redirects=True) as response:
                if urlsplit(response.url).scheme not in ("http", "https"):
                    raise FetchFailed(N_("{url}: redirected elsewhere.", url=url))
                if response.status_code == 404 and missing_ok:
                    return None
                if response.status_code != 200:
                    raise _status_error(url, response.status_code)
                body = self._read(url, response)
                kind = response.headers.get("Content-Type", "")
        except (requests.Timeout, requests.ConnectionError) as exc:
            if isinstance(exc, requests.ConnectionError) and not _timed_out(exc):
                raise FetchFailed(
                    N_(
                        "{url}: cannot connect to the server. Is the address right, is there a connection?",
                        url=url,
                    )
                ) from exc
            raise FetchFailed(
                N_(
                    "{url}: no answer within {seconds} seconds. Try again later.",
                    url=url,
                    seconds=self.timeout[1],
                )
            ) from exc
        except requests.TooManyRedirects as exc:
            raise FetchFailed(N_("{url}: too many redirects.", url=url)) from exc
        except requests.RequestException as exc:
            raise FetchFailed(Verbatim(f"{url}: {exc}")) from exc
        if "json" not in kind.lower():
            raise FetchFailed(
                N_(
                    "{url} does not answer with JSON ({kind}): is this the address of an Integreat CMS?",
                    url=url,
                    kind=Verbatim(kind) if kind else N_("no type"),
                )
            )
        return body

    def _read(self, url: str, response: requests.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise _too_big(url, self.max_bytes)
        chunks, size = [], 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > self.max_bytes:  # the header may lie or be missing: count what arrives
                raise _too_big(url, self.max_bytes)
            chunks.append(chunk)
        self.total += size
        if self.total > self.max_total:
            raise FetchFailed(N_("The region is too large in total to import."))
        return b"".join(chunks)

    def close(self) -> None:
        self.session.close()


def _timed_out(exc: BaseException) -> bool:
    """A read timeout while streaming the body arrives as a ConnectionError wrapping urllib3's."""
    return any(isinstance(arg, ReadTimeoutError) for arg in exc.args)


def _too_big(url: str, limit: int) -> FetchFailed:
    return FetchFailed(
        N_("{url}: the answer is larger than {megabytes} MB.", url=url, megabytes=limit // 1_000_000)
    )


def _status_error(url: str, status: int) -> FetchFailed:
    if status == 404:
        return FetchFailed(
            N_("{url}: not found (404). Does the region exist on this server, is it public?", url=url)
        )
    if status in (401, 403):
        return FetchFailed(
            N_("{url}: access denied ({status}). Lotse reads only the public API.", url=url, status=status)
        )
    return FetchFailed(
        N_("{url}: the server answers with error {status}. Try again later.", url=url, status=status)
    )


def _json(url: str, raw: bytes):
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FetchFailed(N_("{url}: not valid JSON.", url=url)) from exc


def _languages(url: str, value) -> list[str]:
    if not isinstance(value, list) or not value:
        raise FetchFailed(N_("{url}: not a list of languages.", url=url))
    codes = [item.get("code") for item in value if isinstance(item, dict)]
    bad = [c for c in codes if not isinstance(c, str) or not _CODE.match(c)]
    if bad or not codes:
        raise FetchFailed(N_("{url}: invalid language code {code}.", url=url, code=str(bad[:1])[:40]))
    if len(codes) > MAX_LANGUAGES:
        raise FetchFailed(N_("{url}: too many languages ({count}).", url=url, count=len(codes)))
    return list(dict.fromkeys(codes))


# (file under the language folder, endpoint with query, may be missing)
LANGUAGE_DOCUMENTS = (
    ("pages/index.json", "pages/", False),
    ("locations/index.json", "locations/", True),
    ("events/index.json", "events/?combine_recurring=True", True),
    ("imprint/index.json", "imprint/", True),
)


def fetch_region(
    source: CmsSource,
    folder: str | Path,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
    *,
    timeout=TIMEOUT,
    max_bytes: int = MAX_FILE_BYTES,
) -> list[str]:
    """Save the region's API documents under ``folder`` as ``api/v3/…/index.json`` (the
    package layout the file reader reads); returns the files written, relative to ``folder``."""
    out = Path(folder)
    client = _Client(timeout, max_bytes)
    region = quote(source.region, safe="")
    written: list[str] = []
    pictures: list[str] = []

    def save(relative: str, raw: bytes) -> None:
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
        written.append(relative)

    try:
        progress(0, 1, source.api(f"{region}/"))
        url = source.api(f"regions/{region}/")
        raw = client.get(url)
        value = _json(url, raw)
        if not isinstance(value, dict) or value.get("path") != source.region:
            raise FetchFailed(
                N_("{url}: not the Integreat region “{region}”.", url=url, region=source.region)
            )
        save(f"api/v3/regions/{region}/index.json", raw)
        url = source.api(f"{region}/languages/")
        raw = client.get(url)
        codes = _languages(url, _json(url, raw))
        save(f"api/v3/{region}/languages/index.json", raw)
        steps = len(codes) * len(LANGUAGE_DOCUMENTS)
        for index, code in enumerate(codes):
            for offset, (name, endpoint, missing_ok) in enumerate(LANGUAGE_DOCUMENTS):
                if token is not None:
                    token.raise_if_cancelled()
                url = source.api(f"{region}/{code}/{endpoint}")
                progress(index * len(LANGUAGE_DOCUMENTS) + offset, steps, url)
                raw = client.get(url, missing_ok=missing_ok)
                if raw is None:
                    continue
                value = _json(url, raw)  # refuse a broken answer here, with its address
                save(f"api/v3/{region}/{code}/{name}", raw)
                if name in ("pages/index.json", "events/index.json"):
                    pictures.extend(thumbnail_urls([value]))
        progress(steps, steps, "")
        # the pages' and events' pictures, checked, beside the API files (thumbnails.py)
        fetch_pictures(list(dict.fromkeys(pictures)), out, token, timeout)
    finally:
        client.close()
    return written


def import_from_cms(
    db,
    url: str,
    progress: Progress = no_progress,
    token: CancelToken | None = None,
    *,
    region_slug: str | None = None,
):
    """``import_integreat`` for a region read from a CMS's API at ``url`` (fetched into a
    temporary folder that is removed afterwards)."""
    from export.leftovers import temp_folder

    from ..integreat_import import import_integreat

    source = parse_cms_url(url, region_slug)
    with temp_folder("cms") as folder:
        fetch_region(source, folder, progress, token)
        return import_integreat(db, folder, progress, token, region_slug=source.region)
