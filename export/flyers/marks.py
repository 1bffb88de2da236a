"""Things drawn rather than written: the QR code (segno, as vector squares) and logos."""
from __future__ import annotations

from pathlib import Path

import segno

from .pdf import ShapedPDF


def draw_qr(pdf: ShapedPDF, url: str, x: float, y: float, size: float) -> None:
    """A QR code for ``url`` filling a ``size`` square (quiet zone included), in vector."""
    code = segno.make(url, error="m", micro=False)
    matrix = [list(row) for row in code.matrix_iter(scale=1, border=4)]
    module = size / len(matrix)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate(row + [0]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                # One rectangle per run of dark modules, slightly overlapping to avoid hairlines.
                pdf.rect(x + start * module, y + row_index * module, (col_index - start) * module + 0.01,
                         module + 0.01, style="F")
                start = None


def draw_logo(pdf: ShapedPDF, path: str | None, x: float, y: float, width: float, height: float) -> bool:
    """The image at ``path`` fitted into the box (aspect kept); False when there is none."""
    if not path or not Path(path).is_file():
        return False
    try:
        pdf.image(str(path), x=x, y=y, w=width, h=height, keep_aspect_ratio=True)
    except Exception:  # noqa: BLE001 - a broken logo must not stop the flyer; the name is printed instead
        return False
    return True
