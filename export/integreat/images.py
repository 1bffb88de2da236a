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
