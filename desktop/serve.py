"""A small preview server for a package folder, on 127.0.0.1 only.

A thin layer over the standard library's http.server: a folder answers with its
``index.json`` as application/json (so ``/api/v3/regions/`` and
``/api/v3/{region}/{lang}/news`` work like the CMS), query strings such as
``?on_map=1`` are ignored, nothing outside the folder is reachable. For
production, any web server does the same; nginx needs two lines (see README).
"""

from __future__ import annotations

import json
import mimetypes
import threading
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from export.integreat.swap import recover

from .errors import LotseError


class PackageHandler(BaseHTTPRequestHandler):
    server_version = "LotsePreview/1"

    def __init__(self, *args, root: Path, **kwargs):
        self.root = root
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet unless asked
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _target(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
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

    def _answer(self, head: bool) -> None:
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
            f"„{root}“ enthält kein App-Paket (api/v3 fehlt). Erzeugen Sie es mit „lotse publish package --out {folder}“.",
            f"“{root}” holds no app package (api/v3 is missing). Make one with “lotse publish package --out {folder}”.",
        )
    try:
        server = ThreadingHTTPServer((host, port), partial(PackageHandler, root=root))
    except OSError as exc:
        raise LotseError(
            f"Port {port} auf {host} ist nicht frei ({exc.strerror}). Wählen Sie einen anderen mit --port.",
            f"Port {port} on {host} is not free ({exc.strerror}). Choose another with --port.",
        ) from exc
    server.daemon_threads = True
    server.verbose = verbose
    return server


def serve_in_background(folder: str | Path, port: int = 0) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """For tests and the Publish dialog's preview: a server on a free port, in a thread."""
    server = make_server(folder, port)
    thread = threading.Thread(target=server.serve_forever, name="lotse-preview", daemon=True)
    thread.start()
    return server, thread
