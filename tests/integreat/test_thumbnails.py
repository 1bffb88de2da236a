"""Imported pages' and events' pictures: read from a CMS on a local HTTP server (127.0.0.1),
checked and kept, then shipped by the package; hostile ones (HTML called a PNG, a
decompression bomb, a file too large without Content-Length, a script in an SVG, a server
that stops answering) are refused with a warning naming the page, and the import goes on.
Importing the package folder again takes the pictures from the package's own files."""

from __future__ import annotations

import io
import json
import struct
import threading
import time
import zlib
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from desktop.db import open_database
from desktop.integreat.fetch import fetch_region, parse_cms_url
from desktop.integreat_import import import_integreat
from desktop.publish import publish_package
from export.integreat.images import image_kind
from models.tables import ContentKind, Offer, OfferText

FIXTURES = Path(__file__).parent / "fixtures"
REGION = "augsburg"


def _png(color=(200, 30, 30), size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def _bomb() -> bytes:
    """A valid PNG header announcing 100,000 × 100,000 pixels in a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000))


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
EVIL_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("//x")</script></svg>'
WEBP = io.BytesIO()
Image.new("RGB", (20, 20), (0, 90, 200)).save(WEBP, "WEBP")


class Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        route = self.routes.get(self.path.split("?")[0])
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        body, kind, length, delay = route
        if delay:
            time.sleep(delay)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


PICTURES = {  # page title -> (file, bytes, type, honest length, delay), None: refused
    "Willkommen": ("a.png", _png(), "image/png", True, 0, True),
    "Stadtplan": ("plan.svg", SVG, "image/svg+xml", True, 0, True),
    "Behörden": ("evil.png", b"<html><script>alert(1)</script></html>", "image/png", True, 0, False),
    "Behörden und Beratung": ("bomb.png", _bomb(), "image/png", True, 0, False),
    "Willkommen in Augsburg": (
        "huge.jpg",
        b"\xff\xd8\xff" + b"\0" * (9 * 1024 * 1024),
        "image/jpeg",
        False,
        0,
        False,
    ),
    "Kontakt zu App Team Augsburg": ("x.svg", EVIL_SVG, "image/svg+xml", True, 0, False),
    "Wissenswertes über Augsburg": ("slow.png", _png(), "image/png", True, 3, False),
}


@pytest.fixture
def cms(tmp_path):
    routes: dict = {}
    handler = type("H", (Handler,), {"routes": routes})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"

    def doc(name):
        return ((FIXTURES / name).read_bytes(), "application/json", True, 0)

    pages = json.loads((FIXTURES / "augsburg_de_pages.json").read_text())
    for page in pages:
        for title, (name, body, kind, length, delay, _ok) in PICTURES.items():
            if page["title"].startswith(title) and page["title"] in (title, title + " "):
                page["thumbnail"] = f"{base}/media/{name}"
                routes[f"/media/{name}"] = (body, kind, length, delay)
    events = json.loads((FIXTURES / "augsburg_de_events_combine_recurring.json").read_text())
    for event in events:
        event["thumbnail"] = f"{base}/media/event.webp"
    routes["/media/event.webp"] = (WEBP.getvalue(), "image/webp", True, 0)
    routes["/api/v3/regions/augsburg/"] = doc("regions_augsburg.json")
    routes["/api/v3/augsburg/languages/"] = doc("augsburg_languages.json")
    routes["/api/v3/augsburg/de/pages/"] = (json.dumps(pages).encode(), "application/json", True, 0)
    routes["/api/v3/augsburg/ar/pages/"] = doc("augsburg_ar_pages.json")
    for code in ("en", "fa"):
        routes[f"/api/v3/augsburg/{code}/pages/"] = (b"[]", "application/json", True, 0)
    routes["/api/v3/augsburg/de/events/"] = (json.dumps(events).encode(), "application/json", True, 0)
    yield base, pages
    httpd.shutdown()
    httpd.server_close()


def _pictures(db) -> dict[str, str | None]:
    with db.transaction() as session:
        rows = session.exec(
            select(OfferText.title, Offer.image_path)
            .join(Offer, Offer.id == OfferText.offer_id)
            .where(OfferText.language_code == "de", Offer.kind != ContentKind.OFFER.value)
        ).all()
    return dict(rows)


def test_pictures_are_downloaded_checked_kept_and_shipped(cms, tmp_path):
    base, _pages = cms
    folder = tmp_path / "fetched"
    started = time.monotonic()
    fetch_region(parse_cms_url(base + "/augsburg/"), folder, timeout=(2, 1))
    assert time.monotonic() - started < 30  # the slow server and the 9 MB file cost no more
    db = open_database(str(tmp_path / "one" / "lotse.sqlite"))
    result = import_integreat(db, folder)
    pictures = _pictures(db)
    media = tmp_path / "one" / "media"
    for title, (_name, body, _kind, _length, _delay, ok) in PICTURES.items():
        path = pictures[title]
        if ok:
            assert path and Path(path).parent == media and Path(path).read_bytes() == body, title
        else:
            assert path is None, title
            assert any(title in str(w) for w in result.warnings), title
    events = {t: p for t, p in pictures.items() if "Veranstaltung" in t}
    assert events and all(p and image_kind(Path(p).read_bytes()) == "webp" for p in events.values())
    reasons = " ".join(w.render("en") for w in result.warnings)
    assert "not a PNG" in reasons or "not a readable PNG" in reasons
    assert "pixels" in reasons and "larger than 8 MB" in reasons and "<script>" in reasons
    assert len(list(media.iterdir())) == 3  # png, svg, webp; nothing refused was kept

    package = publish_package(
        db,
        tmp_path / "pkg",
        today=date(2030, 1, 1),
        base_url="http://localhost:8000",
        local_preview=True,
    )
    shipped = json.loads((tmp_path / "pkg" / f"api/v3/{REGION}/de/pages/index.json").read_text())
    by_title = {p["title"]: p["thumbnail"] for p in shipped}
    for title in ("Willkommen", "Stadtplan"):
        url = by_title[title]
        assert url.startswith("http://localhost:8000/media/offers/")
        data = (tmp_path / "pkg" / url.removeprefix("http://localhost:8000/")).read_bytes()
        assert image_kind(data) in ("png", "jpg", "svg")
    assert (
        tmp_path / "pkg" / by_title["Stadtplan"].removeprefix("http://localhost:8000/")
    ).read_bytes() == SVG
    assert "/media/pages/" in by_title["Behörden und Beratung"]  # refused: the generated tile
    assert package.plan.pages["de"]

    # The package folder imported again: the pictures come from its own media files.
    again = open_database(str(tmp_path / "two" / "lotse.sqlite"))
    import_integreat(again, tmp_path / "pkg")
    taken = _pictures(again)
    assert taken["Willkommen"] and Path(taken["Willkommen"]).parent == tmp_path / "two" / "media"
    assert Path(taken["Stadtplan"]).read_bytes() == SVG
    db.dispose()
    again.dispose()
