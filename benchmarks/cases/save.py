"""Saving an offer's German text with its revision, against a plain SQL insert of the same row."""

from __future__ import annotations

import random

from sqlalchemy import insert

from ..harness import Result, Stats, alternate, ms, timed
from ..region import make_text

WHAT = "save an offer with its revision"


def missing() -> str | None:
    return None


def run(bench) -> list[Result]:
    from desktop.db import open_database
    from desktop.offers import get_offer, save_offer
    from models.tables import TextRevision

    region = bench.private_region("save")
    db = open_database(region.url)
    rng = random.Random(5)
    counter = iter(range(10**9))
    last: dict = {}

    def ours() -> float:
        offer = get_offer(db, rng.randint(1, region.offers))
        values = make_text(rng, "de", next(counter))
        last.update(offer_id=offer.id, values=values)
        return timed(
            lambda: save_offer(
                db, offer.id, expected_version=offer.version, author="bench", texts={"de": values}
            )
        )

    def baseline() -> float:
        row = {
            "offer_id": last["offer_id"],
            "language_code": "de",
            **last["values"],
            "fingerprint": "f" * 64,
            "review_status": "source",
            "minor": False,
            "author": "bench",
            "note": "",
        }

        def insert_row():
            with db.engine.begin() as conn:
                conn.execute(insert(TextRevision.__table__).values(**row))

        return timed(insert_row)

    try:
        mine, plain = alternate(ours, baseline, bench.runs["fast"])
    finally:
        db.dispose()
    return [
        Result(
            "save",
            f"{WHAT} ({len(region.languages)} languages)",
            "ms",
            Stats.of(ms(mine)),
            "plain SQL insert of the same row in one transaction",
            Stats.of(ms(plain)),
        )
    ]
