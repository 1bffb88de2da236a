"""The benchmark function: many requests in flight beat one after another at 50 ms latency,
and a second run sends nothing."""

from __future__ import annotations

from desktop.translation.benchmark import measure


def test_concurrent_requests_beat_sequential_ones_and_the_second_run_sends_nothing(mt_server):
    mt_server.latency = 0.05
    sequential = measure(mt_server.url, segments=60, concurrency=1)
    concurrent = measure(mt_server.url, segments=60, concurrency=8)
    assert sequential.requests == concurrent.requests == 60
    assert sequential.seconds >= 60 * 0.05
    assert concurrent.seconds * 3 < sequential.seconds
    assert concurrent.second_run_requests == 0 and sequential.second_run_requests == 0
