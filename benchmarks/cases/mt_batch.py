"""A machine-translation batch of 1,000 segments at 50 ms simulated latency, against the
same requests one after another; a second run must send no request."""
from __future__ import annotations

from ._landing import describe, first_available

WHAT = "machine translation of 1,000 segments"
CANDIDATES = [("desktop.translation.batch", "translate_batch"), ("desktop.translation", "translate_batch")]


def missing() -> str | None:
    return None if first_available(CANDIDATES) else describe(CANDIDATES, "the translation engine (issue 4)")


def run(bench):
    raise NotImplementedError("wired when issue 4 lands")
