"""Printable flyers and brochures, correct in every script (fpdf2 + HarfBuzz + Noto).

Plain functions on plain data, no database and no Qt:

* :func:`render_flyer` (``FlyerData`` -> one offer's flyer, A4/A5, one language or bilingual)
* :func:`render_brochure` (``BrochureData`` -> the region's "Wegweiser")

``desktop.flyers`` builds the data from the database.
"""

from .content import FlyerData, OfferTexts
from .flyer import FlyerResult, render_flyer

__all__ = ["FlyerData", "OfferTexts", "FlyerResult", "render_flyer"]
from .brochure import render_brochure  # noqa: E402
from .brochure_data import BrochureData, BrochureResult, Category  # noqa: E402

__all__ += ["BrochureData", "BrochureResult", "Category", "render_brochure"]
