"""Render the example flyers and brochure pages into a folder, as PDF and PNG, to look at.

    .venv/bin/python docs/flyers/render_examples.py OUT_FOLDER

Uses the demo region (in a temporary database) and the test texts for the languages the
demo has no translation for (tests/flyers/samples.json). Needs poppler's pdftoppm.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.brochure import render_region_brochure  # noqa: E402
from desktop.db import open_database  # noqa: E402
from desktop.demo import install_demo  # noqa: E402
from export.flyers import render_flyer  # noqa: E402
from tests.flyers.support import LANGUAGES, sample_data  # noqa: E402


def png(pdf: Path, dpi: int = 70) -> None:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(pdf.with_suffix(""))], check=True)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(str(Path(folder) / "demo.sqlite"))
        install_demo(db)
        data = sample_data(db)
        for code in LANGUAGES:
            started = time.perf_counter()
            result = render_flyer(data, out / f"flyer-{code}-a4.pdf", code)
            print(
                f"flyer {code}: {result.pages} page(s), type {result.scale:.0%}, "
                f"{time.perf_counter() - started:.2f} "
                "s"
            )
        for code, bilingual, size in (
            ("ar", True, "a4"),
            ("ar", False, "a5"),
            ("fa", True, "a5"),
            ("ti", False, "a5"),
        ):
            name = f"flyer-{'de-' if bilingual else ''}{code}-{size}.pdf"
            render_flyer(data, out / name, code, bilingual=bilingual, size=size)
        started = time.perf_counter()
        result, _ = render_region_brochure(db, out / "wegweiser-ar.pdf", "ar", policy="machine")
        print(
            f"brochure ar: {result.pages} pages, {result.offers} offers, {time.perf_counter() - started:.2f} "
            "s"
        )
        render_region_brochure(db, out / "wegweiser-de-uk.pdf", "uk", bilingual=True, policy="machine")
        db.dispose()
    for pdf in sorted(out.glob("*.pdf")):
        png(pdf)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "flyer-examples"))
