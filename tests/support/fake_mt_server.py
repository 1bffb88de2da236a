"""A local stand-in for translation services, on 127.0.0.1, for tests and benchmarks.

It speaks LibreTranslate (``/translate``, ``/languages``), DeepL (``/v2/translate``),
Microsoft (``/microsoft/translate``), MyMemory (``/mymemory/get``) and the Google web
page deep-translator reads (``/google/m``). It translates deterministically:
``"[ar] " + text`` into a language, and back into German by removing such a prefix,
so a back-translation of a fake translation gives the German source again.

Faults can be injected: ``server.fail_next(n, status)``, ``server.latency = 0.05``,
``server.mode = "silent" | "garbage" | "close" | "mangle" | "change_numbers" | "untranslated" | "markup"``,
``server.key = "secret"`` (wrong or missing key: 403); ``server.phrases["ar"] = {"Kosten": "…"}``
translates known phrases instead. ``server.requests`` counts
translation requests, ``server.segments`` the segments they carried.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LANGUAGES = ["de", "en", "ar", "fa", "ps", "uk", "ru", "tr", "ti", "ku", "fr"]
_PREFIX = re.compile(r"^\[[a-z]{2,3}(?:-[A-Za-z]+)?\] ")


def fake_translate(text: str, source: str, target: str) -> str:
    if target.lower().startswith("de"):
        return _PREFIX.sub("", text)
    return f"[{target.lower()}] {text}" if text.strip() else text


class FakeMTServer:
    def __init__(self, languages: list[str] | None = None):
        self.languages = languages or list(LANGUAGES)
        self.latency = 0.0
        self.mode = "ok"
        self.key: str | None = None
        self.requests = 0
        self.segments = 0
        self.in_flight = 0
        self.max_in_flight = 0  # most requests the server held at once since the last reset
        self.texts: list[str] = []  # every segment received, as sent
        # target language -> {German phrase: its translation}: a segment with such phrases comes
        # back with them translated (and no "[ar] " mark), so a test can print real words
        self.phrases: dict[str, dict[str, str]] = {}
        self.paths: list[str] = []
        self._fail: list[int] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- control ----------------------------------------------------------------------
    def fail_next(self, count: int, status: int = 500) -> None:
        with self._lock:
            self._fail.extend([status] * count)

    def reset_counts(self) -> None:
        with self._lock:
            self.requests = self.segments = 0
            self.max_in_flight = 0
            self.paths.clear()
            self.texts.clear()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeMTServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                super().setup()
                # as real servers do: no Nagle delay between the headers and the body
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, *args):
                pass

            def do_GET(self):
                server._handle(self, "GET")

            def do_POST(self):
                server._handle(self, "POST")

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False  # keep-alive clients must not hold up stop()
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- handling ---------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        url = urlparse(handler.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        if url.path == "/languages":
            self._send(
                handler,
                200,
                [
                    {"code": c, "name": c, "targets": [t for t in self.languages if t != c]}
                    for c in self.languages
                ],
            )
            return
        with self._lock:
            self.requests += 1
            self.paths.append(url.path)
            status = self._fail.pop(0) if self._fail else None
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.latency:
                time.sleep(self.latency)
        finally:
            with self._lock:
                self.in_flight -= 1
        if self.mode == "silent":
            self._release.wait(120)
            return
        if self.mode == "close":
            handler.close_connection = True
            handler.connection.close()
            return
        if status is not None:
            self._send(handler, status, {"error": f"injected {status}"}, headers={"Retry-After": "0"})
            return
        if self.mode == "garbage":
            self._send_raw(handler, 200, b"<html>\x00\xff not what you asked for", "text/html")
            return
        try:
            if url.path == "/translate":
                self._libre(handler, body)
            elif url.path == "/v2/translate":
                self._deepl(handler, body)
            elif url.path.startswith("/microsoft"):
                self._microsoft(handler, query, body)
            elif url.path.startswith("/mymemory"):
                self._mymemory(handler, query)
            elif url.path.startswith("/google"):
                self._google(handler, query)
            else:
                self._send(handler, 404, {"error": "not found"})
        except (ValueError, KeyError) as exc:
            self._send(handler, 400, {"error": f"bad request: {exc}"})

    def _translate(self, texts: list[str], source: str, target: str) -> list[str]:
        with self._lock:
            self.segments += len(texts)
            self.texts += texts
        out = []
        for text in texts:
            result = fake_translate(text, source, target)
            known = self.phrases.get(target.lower().split("-")[0], {})
            if any(phrase in text for phrase in known):
                result = text
                for phrase in sorted(known, key=len, reverse=True):
                    result = result.replace(phrase, known[phrase])
            if self.mode == "mangle":
                result = re.sub(r"⟦(\d+)⟧", r"[\1]", result)
            elif self.mode == "change_numbers":
                result = re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), result)
            elif self.mode == "untranslated":
                result = text
            elif self.mode == "markup":  # a hostile or broken service answers with markup
                result += "<script>alert(1)</script><img src=x onerror=alert(1)>"
            out.append(result)
        return out

    def _libre(self, handler, body) -> None:
        if handler.headers.get("Content-Type", "").startswith("application/json"):
            data = json.loads(body or b"{}")
        else:
            data = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
        if self.key is not None and data.get("api_key") != self.key:
            self._send(handler, 403, {"error": "Invalid API key"})
            return
        source, target = data["source"], data["target"]
        for code in (source, target):
            if code not in self.languages:
                self._send(handler, 400, {"error": f"{code} is not supported"})
                return
        q = data["q"]
        texts = q if isinstance(q, list) else [q]
        result = self._translate(texts, source, target)
        self._send(handler, 200, {"translatedText": result if isinstance(q, list) else result[0]})

    def _deepl(self, handler, body) -> None:
        if self.key is not None and handler.headers.get("Authorization") != f"DeepL-Auth-Key {self.key}":
            self._send(handler, 403, {"message": "Wrong endpoint or authorization"})
            return
        data = json.loads(body)
        result = self._translate(
            data["text"], data.get("source_lang", "DE"), data["target_lang"].split("-")[0]
        )
        self._send(
            handler, 200, {"translations": [{"detected_source_language": "DE", "text": t} for t in result]}
        )

    def _microsoft(self, handler, query, body) -> None:
        if self.key is not None and handler.headers.get("Ocp-Apim-Subscription-Key") != self.key:
            self._send(
                handler,
                401,
                {
                    "error": {
                        "code": 401000,
                        "message": "The request is not authorized because credentials are missing "
                        "or invalid.",
                    }
                },
            )
            return
        items = json.loads(body)
        result = self._translate([i["text"] for i in items], query["from"], query["to"])
        self._send(handler, 200, [{"translations": [{"text": t, "to": query["to"]}]} for t in result])

    def _mymemory(self, handler, query) -> None:
        source, target = query["langpair"].split("|")
        result = self._translate([query["q"]], source, target.split("-")[0])[0]
        self._send(
            handler,
            200,
            {
                "responseData": {"translatedText": result, "match": 1},
                "responseStatus": 200,
                "responseDetails": "",
                "matches": [],
            },
        )

    def _google(self, handler, query) -> None:
        import html

        result = self._translate([query["q"]], query["sl"], query["tl"])[0]
        page = f'<html><body><div class="result-container">{html.escape(result)}</div></body></html>'
        self._send_raw(handler, 200, page.encode(), "text/html; charset=utf-8")

    def _send(self, handler, status: int, data, headers: dict | None = None) -> None:
        self._send_raw(
            handler, status, json.dumps(data, ensure_ascii=False).encode(), "application/json", headers
        )

    def _send_raw(
        self, handler, status: int, payload: bytes, content_type: str, headers: dict | None = None
    ) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass
