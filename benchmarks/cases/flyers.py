"""One bilingual flyer (German and Arabic) and a 500-offer brochure, against WeasyPrint
rendering the same content (texts, contacts, hours) from HTML in the same run.

The flyer is measured twice, both sides the same way: cold (the first flyer in a fresh
process, as a user's first print: fonts are found and parsed on the way) and warm
(repeated in one process, as a print run)."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

from ..harness import Result, Stats, alternate, timed
from ._landing import describe, first_available

WHAT = "a bilingual flyer; a 500-offer brochure"
CANDIDATES = [("desktop.flyers", "render_offer_flyer")]
# The brochure has 500 offers (make bench); make bench-quick prints 100 to stay under five minutes.
BROCHURE_OFFERS = {"tiny": 20, "quick": 100, "full": 500}
CSS = """@page { size: A4; margin: 15mm }
body { font-family: 'Noto Sans', 'Noto Naskh Arabic', sans-serif; font-size: 10pt }
.cols { display: flex; gap: 8mm } .cols > div { flex: 1 } [dir=rtl] { text-align: right }
h1 { font-size: 16pt } .offer { break-inside: avoid } .brochure .offer { margin-bottom: 6mm }"""


def missing() -> str | None:
    return None if first_available(CANDIDATES) else describe(CANDIDATES, "flyers (issue 7)")


def _region(bench):
    """Offers in German, English and Arabic, the brochure's number of them published."""
    from benchmarks.region import build_region
    from desktop.db import open_database

    path = bench.scratch / "flyers.sqlite"
    count = BROCHURE_OFFERS[bench.size]
    if not path.exists():
        build_region(path, count + 20, 3, seed=7)
        db = open_database(str(path))
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                f"UPDATE offer SET state = CASE WHEN id <= {count} THEN 'published' ELSE 'draft' END"
            )
        db.dispose()
    return open_database(str(path))


def _offer_html(data, language: str) -> str:
    text = data.text(language)
    direction = "rtl" if language in ("ar", "fa", "prs", "ps") else "ltr"
    contacts = "".join(
        f"<li>{html.escape(c.get('name') or '')} {html.escape(c.get('phone') or '')} "
        f"{html.escape(c.get('email') or '')}</li>"
        for c in data.contacts
    )
    hours = "".join(
        f"<li>{' '.join('–'.join(s) for s in day.get('slots', []))}</li>"
        for day in (data.opening_hours or [])
    )
    return (
        f'<div dir="{direction}" lang="{language}"><h1>{html.escape(text.title)}</h1>'
        f"<p>{html.escape(text.summary)}</p>"
        f"{text.content}<ul>{contacts}</ul><ul>{hours}</ul>"
        f"<p>{html.escape(data.street)}, {html.escape(data.postcode)} {html.escape(data.town)}</p></div>"
    )


def weasy_pdf(document: str, out) -> None:
    from weasyprint import HTML

    HTML(string=f"<html><head><style>{CSS}</style></head><body>{document}</body></html>").write_pdf(out)


def flyer_html(data) -> str:
    return f'<div class="cols">{_offer_html(data, "de")}{_offer_html(data, "ar")}</div>'


def _cold(side: str, db_path: Path, out: Path) -> float:
    """The first flyer of a fresh process (``_cold_flyer``), in seconds."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.cases._cold_flyer", side, str(db_path), str(out)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"cold flyer ({side}) failed: {proc.stderr.strip()[-500:]}")
    return float(json.loads(proc.stdout.strip().splitlines()[-1])["seconds"])


def run(bench) -> list[Result]:
    """The cold, warm and brochure lines (``--lines cold warm brochure`` picks some: the brochure
    takes minutes at full size, the flyer lines seconds)."""
    db = _region(bench)
    try:
        return [
            *(_cold_line(bench, db) if bench.wants("cold") else []),
            *(_warm_line(bench, db) if bench.wants("warm") else []),
            *(_brochure_line(db, bench.scratch) if bench.wants("brochure") else []),
        ]
    finally:
        db.dispose()


def _cold_line(bench, db) -> list[Result]:
    out = bench.scratch
    cold_ours, cold_weasy = alternate(
        lambda: _cold("ours", bench.scratch / "flyers.sqlite", out / "flyer-cold.pdf"),
        lambda: _cold("weasyprint", bench.scratch / "flyers.sqlite", out / "flyer-cold-weasy.pdf"),
        bench.runs["slow"],
        warmup=0,
    )
    return [
        Result(
            "flyers",
            "one bilingual flyer (German + Arabic), cold: the first in a fresh process",
            "s",
            Stats.of(cold_ours),
            "WeasyPrint, the same content from HTML, its first in a fresh process",
            Stats.of(cold_weasy),
            notes="both sides import their libraries and read the offer before the clock starts",
        )
    ]


def _warm_line(bench, db) -> list[Result]:
    from desktop.flyers import flyer_data, render_offer_flyer

    out = bench.scratch
    document = flyer_html(flyer_data(db, 1))
    flyer_ours, flyer_weasy = alternate(
        lambda: timed(
            lambda: render_offer_flyer(db, 1, out / "flyer.pdf", "ar", bilingual=True, policy="machine")
        ),
        lambda: timed(lambda: weasy_pdf(document, out / "flyer-weasy.pdf")),
        bench.runs["slow"],
    )
    return [
        Result(
            "flyers",
            "one bilingual flyer (German + Arabic), warm: repeated in one process",
            "s",
            Stats.of(flyer_ours),
            "WeasyPrint, the same content from HTML, repeated",
            Stats.of(flyer_weasy),
        )
    ]


def _brochure_line(db, out: Path) -> list[Result]:
    from desktop.brochure import brochure_plan, render_region_brochure

    plan = brochure_plan(db, "de", policy="machine")
    brochure_html = (
        '<div class="brochure">'
        + "".join(f'<div class="offer">{_offer_html(o, "de")}</div>' for o in plan.data.offers)
        + "</div>"
    )
    brochure_ours, brochure_weasy = alternate(
        lambda: timed(lambda: render_region_brochure(db, out / "brochure.pdf", "de", policy="machine")),
        lambda: timed(lambda: weasy_pdf(brochure_html, out / "brochure-weasy.pdf")),
        1,
        warmup=0,
    )
    return [
        Result(
            "flyers",
            f"a brochure of {len(plan.data.offers)} offers",
            "s",
            Stats.of(brochure_ours),
            "WeasyPrint, the same content from HTML",
            Stats.of(brochure_weasy),
            notes="ours shapes every script with HarfBuzz, lays out right to left, adds "
            "QR codes and hours tables; "
            "the WeasyPrint baseline renders plain HTML of the same texts",
        )
    ]
