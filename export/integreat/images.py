"""Offer images and organization logos: copied, resized, referenced by absolute URL.

The output bytes depend only on the input image, so publishes stay byte-identical.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 1200
MAX_INPUT_BYTES = 40 * 1024 * 1024
# A picture from elsewhere (an imported page's thumbnail): at most this many bytes and pixels.
MAX_FOREIGN_BYTES = 8 * 1024 * 1024
MAX_FOREIGN_PIXELS = 40_000_000
_RASTER = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"


def image_kind(data: bytes) -> str:
    """ "png", "jpg", "webp" or "svg" for bytes that really are such a picture; ValueError with
    an English reason for anything else: another type (HTML, a script, an executable), a file
    that says it is a PNG and is not, a decompression bomb, an SVG with scripts, event handlers,
    entities or links to elsewhere."""
    if len(data) > MAX_FOREIGN_BYTES:
        raise ValueError(f"larger than {MAX_FOREIGN_BYTES // (1024 * 1024)} MB")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        expected = "PNG"
    elif data.startswith(b"\xff\xd8\xff"):
        expected = "JPEG"
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        expected = "WEBP"
    else:
        _check_svg(data)
        return "svg"
    try:
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            width, height = image.size
            if width * height > MAX_FOREIGN_PIXELS:
                raise ValueError(f"{width}×{height} pixels is more than a picture needs")
            image.verify()  # the whole file, without decoding the pixels
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            image.load()  # and the pixels decode (a truncated file does not)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError(f"not a readable {expected} picture ({exc})") from exc
    return _RASTER[expected]


def _check_svg(data: bytes) -> None:
    from xml.etree import ElementTree

    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
    from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not a PNG, JPEG, WebP or SVG picture") from None
    try:
        root = fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        raise ValueError("not a PNG, JPEG, WebP or SVG picture") from exc
    if root.tag not in ("svg", _SVG_NAMESPACE + "svg"):
        raise ValueError("not a PNG, JPEG, WebP or SVG picture")
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in ("script", "foreignobject", "iframe", "embed", "object"):
            raise ValueError(f"an SVG with <{tag}> is refused")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise ValueError(f"an SVG with the event handler {local} is refused")
            if local == "href" and not value.strip().startswith("#"):
                raise ValueError("an SVG linking to another file or address is refused")


@dataclass(frozen=True)
class PreparedImage:
    relpath: str  # inside the package, e.g. media/offers/tafel-3f2a….jpg
    data: bytes


def prepare_image(source: str | Path, folder: str, stem: str, max_side: int = MAX_SIDE) -> PreparedImage:
    """Read, orient, shrink to ``max_side`` and re-encode (JPEG, or PNG when transparent).

    Raises ValueError with an English reason when the file cannot be used.
    """
    path = Path(source)
    if not path.is_file():
        raise ValueError(f"image file {path} not found")
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise ValueError(f"image file {path} is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    if path.suffix.lower() == ".svg":  # a vector picture (an imported thumbnail): checked, kept as it is
        data = path.read_bytes()
        try:
            image_kind(data)
        except ValueError as exc:
            raise ValueError(f"image file {path}: {exc}") from exc
        digest = hashlib.sha256(data).hexdigest()[:12]
        return PreparedImage(f"media/{folder}/{stem}-{digest}.svg", data)
    try:
        with Image.open(path) as opened:
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValueError(f"image file {path} cannot be read: {exc}") from exc
    image.thumbnail((max_side, max_side))
    transparent = (
        image.mode in ("RGBA", "LA", "P") and "transparency" in image.info or image.mode in ("RGBA", "LA")
    )
    buffer = io.BytesIO()
    if transparent:
        image.convert("RGBA").save(buffer, "PNG", optimize=False)
        ext = "png"
    else:
        image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=False, progressive=False)
        ext = "jpg"
    data = buffer.getvalue()
    digest = hashlib.sha256(data).hexdigest()[:12]
    return PreparedImage(f"media/{folder}/{stem}-{digest}.{ext}", data)
