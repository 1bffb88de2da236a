"""The shaping caches' memory (export/flyers/remembered.py): one budget in bytes, least recently
used out first, the estimate close to what the entries really hold, and a brochure made under
a budget far too small for it is the brochure made with room for everything."""

from __future__ import annotations

import gc
import re
import sys
import tracemalloc
from dataclasses import replace
from datetime import date

import pytest

from desktop.brochure import render_region_brochure
from export.flyers import render_flyer
from export.flyers.remembered import BUDGET, REMEMBERED, Remembered

from .support import sample_data


@pytest.fixture
def remembered():
    """The process's table, emptied, with its budget put back afterwards."""
    REMEMBERED.clear()
    yield REMEMBERED
    REMEMBERED.resize(BUDGET)
    REMEMBERED.clear()


def _pdf(path) -> bytes:
    """The file without what differs between any two runs (creation date, file ID)."""
    data = path.read_bytes()
    data = re.sub(rb"/CreationDate \(D:[^)]*\)", b"", data)
    return re.sub(rb"/ID \[<[0-9A-Fa-f]+><[0-9A-Fa-f]+>\]", b"", data)


def test_least_recently_used_leave_first_and_the_budget_holds():
    table = Remembered(budget=10_000)
    keys = [("advances", "font", f"text {n}", None, "de") for n in range(200)]
    for n, key in enumerate(keys[:5]):
        table.put(key, tuple(range(1000, 1000 + n + 1)))
    assert table.get(keys[0]) == (1000,)  # used now: the newest of the five
    for key in keys[5:]:
        table.put(key, (5000, 6000))
        assert table.used <= table.budget
    assert table.evicted > 0
    assert table.get(keys[1]) is None  # not used since it was put: gone first
    assert table.get(keys[-1]) == (5000, 6000)
    assert table.used == sum(table.bytes_by_cache().values())
    table.resize(0)
    assert not table.entries and table.used == 0


def test_the_estimate_is_close_to_the_memory_the_entries_hold(demo_db, tmp_path, remembered):
    data = replace(sample_data(demo_db), printed_on=date(2026, 12, 7))
    render_flyer(data, tmp_path / "fonts.pdf", "de")  # fonts parsed outside the measurement
    remembered.clear()
    gc.collect()
    tracemalloc.start()
    try:
        for code in ("ar", "ti", "uk", "fa"):
            render_flyer(data, tmp_path / f"{code}.pdf", code, bilingual=True)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
        estimate, by_cache = remembered.used, remembered.bytes_by_cache()
        remembered.clear()
        gc.collect()
        freed = held - tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert set(by_cache) == {"shaped", "advances", "width", "units"}
    # Errs high (a text shared by several keys counts in each), never far.
    assert freed <= estimate <= 1.4 * freed, (estimate, freed)


@pytest.mark.parametrize(("language", "bilingual"), [("ar", True), ("fa", False)])
def test_a_brochure_under_a_small_budget_is_the_brochure_made_with_room_for_everything(
    demo_db, tmp_path, remembered, language, bilingual
):
    roomy, tight = tmp_path / "roomy.pdf", tmp_path / "tight.pdf"
    render_region_brochure(demo_db, roomy, language, bilingual=bilingual, policy="machine")
    needed = remembered.used
    assert remembered.evicted == 0 and needed > 200_000
    remembered.clear()
    remembered.resize(needed // 8)
    seen = []

    def progress(done, total, message=""):
        seen.append(remembered.used)

    render_region_brochure(demo_db, tight, language, bilingual=bilingual, policy="machine", progress=progress)
    assert remembered.evicted > 0
    assert len(seen) >= 3 and max(seen) <= needed // 8 and remembered.used <= needed // 8
    assert _pdf(tight) == _pdf(roomy)


def test_two_threads_sharing_the_table_keep_its_count_and_budget():
    """A flyer preview and a brochure may shape at the same time (two worker threads)."""
    import threading

    table = Remembered(budget=50_000)
    keys = [("units", "font", f"Wort {n}", None, "de", None) for n in range(400)]
    errors = []

    def work(offset: int) -> None:
        try:
            for round_ in range(30):
                for n in range(offset, len(keys), 2):
                    key = keys[(n + round_) % len(keys)]
                    if table.get(key) is None:
                        table.put(key, (300, 400, n))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns every few bytecodes: races show
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    assert errors == []
    assert table.evicted > 0 and table.used <= table.budget
    assert table.used == sum(table.bytes_by_cache().values())
