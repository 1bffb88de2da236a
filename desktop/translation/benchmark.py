"""Throughput of the translation pipeline, for the benchmark suite: N distinct segments
through memory and service, with many requests in flight or one after another, and a
second run that must send nothing. Point it at a LibreTranslate-compatible server
(the tests' ``tests/support/fake_mt_server.py`` with ``latency = 0.05``)."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

from export.leftovers import temp_folder

from ..db import Database, open_database
from .http import Limits
from .providers import LibreTranslate, ProviderConfig
from .segmenting import template
from .sending import translate_segments


@dataclass
class Throughput:
    segments: int
    concurrency: int
    batch: int
    seconds: float
    requests: int
    segments_per_second: float
    second_run_seconds: float
    second_run_requests: int

    def as_dict(self) -> dict:
        return asdict(self)


def sample_segments(count: int):
    """``count`` distinct German sentences with a phone number and a time to protect."""
    segments = []
    for i in range(count):
        segments += template(
            f"Beratung Nummer {i} am Markt: Rufen Sie 0241 {100000 + i} an, ab 9:{i % 60:02d} Uhr."
        ).segments
    return segments[:count]


def measure(
    url: str,
    *,
    segments: int = 1000,
    concurrency: int = 8,
    batch: int = 1,
    db: Database | None = None,
    target: str = "ar",
) -> Throughput:
    """Translate ``segments`` sentences de -> ``target``; then again (all from memory)."""
    own = db is None
    folder = None
    if own:
        folder = temp_folder("bench")
        db = open_database(f"{folder.name}/bench.sqlite")
    try:
        limits = Limits(
            timeout=10, retries=2, backoff=0.05, requests_per_second=10_000, concurrency=concurrency
        )
        provider = LibreTranslate(ProviderConfig("libretranslate", url=url, limits=limits))
        provider.max_batch = batch
        provider.languages()
        work = sample_segments(segments)
        before = provider.client.requests_sent
        started = time.perf_counter()
        run = translate_segments(db, provider, "de", target, work)
        seconds = time.perf_counter() - started
        requests = provider.client.requests_sent - before
        if run.errors:
            raise next(iter(run.errors.values()))
        before = provider.client.requests_sent
        started = time.perf_counter()
        again = translate_segments(db, provider, "de", target, work)
        second = time.perf_counter() - started
        assert len(again.done) == len(work)
        return Throughput(
            segments,
            concurrency,
            batch,
            round(seconds, 3),
            requests,
            round(segments / seconds, 1),
            round(second, 3),
            provider.client.requests_sent - before,
        )
    finally:
        if own:
            db.dispose()
            folder.cleanup()


def main() -> None:  # pragma: no cover - ``python -m desktop.translation.benchmark``
    import json
    import sys

    sys.path.insert(0, ".")
    from tests.support.fake_mt_server import FakeMTServer

    with FakeMTServer() as server:
        server.latency = 0.05
        for concurrency, batch in ((1, 1), (8, 1), (16, 1), (1, 25), (8, 25)):
            print(json.dumps(measure(server.url, concurrency=concurrency, batch=batch).as_dict()), flush=True)


if __name__ == "__main__":  # pragma: no cover
    main()
