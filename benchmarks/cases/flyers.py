"""One bilingual flyer and a 500-offer brochure, against WeasyPrint rendering the same content."""
from __future__ import annotations

from ._landing import describe, first_available

WHAT = "a bilingual flyer; a 500-offer brochure"
CANDIDATES = [("export.flyers", "render_flyer"), ("export.flyers.flyer", "render_flyer")]


def missing() -> str | None:
    return None if first_available(CANDIDATES) else describe(CANDIDATES, "flyers (issue 7)")


def run(bench):
    raise NotImplementedError("wired when issue 7 lands")
