"""A machine-translation batch of about 1,000 segments against the local fake translation server
answering each request after 50 ms, compared with the same requests sent one after another;
then the same batch again, which must send no request at all (translation memory)."""

from __future__ import annotations

import random
import shutil

from ..harness import Result, Stats, timed
from ._landing import describe, first_available

WHAT = "machine translation of 1,000 segments, 50 ms per request"
CANDIDATES = [("desktop.translation.engine", "translate_batch")]
LATENCY = 0.05
# A self-hosted LibreTranslate on the office network: no public quota to respect, so the batch may
# start 100 requests a second (the default of 10 a second protects paid and public services and
# would measure only that cap), with the default 8 in flight.
SELF_HOSTED_RATE = 100.0
OFFERS = 56  # x about 18 distinct segments each: about 1,000


def missing() -> str | None:
    return None if first_available(CANDIDATES) else describe(CANDIDATES, "the translation engine (issue 4)")


def _template(bench) -> str:
    """A region with German texts only, about 1,000 distinct segments, built once per run of the suite."""
    from benchmarks.region import build_region

    path = bench.scratch / "mt-template.sqlite"
    if not path.exists():
        build_region(path, OFFERS, 1, seed=42)
        _add_target_language(path)
    return str(path)


def _add_target_language(path) -> None:
    from desktop.db import open_database
    from desktop.regions import add_language, current_region

    db = open_database(str(path))
    try:
        with db.transaction() as session:
            add_language(session, current_region(session), "ar", "de")
    finally:
        db.dispose()


def _sequential(server, chunks: list[list[str]]) -> float:
    import requests

    def send_all():
        with requests.Session() as http:
            for chunk in chunks:
                answer = http.post(
                    f"{server.url}/translate",
                    json={"q": chunk, "source": "de", "target": "ar", "format": "html"},
                    timeout=30,
                )
                answer.raise_for_status()

    return timed(send_all)


def run(bench) -> list[Result]:
    from desktop.db import open_database
    from desktop.translation.engine import translate_batch
    from desktop.translation.http import Limits
    from desktop.translation.settings import Providers
    from tests.support.fake_mt_server import FakeMTServer

    limits = Limits(requests_per_second=SELF_HOSTED_RATE)

    template = _template(bench)
    firsts, seconds, baselines, second_requests = [], [], [], []
    rng = random.Random(1)
    with FakeMTServer() as server:
        server.latency = LATENCY
        for number in range(bench.runs["slow"]):
            path = bench.scratch / f"mt-{number}.sqlite"
            shutil.copyfile(template, path)
            db = open_database(str(path))
            try:
                server.reset_counts()
                firsts.append(
                    timed(
                        lambda db=db: translate_batch(
                            db,
                            Providers(db, override="libretranslate", url=server.url, limits=limits),
                            ["ar"],
                            author="bench",
                        )
                    )
                )
                requests_sent, segments = server.requests, server.segments
                per_request = max(1, round(segments / max(requests_sent, 1)))
                words = [f"Satz {rng.random()}." for _ in range(segments)]
                baselines.append(
                    _sequential(server, [words[i : i + per_request] for i in range(0, segments, per_request)])
                )
                server.reset_counts()
                seconds.append(
                    timed(
                        lambda db=db: translate_batch(
                            db,
                            Providers(db, override="libretranslate", url=server.url, limits=limits),
                            ["ar"],
                            author="bench",
                        )
                    )
                )
                second_requests.append(server.requests)
            finally:
                db.dispose()
    return [
        Result(
            "mt_batch",
            f"{WHAT}: the batch ({segments} segments in {requests_sent} requests)",
            "s",
            Stats.of(firsts),
            "the same requests one after another",
            Stats.of(baselines),
        ),
        Result(
            "mt_batch",
            f"the same batch again: {max(second_requests)} requests sent (must be 0)",
            "s",
            Stats.of(seconds),
            "the first run",
            Stats.of(firsts),
            extra={"second_run_requests": second_requests},
        ),
    ]
