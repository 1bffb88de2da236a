"""One flyer in a fresh process, as a user's first print: ``python -m benchmarks.cases._cold_flyer
ours|weasyprint DB OUT``. The libraries are imported and the offer read before the clock starts,
on both sides; what is timed is the first rendering (fonts found, parsed and cached on the way).
Prints ``{"seconds": …}``."""

from __future__ import annotations

import json
import sys
import time


def main(side: str, db_path: str, out: str) -> None:
    from desktop.db import open_database
    from desktop.flyers import flyer_data, render_offer_flyer

    from .flyers import flyer_html, weasy_pdf

    db = open_database(db_path)
    if side == "ours":
        import export.flyers.flyer  # noqa: F401 - imported before the clock, like weasyprint below

        start = time.perf_counter()
        render_offer_flyer(db, 1, out, "ar", bilingual=True, policy="machine")
    else:
        import weasyprint  # noqa: F401

        document = flyer_html(flyer_data(db, 1))
        start = time.perf_counter()
        weasy_pdf(document, out)
    seconds = time.perf_counter() - start
    db.dispose()
    print(json.dumps({"seconds": seconds}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
