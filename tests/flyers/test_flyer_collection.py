"""A flyer is made without cyclic collections (desktop/flyers.py): its ~10,000 objects started a
dozen young collections and now and then a full one over every object of the process (0.24 s
beside WeasyPrint in the benchmark's process, issue 20 round 6). Its own cycles (fpdf2's
document) are freed at its end, not left to whatever runs next."""

from __future__ import annotations

import gc

import pytest

from desktop.flyers import FlyerError, render_offer_flyer

from .support import sample_offer_id


def _collections_during(work) -> list[int]:
    seen: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        work()
    finally:
        gc.callbacks.remove(note)
    return seen


def test_a_flyer_starts_no_collection_and_frees_its_own_cycles(demo_db, tmp_path):
    offer_id = sample_offer_id(demo_db)
    render_offer_flyer(demo_db, offer_id, tmp_path / "first.pdf", "ar", bilingual=True, policy="machine")
    gc.collect()
    gc.set_threshold(50)  # a collection every 50 new objects, were the collector running
    try:
        seen = _collections_during(
            lambda: render_offer_flyer(
                demo_db, offer_id, tmp_path / "f.pdf", "ar", bilingual=True, policy="machine"
            )
        )
    finally:
        gc.set_threshold(700)
    assert seen == [0]  # only the flyer's own young collection at its end
    assert gc.isenabled()
    assert gc.collect() < 200  # the document's ~9,000 objects in cycles were freed already


def test_a_refused_flyer_leaves_the_collector_running(demo_db, tmp_path):
    with pytest.raises(FlyerError):
        render_offer_flyer(demo_db, sample_offer_id(demo_db), tmp_path / "x.pdf", "xx", policy="machine")
    assert gc.isenabled()
