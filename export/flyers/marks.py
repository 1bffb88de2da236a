"""Things drawn rather than written: the QR code (segno, as vector squares) and logos."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import segno

from .pdf import ShapedPDF


def draw_qr(pdf: ShapedPDF, url: str, x: float, y: float, size: float, *, fast: bool = False) -> None:
    """A QR code for ``url`` filling a ``size`` square (quiet zone included), in vector.

    ``fast`` uses one fixed data mask instead of scoring all eight (a valid code, 8x faster
    to make; for brochures with hundreds of codes)."""
    count, runs = _dark_runs(url, fast)
    module = size / count
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    # One rectangle per run of dark modules, all filled at once: a single path operator
    # instead of hundreds of fpdf2 rect() calls. PDF y runs upwards from the page bottom.
    k, page_h = pdf.k, pdf.h
    ops = [
        f"{(x + start * module) * k:.2f} {(page_h - y - (row_index + 1) * module) * k:.2f} "
        f"{(end - start) * module * k + 0.02:.2f} {module * k + 0.02:.2f} re"
        for row_index, start, end in runs
    ]
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


@lru_cache(maxsize=2048)
def _dark_runs(url: str, fast: bool) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The code's size in modules (quiet zone included) and its runs of dark modules (row,
    first, past last): made once per address (a print run, a brochure's repeated links)."""
    code = segno.make(url, error="m", micro=False, mask=0 if fast else None)
    matrix = [list(row) for row in code.matrix_iter(scale=1, border=4)]
    runs = []
    for row_index, row in enumerate(matrix):
        start = None
        for col_index, dark in enumerate(row + [0]):
            if dark and start is None:
                start = col_index
            elif not dark and start is not None:
                runs.append((row_index, start, col_index))
                start = None
    return len(matrix), tuple(runs)
