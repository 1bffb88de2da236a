"""Imported pages' and events' pictures (their ``thumbnail``): taken from the files the import
reads (a package folder holds its ``media/``) or, importing by address, downloaded beside the
API files by ``fetch.py``; every one checked to be a real PNG, JPEG, WebP or SVG picture
(``export.integreat.images.image_kind``) and kept in Lotse's media folder, so a publish ships
it. A picture that cannot be had or is refused leaves the page without one (the package then
makes its tile) and is named in the import's warnings; it never stops the import.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
from platformdirs import user_data_path

from export.integreat.content_mapping import NewEvent, NewPage
from export.integreat.images import MAX_FOREIGN_BYTES, image_kind
from models.i18n import N_, Message

from ..db import Database
from ..tasks import CancelToken

# Written by fetch.py beside the API files: address -> file (relative), address -> refusal.
MEDIA_MAP = "lotse-media.json"
TIMEOUT = (10, 30)  # seconds to connect, seconds between bytes
MAX_PICTURES = 2000
MAX_REDIRECTS = 3


def media_folder(db: Database) -> Path:
    """Where Lotse keeps pictures it took in: beside a SQLite file, else in the user's data."""
    path = db.sqlite_path
    return (path.parent if path else user_data_path("Lotse", appauthor=False)) / "media"


def thumbnail_urls(documents: Iterable[object]) -> list[str]:
    """The distinct http(s) thumbnail addresses of pages or events (lists of API objects)."""
    found: dict[str, None] = {}
    for items in documents:
        for item in items if isinstance(items, list) else []:
            url = item.get("thumbnail") if isinstance(item, dict) else None
            if isinstance(url, str) and urlsplit(url).scheme in ("http", "https"):
                found[url] = None
    return list(found)[:MAX_PICTURES]


def download(session: requests.Session, url: str, timeout: tuple[float, float] = TIMEOUT) -> bytes:
    """The picture at ``url``: at most MAX_FOREIGN_BYTES read, a picture or ValueError."""
    try:
        with session.get(url, timeout=timeout, stream=True, allow_redirects=True) as response:
            if urlsplit(response.url).scheme not in ("http", "https"):
                raise ValueError("redirected elsewhere")
            if response.status_code != 200:
                raise ValueError(f"the server answers {response.status_code}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > MAX_FOREIGN_BYTES:
                raise ValueError(f"larger than {MAX_FOREIGN_BYTES // (1024 * 1024)} MB")
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > MAX_FOREIGN_BYTES:  # the header may lie or be missing
                    raise ValueError(f"larger than {MAX_FOREIGN_BYTES // (1024 * 1024)} MB")
                chunks.append(chunk)
    except requests.RequestException as exc:
        raise ValueError(f"cannot be downloaded ({type(exc).__name__})") from exc
    data = b"".join(chunks)
    image_kind(data)
    return data


def fetch_pictures(
    urls: list[str], folder: Path, token: CancelToken | None = None, timeout: tuple[float, float] = TIMEOUT
) -> dict[str, dict[str, str]]:
    """Download the pictures into ``folder/media/`` and write MEDIA_MAP there; returns the map."""
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    session.trust_env = False
    session.headers.update({"User-Agent": "Lotse (Integreat import)", "Accept": "image/*"})
    files: dict[str, str] = {}
    refused: dict[str, str] = {}
    try:
        for url in urls:
            if token is not None:
                token.raise_if_cancelled()
            try:
                data = download(session, url, timeout)
            except ValueError as exc:
                refused[url] = str(exc)
                continue
            relative = f"media/{hashlib.sha256(data).hexdigest()[:16]}.{image_kind(data)}"
            (folder / "media").mkdir(parents=True, exist_ok=True)
            (folder / relative).write_bytes(data)
            files[url] = relative
    finally:
        session.close()
    found = {"files": files, "refused": refused}
    (folder / MEDIA_MAP).write_text(json.dumps(found), encoding="utf-8")
    return found


def _local(url: str, folder: Path, fetched: dict[str, str]) -> Path | None:
    """The file in the import's folder that holds the picture at ``url``: the one fetch.py
    downloaded, or the package's own copy (the address's path under the folder)."""
    root = folder.resolve()
    candidates = [fetched[url]] if url in fetched else []
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s]
    if ".." not in segments:
        candidates += ["/".join(segments[i:]) for i in range(len(segments))]
    for relative in candidates:
        path = (root / relative).resolve()
        if path.is_relative_to(root) and path.is_file():
            return path
    return None


def _store(data: bytes, kind: str, media: Path) -> Path:
    media.mkdir(parents=True, exist_ok=True)
    target = media / f"{hashlib.sha256(data).hexdigest()[:16]}.{kind}"
    if not target.exists():
        handle, temp = tempfile.mkstemp(dir=media, suffix=".part")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, target)
    return target


def take_pictures(items: list[NewPage | NewEvent], source: Path, media: Path) -> list[Message]:
    """Give every item with a ``thumbnail`` address its ``image_path`` (a checked copy in
    ``media``); returns a warning per picture that could not be had."""
    folder = source if source.is_dir() else source.parent
    mapping = folder / MEDIA_MAP
    fetched: dict[str, Any] = {}
    if mapping.is_file():
        try:
            loaded = json.loads(mapping.read_text(encoding="utf-8"))
            fetched = loaded if isinstance(loaded, dict) else {}
        except (ValueError, OSError):
            fetched = {}
    files: dict[str, str] = fetched["files"] if isinstance(fetched.get("files"), dict) else {}
    refused: dict[str, str] = fetched["refused"] if isinstance(fetched.get("refused"), dict) else {}
    warnings: list[Message] = []
    for item in items:
        url = item.thumbnail
        if not url:
            continue
        title = next(iter(item.texts.values())).title if item.texts else ""
        reason = refused.get(url)
        path = None if reason else _local(url, folder, files)
        if path is None:
            reason = reason or "not among the imported files (import by address to download it)"
        else:
            try:
                if path.stat().st_size > MAX_FOREIGN_BYTES:
                    raise ValueError(f"larger than {MAX_FOREIGN_BYTES // (1024 * 1024)} MB")
                data = path.read_bytes()
                item.image_path = str(_store(data, image_kind(data), media))
                continue
            except (ValueError, OSError) as exc:
                reason = str(exc)
        warnings.append(
            N_("Picture of “{title}” not taken: {reason} ({url}).", title=title, reason=reason, url=url)
        )
    return warnings
