"""A small preview server for a package folder, on 127.0.0.1 only.

A thin layer over the standard library's http.server: a folder answers with its
``index.json`` as application/json (so ``/api/v3/regions/`` and
``/api/v3/{region}/{lang}/news`` work like the CMS), query strings such as
``?on_map=1`` are ignored, nothing outside the folder is reachable. The page tree's
``children/``, ``parents/`` and ``page/`` read their query (``url``, ``id``, ``depth``)
and answer as the CMS does (export/integreat/page_tree.py). For production, a web
server maps those queries to the package's files (README: nginx).
"""

from __future__ import annotations

import json
import mimetypes
import re
import threading
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from export.integreat.page_tree import PageTree
from export.integreat.swap import recover
from models.i18n import N_

from .errors import LotseError

_TREE_ENDPOINT = re.compile(r"^/api/v3/([^/]+)/([^/]+)/(children|parents|page)/?$")


class PackageHandler(BaseHTTPRequestHandler):
    server_version = "LotsePreview/1"

    def __init__(self, *args, root: Path, **kwargs):
        self.root = root
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet unless asked
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _target(self) -> Path | None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path.rstrip("/").endswith("/events") and "combine_recurring=true" in parts.query.lower():
            path = path.rstrip("/") + "/combine_recurring/"  # one item per event, as the CMS answers
        root = self.root.resolve()  # per request: a publish switches the folder's link to a new run
        candidate = (root / path.lstrip("/")).resolve()
        if candidate != root and root not in candidate.parents:
            return None
        if candidate.is_dir():
            candidate = candidate / "index.json"
        return candidate if candidate.is_file() else None

    def _send(self, status: int, body: bytes, content_type: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _tree(self, region: str, lang: str) -> PageTree | None:
        """The language's page tree, read again when its pages file changed."""
        pages = self.root / "api" / "v3" / region / lang / "pages" / "index.json"
        try:
            stamp = pages.stat().st_mtime_ns
        except OSError:
            return None
        cache = self.server.trees  # type: ignore[attr-defined]
        key = (region, lang)
        with self.server.trees_lock:  # type: ignore[attr-defined]
            if key not in cache or cache[key][0] != stamp:
                try:
                    cache[key] = (stamp, PageTree.from_package(self.root, region, lang))
                except (OSError, ValueError):
                    return None
            return cache[key][1]

    def _tree_answer(self, head: bool) -> bool:
        parts = urlsplit(self.path)
        match = _TREE_ENDPOINT.match(unquote(parts.path))
        if not match or "/" in match.group(1) + match.group(2) or ".." in match.group(1) + match.group(2):
            return False
        tree = self._tree(match.group(1), match.group(2))
        if tree is None:
            return False
        query = dict(parse_qsl(parts.query, keep_blank_values=True))  # the last value wins, as in Django
        status, body = tree.answer(match.group(3), query)
        data = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        self._send(status, data + b"\n", "application/json", head)
        return True

    def _answer(self, head: bool) -> None:
        if self._tree_answer(head):
            return
        target = self._target()
        if target is None:
            body = json.dumps({"error": "Not found"}).encode()
            self._send(HTTPStatus.NOT_FOUND, body, "application/json", head)
            return
        if target.suffix == ".json":
            content_type = "application/json"
        else:
            content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, target.read_bytes(), content_type, head)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)


def make_server(
    folder: str | Path, port: int = 8000, host: str = "127.0.0.1", verbose: bool = False
) -> ThreadingHTTPServer:
    recover(folder)  # a publish killed half-way: finish its switch, drop leftovers
    root = Path(folder).absolute()  # not resolved: the link is followed at every request
    if not (root / "api" / "v3").is_dir():
        raise LotseError(
            N_(
                "“{root}” holds no app package (api/v3 is missing). Make one with "
                "“lotse publish package --out {folder}”.",
                root=root,
                folder=folder,
            ),
        )
    try:
        server = ThreadingHTTPServer((host, port), partial(PackageHandler, root=root))
    except OSError as exc:
        raise LotseError(
            N_(
                "Port {port} on {host} is not free ({strerror}). Choose another with --port.",
                port=port,
                host=host,
                strerror=exc.strerror,
            ),
        ) from exc
    server.daemon_threads = True
    server.verbose = verbose
    server.trees = {}
    server.trees_lock = threading.Lock()
    return server


def serve_in_background(folder: str | Path, port: int = 0) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """For tests and the Publish dialog's preview: a server on a free port, in a thread."""
    server = make_server(folder, port)
    thread = threading.Thread(target=server.serve_forever, name="lotse-preview", daemon=True)
    thread.start()
    return server, thread
