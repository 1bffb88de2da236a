"""Things drawn rather than written: the QR code (segno, as vector squares) and logos."""

from __future__ import annotations

from pathlib import Path

import segno

from .pdf import ShapedPDF


def draw_qr(pdf: ShapedPDF, url: str, x: float, y: float, size: float, *, fast: bool = False) -> None:
    """A QR code for ``url`` filling a ``size`` square (quiet zone included), in vector.

    ``fast`` uses one fixed data mask instead of scoring all eight (a valid code, 8x faster
    to make; for brochures with hundreds of codes)."""
    code = segno.make(url, error="m", micro=False, mask=0 if fast else None)
    matrix = [list(row) for row in code.matrix_iter(scale=1, border=4)]
    module = size / len(matrix)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    # One rectangle per run of dark modules, all filled at once: a single path operator
    # instead of hundreds of fpdf2 rect() calls. PDF y runs upwards from the page bottom.
    k, page_h = pdf.k, pdf.h
    ops = []
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate(row + [0]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                left = (x + start * module) * k
                top = (page_h - y - (row_index + 1) * module) * k
                ops.append(
                    f"{left:.2f} {top:.2f} {(col_index - start) * module * k + 0.02:.2f} "
                    f"{module * k + 0.02:.2f} re"
                )
                start = None
    if ops:
        pdf._out("\n".join(ops) + "\nf")


def draw_logo(pdf: ShapedPDF, path: str | None, x: float, y: float, width: float, height: float) -> bool:
    """The image at ``path`` fitted into the box (aspect kept); False when there is none."""
    if not path or not Path(path).is_file():
        return False
    try:
        pdf.image(str(path), x=x, y=y, w=width, h=height, keep_aspect_ratio=True)
    except Exception:  # noqa: BLE001 - a broken logo must not stop the flyer; the name is printed instead
        return False
    return True
